"""Breadcrumbs on shop pages are the site's breadcrumb, as on articles: a
nav named "Breadcrumb", an ordered list, the current page aria-current."""

import pytest
from bs4 import BeautifulSoup

from shop.catalogue.models import ProductCategory
from tests.factories_blog import ArticlePageFactory
from tests.factories_shop import make_category, make_product

pytestmark = pytest.mark.django_db


def breadcrumb(response):
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    [nav] = soup.select('nav[aria-label="Breadcrumb"]')
    assert "breadcrumbs" in nav["class"]
    items = nav.select("ol > li")
    [current] = nav.select('[aria-current="page"]')
    assert current in items[-1].descendants or current is items[-1]
    assert current.name != "a"
    links = [(a.get_text(strip=True), a["href"]) for a in nav.select("a")]
    return links, current.get_text(strip=True)


@pytest.fixture
def catalogue():
    supports = make_category("Supports")
    lumbar = make_category("Lumbar supports", parent=supports)
    cushion = make_product(title="Lumbar cushion")
    ProductCategory.objects.create(product=cushion, category=lumbar)
    return supports, lumbar, cushion


def test_article_category_and_product_share_one_breadcrumb(
    client, article_index, catalogue
):
    supports, lumbar, cushion = catalogue
    article = ArticlePageFactory(parent=article_index, title="Sitting well")

    assert breadcrumb(client.get(article.url)) == (
        [("Backbone", "/"), ("Articles", "/articles/")],
        "Sitting well",
    )
    assert breadcrumb(client.get("/shop/catalogue/")) == (
        [("Home", "/")],
        "All products",
    )
    assert breadcrumb(client.get(lumbar.get_absolute_url())) == (
        [
            ("Home", "/"),
            ("Shop", "/shop/catalogue/"),
            ("Supports", supports.get_absolute_url()),
        ],
        "Lumbar supports",
    )
    assert breadcrumb(client.get(cushion.get_absolute_url())) == (
        [
            ("Home", "/"),
            ("Shop", "/shop/catalogue/"),
            ("Supports", supports.get_absolute_url()),
            ("Lumbar supports", lumbar.get_absolute_url()),
        ],
        "Lumbar cushion",
    )


def test_breadcrumb_text_is_escaped(client):
    category = make_category("<b>Braces</b>")
    response = client.get(category.get_absolute_url())
    assert b"<b>Braces</b>" not in response.content
    assert breadcrumb(response)[1] == "<b>Braces</b>"


def test_basket_uses_the_site_breadcrumb(client):
    from django.urls import reverse

    links, current = breadcrumb(client.get(reverse("basket:summary")))
    assert links == [("Home", "/")]
    assert current == "Basket"
