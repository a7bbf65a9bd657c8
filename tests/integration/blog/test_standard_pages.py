"""The pages a shop must have: standard pages at /delivery/, /returns/,
/privacy/, /terms/ and /contact/, linked from every page's footer and from
the order review, cached and purged like every Wagtail page."""

import json
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from demo.shop_pages import ensure_shop_pages
from tests import purge_recorder
from tests.factories_shop import make_product
from tests.integration.shop.helpers import (
    add_to_basket,
    go_to_preview,
    start_guest_checkout,
)

pytestmark = pytest.mark.django_db

SHOP_PAGES = ["/delivery/", "/returns/", "/privacy/", "/terms/", "/contact/"]


@pytest.fixture
def shop_pages(home_page):
    return ensure_shop_pages(home_page)


def links(response, selector):
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [a["href"] for a in soup.select(f"{selector} a")]


def test_each_page_is_public_with_its_text_and_breadcrumb(shop_pages, home_page):
    assert [page.url for page in shop_pages] == SHOP_PAGES
    for page in shop_pages:
        response = Client().get(page.url)
        assert response.status_code == 200
        assert "s-maxage" in response["Cache-Control"]
        soup = BeautifulSoup(response.content, "html.parser")
        assert soup.find("h1").get_text(strip=True) == page.title
        assert soup.select(".standard-page__body h2")
        assert soup.find("meta", attrs={"name": "description"})["content"] == (
            page.intro
        )
        data = json.loads(soup.find("script", type="application/ld+json").string)
        assert data["@type"] == "BreadcrumbList"
        assert [item["name"] for item in data["itemListElement"]] == [
            home_page.title,
            page.title,
        ]


def test_loading_them_again_changes_nothing(shop_pages, home_page):
    assert ensure_shop_pages(home_page) == []
    assert home_page.get_children().filter(slug="delivery").count() == 1


def test_every_page_links_them_in_its_footer(shop_pages):
    product = make_product()
    for url in ["/", "/delivery/", product.get_absolute_url(), "/search/?q=roller"]:
        assert links(Client().get(url), "[data-shop-pages]") == SHOP_PAGES


def test_order_review_links_terms_and_the_policies(client, shop_pages):
    add_to_basket(client, make_product(title="Wedge cushion"))
    start_guest_checkout(client)
    go_to_preview(client)
    found = links(client.get(reverse("checkout:preview")), "[data-policy-links]")
    assert found == ["/terms/", "/delivery/", "/returns/", "/privacy/"]


def test_publishing_one_purges_it_and_the_home_page(shop_pages, settings):
    settings.WAGTAILFRONTENDCACHE = {
        "test": {"BACKEND": "tests.purge_recorder.RecordingBackend"}
    }
    purge_recorder.PURGED.clear()
    returns = shop_pages[1]
    returns.intro = "Send it back within 30 days."
    returns.save_revision().publish()
    purged = {urlsplit(url).path for url in purge_recorder.PURGED}
    assert {"/returns/", "/", "/sitemap.xml"} <= purged
    assert "Send it back within 30 days." in Client().get("/returns/").content.decode()
