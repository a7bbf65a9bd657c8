"""Fixtures for callout tests: articles whose bodies carry callouts."""

import json

import pytest

from blog.models import ArticlePage


def product_callout(product_id, rule="hide", fallback_product=None, **fields):
    return (
        "product_callout",
        {
            "product": product_id,
            "headline": fields.get("headline", ""),
            "note": fields.get("note", ""),
            "button_label": fields.get("button_label", ""),
            "layout": fields.get("layout", "inline"),
            "if_unavailable": rule,
            "fallback_product": fallback_product,
            "fallback_category": fields.get("fallback_category"),
        },
    )


def product_grid(product_ids, rule="hide", fallback_product=None, **fields):
    return (
        "product_grid",
        {
            "headline": fields.get("headline", ""),
            "note": "",
            "products": [
                {"type": "item", "value": pk, "id": f"item-{pk}"} for pk in product_ids
            ],
            "button_label": "",
            "if_unavailable": rule,
            "fallback_product": fallback_product,
            "fallback_category": fields.get("fallback_category"),
        },
    )


def category_callout(category_id, limit=3, rule="hide", **fields):
    return (
        "category_callout",
        {
            "category": category_id,
            "headline": fields.get("headline", ""),
            "note": "",
            "limit": limit,
            "button_label": "",
            "if_unavailable": rule,
            "fallback_product": fields.get("fallback_product"),
            "fallback_category": fields.get("fallback_category"),
        },
    )


def paragraph(text):
    return ("paragraph", f"<p>{text}</p>")


def body(*blocks):
    return json.dumps(
        [
            {"type": block_type, "value": value, "id": f"b{index}"}
            for index, (block_type, value) in enumerate(blocks)
        ]
    )


@pytest.fixture
def make_article(article_index):
    """Create a live article under /articles/ with the given body blocks."""
    counter = {"n": 0}

    def make(*blocks, title=None, live=True):
        counter["n"] += 1
        number = counter["n"]
        article = ArticlePage(
            title=title or f"Living with back pain {number}",
            slug=f"back-pain-{number}",
            standfirst="How to move again.",
            body=body(*blocks),
            live=live,
        )
        article_index.add_child(instance=article)
        if live:
            article.save_revision().publish()
        else:
            article.save_revision()
        return article

    return make


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        username="editor", email="editor@example.com", password="pw"
    )
    client.force_login(user)
    return client
