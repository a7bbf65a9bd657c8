"""Adding to the basket from a callout returns the shopper to the callout with
the confirmation in a status region that stays in view, and a page showing a
message is never stored for other visitors."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.test import Client

from tests.factories_shop import make_product

from .conftest import paragraph, product_callout
from .helpers import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    yield
    cache.clear()


def status_messages(response):
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [
        " ".join(item.get_text(" ", strip=True).split())
        for item in soup.select('[role="status"] [data-message]')
    ]


def test_adding_from_a_callout_shows_the_confirmation_at_the_article(
    client, make_article, page_cache
):
    product = make_product(title="Lumbar roll & strap", price="24.00")
    article = make_article(
        paragraph("Support helps."), product_callout(product.pk, headline="Our pick")
    )
    first = client.get(article.url)
    # A first anonymous visit may come from (and go into) the page cache.
    assert status_messages(first) == []
    data = form_data(first.content, f'[data-product-id="{product.pk}"] form')

    added = client.post(f"/shop/basket/add/{product.pk}/", data)
    assert added.status_code == 302
    assert added["Location"] == f"{article.url}#callout-b1"

    back = client.get(added["Location"].split("#")[0])
    assert back.headers.get("X-Page-Cache") != "hit"
    [confirmation, *_] = status_messages(back)
    assert "Lumbar roll & strap has been added to your basket" in confirmation
    assert "&amp;amp;" not in back.content.decode()
    soup = BeautifulSoup(back.content, "html.parser")
    region = soup.select_one('[role="status"]')
    assert "messages" in region["class"]  # the sticky region (site.css)
    # The message sits in <main> before the article, so the sticky region
    # scrolls with the page and the callout anchor lands clear of it.
    assert region.parent["id"] == "main"
    assert soup.select_one("#callout-b1") is not None

    # Shown once; nobody else is served the page with the message on it.
    assert status_messages(client.get(article.url)) == []
    stranger = Client().get(article.url)
    assert status_messages(stranger) == []
    assert b"has been added to your basket" not in stranger.content
