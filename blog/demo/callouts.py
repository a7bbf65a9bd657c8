"""Turn the demo's callout parts into raw StreamField data for the callout
blocks in `blog/callout_blocks.py` (the one place that knows their shape)."""

from blog.demo.structure import CategoryCallout, ProductCallout, ProductGrid


def callout_block(part, products, categories):
    """(block type, raw value) for one callout part of a demo article.

    `products` and `categories` map the keys used in the article data to the
    saved Oscar rows.
    """
    if isinstance(part, ProductCallout):
        return (
            "product_callout",
            {
                "product": products[part.product].pk,
                "heading": part.heading,
                "text": part.text,
            },
        )
    if isinstance(part, ProductGrid):
        return (
            "product_grid",
            {
                "heading": part.heading,
                "products": [products[key].pk for key in part.products],
            },
        )
    if isinstance(part, CategoryCallout):
        return (
            "category_callout",
            {
                "category": categories[part.category].pk,
                "heading": part.heading,
                "text": part.text,
                "limit": part.limit,
            },
        )
    raise TypeError(f"Not a callout: {part!r}")


def scale_callout_blocks(product_ids, category_ids, rng, count):
    """`count` callouts for a benchmark article: mostly single products, every
    fifth a grid of three and every tenth a category."""
    blocks = []
    for position in range(count):
        if position % 10 == 9:
            blocks.append(
                (
                    "category_callout",
                    {
                        "category": rng.choice(category_ids),
                        "heading": "",
                        "text": "",
                        "limit": 3,
                    },
                )
            )
        elif position % 5 == 4:
            blocks.append(
                (
                    "product_grid",
                    {"heading": "", "products": rng.sample(product_ids, 3)},
                )
            )
        else:
            blocks.append(
                (
                    "product_callout",
                    {"product": rng.choice(product_ids), "heading": "", "text": ""},
                )
            )
    return blocks
