"""Adding to the basket from a callout on a page any cache may hold: with a
script, the form is posted with the token from /visitor/ and the
confirmation comes from /visitor/ at the article; without one, the GET form
shows a confirmation step that posts with a token. Nobody else ever sees
the message."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from tests.factories_shop import make_product

from .conftest import paragraph, product_callout
from .helpers import form_data

pytestmark = pytest.mark.django_db


def status_messages(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [item.get_text(" ", strip=True) for item in soup.select("[data-message]")]


def test_adding_from_a_callout_shows_the_confirmation_at_the_article(make_article):
    product = make_product(title="Lumbar roll & strap", price="24.00")
    article = make_article(
        paragraph("Support helps."), product_callout(product.pk, headline="Our pick")
    )
    shopper = Client(enforce_csrf_checks=True)
    first = shopper.get(article.url)
    assert "public" in first["Cache-Control"] and not first.cookies
    data = form_data(first.content, f'[data-product-id="{product.pk}"] form')
    # What site.js does: the token from /visitor/, then a POST.
    data["csrfmiddlewaretoken"] = shopper.get("/visitor/").json()["csrf_token"]

    added = shopper.post(f"/shop/basket/add/{product.pk}/", data)
    assert added.status_code == 302
    assert added["Location"] == f"{article.url}#callout-b1"

    back = shopper.get(article.url)
    assert back.content == first.content, "the same bytes for everybody"
    visitor = shopper.get("/visitor/").json()
    [confirmation, *_] = [m["html"] for m in visitor["messages"]]
    assert "Lumbar roll &amp; strap</strong> has been added to your basket" in (
        confirmation
    )
    assert "<script" not in confirmation
    assert visitor["basket"]["num_items"] == 1
    # Shown once; nobody else gets it.
    assert shopper.get("/visitor/").json()["messages"] == []
    assert Client().get("/visitor/").json()["messages"] == []


def test_without_a_script_adding_takes_one_confirmation_step(make_article):
    product = make_product(title="Heat wrap", price="12.00")
    article = make_article(product_callout(product.pk))
    shopper = Client(enforce_csrf_checks=True)
    page = shopper.get(article.url)
    form = BeautifulSoup(page.content, "html.parser").select_one(
        f'[data-product-id="{product.pk}"] form'
    )
    assert form["method"] == "get"
    data = form_data(page.content, f'[data-product-id="{product.pk}"] form')

    confirm = shopper.get(form["action"], data)
    assert confirm.status_code == 200
    assert "private" in confirm["Cache-Control"]
    # The GET added nothing.
    assert shopper.get("/visitor/").json()["basket"]["num_items"] == 0
    data = form_data(confirm.content, "form.confirm-form")
    assert data["csrfmiddlewaretoken"] and data["next"] == f"{article.url}#callout-b0"

    added = shopper.post(form["action"], data)
    assert added.status_code == 302
    assert added["Location"] == f"{article.url}#callout-b0"
    assert shopper.get("/visitor/").json()["basket"]["num_items"] == 1
    basket = shopper.get("/shop/basket/")
    assert "Heat wrap" in basket.content.decode()


def test_confirmation_step_for_a_missing_product_returns_with_a_message(make_article):
    article = make_article(paragraph("Nothing to buy."))
    response = Client().get("/shop/basket/add/999999/", {"next": article.url})
    assert response.status_code == 302
    assert response["Location"] == article.url


def test_post_without_a_token_is_refused(make_article):
    product = make_product(title="Seat wedge")
    response = Client(enforce_csrf_checks=True).post(
        f"/shop/basket/add/{product.pk}/", {"quantity": 1}
    )
    assert response.status_code == 403


def test_visitor_messages_escape_what_the_shopper_did_not_write(home_page):
    product = make_product(title="<img src=x onerror=alert(1)> roller")
    shopper = Client()
    shopper.post(f"/shop/basket/add/{product.pk}/", {"quantity": 1, "next": "/"})
    html = " ".join(m["html"] for m in shopper.get("/visitor/").json()["messages"])
    assert "&lt;img src=x onerror=alert(1)&gt; roller" in html
    assert "<img" not in html
