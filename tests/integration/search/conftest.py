"""Helpers for the site search tests: articles and products in one index."""

import itertools

import pytest
from oscar.test.factories import create_product

from blog.models import ArticlePage

_slugs = itertools.count(1)


@pytest.fixture
def make_article(article_index):
    """Create an article under /articles/ (live unless told otherwise)."""

    def make(title, standfirst="", live=True):
        article = ArticlePage(
            title=title, slug=f"article-{next(_slugs)}", standfirst=standfirst
        )
        article_index.add_child(instance=article)
        if live:
            article.save_revision().publish()
        else:
            article.live = False
            article.save()
        return article

    return make


@pytest.fixture
def make_product(db):
    """Create a product with a price and stock (public unless told otherwise)."""

    def make(title, description="", is_public=True, num_in_stock=5):
        product = create_product(
            title=title, price=20, num_in_stock=num_in_stock, is_public=is_public
        )
        if description:
            product.description = description
            product.save()
        return product

    return make
