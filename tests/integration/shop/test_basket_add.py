"""Adding to the basket from anywhere: redirect to ``next`` with a message."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from tests.factories_shop import make_product

pytestmark = pytest.mark.django_db

NEXT = "/articles/some-article/#callout-1"


def add(client, pk, **data):
    data.setdefault("next", NEXT)
    return client.post(reverse("basket:add", kwargs={"pk": pk}), data)


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def basket_quantity(client):
    response = client.get(reverse("basket:summary"))
    return response.context["basket"].num_items


def test_add_redirects_to_next_with_success_message(client):
    product = make_product(title="Lumbar roll")
    response = add(client, product.pk, quantity=2)
    assert response.status_code == 302
    assert response["Location"] == NEXT
    assert any("Lumbar roll" in m for m in messages_of(response))
    assert basket_quantity(client) == 2


@pytest.mark.parametrize(
    ("quantity", "expected"),
    [
        ("abc", "whole number"),
        ("1.5", "whole number"),
        ("-1", "at least 1"),
        ("0", "at least 1"),
        ("100000000000000000000000", "at most 99"),
        ("", "Enter a quantity"),
    ],
)
def test_bad_quantity_redirects_to_next_with_message(client, quantity, expected):
    product = make_product()
    add(client, product.pk, quantity=1)
    response = add(client, product.pk, quantity=quantity)
    assert response.status_code == 302
    assert response["Location"] == NEXT
    assert any(expected in m for m in messages_of(response))
    assert basket_quantity(client) == 1


def test_out_of_stock_redirects_to_next_with_message(client):
    product = make_product(num_in_stock=0)
    response = add(client, product.pk, quantity=1)
    assert response["Location"] == NEXT
    assert any("no stock available" in m.lower() for m in messages_of(response))
    assert basket_quantity(client) == 0


def test_more_than_in_stock_is_refused(client):
    product = make_product(num_in_stock=3)
    response = add(client, product.pk, quantity=4)
    assert response["Location"] == NEXT
    assert messages_of(response)
    assert basket_quantity(client) == 0


@pytest.mark.parametrize("public", [False, None])
def test_unknown_or_hidden_product_redirects_with_message(client, public):
    product = make_product(is_public=bool(public))
    pk = product.pk if public is not None else 999999
    response = add(client, pk)
    assert response.status_code == 302
    assert response["Location"] == NEXT
    assert "not available" in messages_of(response)[0]


def test_unsafe_next_falls_back_to_referrer_then_basket(client):
    product = make_product()
    response = add(client, product.pk, next="https://evil.example/")
    assert response["Location"] == reverse("basket:summary")
    response = client.post(
        reverse("basket:add", kwargs={"pk": product.pk}),
        {"quantity": 1, "next": "//evil.example/"},
        HTTP_REFERER="http://testserver/shop/catalogue/",
    )
    assert response["Location"] == "http://testserver/shop/catalogue/"


def test_add_without_csrf_token_is_refused():
    client = Client(enforce_csrf_checks=True)
    product = make_product()
    response = client.post(
        reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1}
    )
    assert response.status_code == 403
