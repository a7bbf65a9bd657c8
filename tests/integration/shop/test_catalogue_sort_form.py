"""Sorting a category works without JavaScript: the sort form submits."""

import pytest
from bs4 import BeautifulSoup

from shop.catalogue.models import ProductCategory
from tests.factories_shop import make_category, make_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def category():
    category = make_category("Braces")
    for title, price in [("Mid", "20.00"), ("Cheap", "5.00"), ("Dear", "90.00")]:
        product = make_product(title=title, price=price)
        ProductCategory.objects.create(product=product, category=category)
    return category


def sort_form(response):
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    select = soup.find("select", attrs={"name": "sort_by"})
    assert select is not None
    return select.find_parent("form"), select, soup


def test_sort_form_has_a_submit_button_and_a_label(client, category):
    form, select, soup = sort_form(client.get(category.get_absolute_url()))
    assert form["method"] == "get"
    assert not form.get("action")  # submits to the page it is on
    button = form.find("button", attrs={"type": "submit"})
    assert button is not None
    assert button.get_text(strip=True) == "Sort"
    label = soup.find("label", attrs={"for": select["id"]})
    assert label.get_text(strip=True) == "Sort by"


def test_submitting_the_sort_form_orders_by_price(client, category):
    response = client.get(category.get_absolute_url(), {"sort_by": "price-asc"})
    form, select, soup = sort_form(response)
    titles = [card.title for card in response.context["products"]]
    assert titles == ["Cheap", "Mid", "Dear"]
    assert select.find("option", selected=True)["value"] == "price-asc"
    cards = soup.select("[data-product-id] .product-card__title")
    assert [card.get_text(strip=True) for card in cards] == titles


def test_catalogue_page_has_the_same_sort_form(client, category):
    response = client.get("/shop/catalogue/", {"sort_by": "price-desc"})
    form, select, _ = sort_form(response)
    assert form.find("button", attrs={"type": "submit"}) is not None
    assert [card.title for card in response.context["products"]] == [
        "Dear",
        "Mid",
        "Cheap",
    ]
