"""Raw StreamField data for the callout blocks of `blog/callout_blocks.py`
(product_callout, product_grid, category_callout): the home page's callouts
and the benchmark articles' callouts. The demo articles write theirs as
shortcodes in their Markdown."""

import uuid


def _rule(if_unavailable="hide", fallback_product=None):
    return {
        "if_unavailable": if_unavailable,
        "fallback_product": fallback_product,
        "fallback_category": None,
    }


def product_callout(product_id, headline="", note="", **rule):
    return (
        "product_callout",
        {
            "product": product_id,
            "headline": headline,
            "note": note,
            "button_label": "",
            "layout": "inline",
            **_rule(**rule),
        },
    )


def product_grid(product_ids, headline="", note="", **rule):
    return (
        "product_grid",
        {
            "headline": headline,
            "note": note,
            "products": [
                {"type": "item", "value": pk, "id": str(uuid.uuid4())}
                for pk in product_ids
            ],
            "button_label": "",
            **_rule(**rule),
        },
    )


def category_callout(category_id, headline="", note="", limit=3, **rule):
    return (
        "category_callout",
        {
            "category": category_id,
            "headline": headline,
            "note": note,
            "limit": limit,
            "button_label": "",
            **_rule(**rule),
        },
    )


def scale_callout_blocks(product_ids, category_ids, rng, count):
    """`count` callouts for a benchmark article: mostly single products, every
    fifth a grid of three and every tenth a category. All of them stay on
    the page when stock runs out, so every article renders `count` callouts."""
    shown = "out_of_stock"
    blocks = []
    for position in range(count):
        if position % 10 == 9:
            block = category_callout(rng.choice(category_ids), if_unavailable=shown)
        elif position % 5 == 4:
            block = product_grid(rng.sample(product_ids, 3), if_unavailable=shown)
        else:
            block = product_callout(rng.choice(product_ids), if_unavailable=shown)
        blocks.append(block)
    return blocks
