"""The basket page: change quantities, remove lines, bad input, merge."""

import pytest
from django.test import Client
from django.urls import reverse
from oscar.test.factories import UserFactory

from shop.basket.models import Basket
from shop.partner.strategy import Selector
from tests.factories_shop import make_product
from tests.integration.shop.helpers import add_to_basket

pytestmark = pytest.mark.django_db


def basket_form_data(response, **changes):
    formset = response.context["formset"]
    data = {
        f"{formset.prefix}-TOTAL_FORMS": str(formset.total_form_count()),
        f"{formset.prefix}-INITIAL_FORMS": str(formset.initial_form_count()),
        f"{formset.prefix}-MIN_NUM_FORMS": "0",
        f"{formset.prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, form in enumerate(formset.forms):
        data[f"{formset.prefix}-{i}-id"] = str(form.instance.pk)
        data[f"{formset.prefix}-{i}-quantity"] = str(form.instance.quantity)
    data.update(changes)
    return data


def mini_basket_count(response):
    content = response.content.decode()
    start = content.index("data-mini-basket-count>") + len("data-mini-basket-count>")
    return int(content[start : content.index("<", start)])


@pytest.fixture
def basket_page(client):
    add_to_basket(client, make_product(title="Wedge pillow", price="20.00"), 2)
    return client.get(reverse("basket:summary"))


def test_basket_page_shows_mini_basket(basket_page):
    assert mini_basket_count(basket_page) == 2


def test_change_quantity_updates_basket_and_mini_basket(client, basket_page):
    data = basket_form_data(basket_page, **{"form-0-quantity": "3"})
    response = client.post(reverse("basket:summary"), data, follow=True)
    assert response.context["basket"].num_items == 3
    assert mini_basket_count(response) == 3


def test_remove_line(client, basket_page):
    data = basket_form_data(basket_page, **{"form-0-DELETE": "on"})
    response = client.post(reverse("basket:summary"), data, follow=True)
    assert response.context["basket"].num_items == 0
    assert mini_basket_count(response) == 0


@pytest.mark.parametrize(
    ("quantity", "message"),
    [
        ("abc", "whole number"),
        ("-3", "at least 0"),
        ("99999999999999999999999", "at most 99"),
        ("11", "stock"),
    ],
)
def test_bad_quantity_is_a_form_error_and_keeps_basket(
    client, basket_page, quantity, message
):
    data = basket_form_data(basket_page, **{"form-0-quantity": quantity})
    response = client.post(reverse("basket:summary"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert client.get(reverse("basket:summary")).context["basket"].num_items == 2


def test_tampered_line_id_is_refused(client, basket_page):
    other = Client()
    add_to_basket(other, make_product(title="Someone else's"), 1)
    foreign_line = (
        Basket.objects.exclude(pk=basket_page.context["basket"].pk).get().lines.get()
    )
    for line_id in (str(foreign_line.pk), "999999", "abc"):
        data = basket_form_data(
            basket_page, **{"form-0-id": line_id, "form-0-quantity": "5"}
        )
        response = client.post(reverse("basket:summary"), data)
        assert response.status_code in (200, 302, 400)
    foreign_line.refresh_from_db()
    assert foreign_line.quantity == 1
    assert client.get(reverse("basket:summary")).context["basket"].num_items == 2


def test_missing_management_form_is_not_a_500(client, basket_page):
    response = client.post(reverse("basket:summary"), {"form-0-quantity": "4"})
    assert response.status_code in (200, 302, 400)
    assert client.get(reverse("basket:summary")).context["basket"].num_items == 2


def test_anonymous_basket_merges_into_account_on_sign_in(client):
    user = UserFactory(email="reader@example.com", password="a-long-passphrase")
    product = make_product(title="Heat pad")
    kept = make_product(title="Back brace")
    account_basket = Basket.objects.create(owner=user)
    account_basket.strategy = Selector().strategy()
    account_basket.add_product(kept, 1)

    add_to_basket(client, product, 2)
    assert client.cookies.get("oscar_open_basket")
    response = client.post(
        reverse("customer:login"),
        {
            "login-username": "reader@example.com",
            "login-password": "a-long-passphrase",
            "login_submit": "1",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("basket:summary"))
    basket = page.context["basket"]
    assert basket.owner == user
    assert {line.product.title: line.quantity for line in basket.all_lines()} == {
        "Heat pad": 2,
        "Back brace": 1,
    }
    assert mini_basket_count(page) == 3
