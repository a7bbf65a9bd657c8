"""Category and catalogue pages: sorting, pagination, sale prices, queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from shop.catalogue.models import ProductCategory
from tests.factories_shop import make_category, make_product

pytestmark = pytest.mark.django_db


def put_in(category, *products):
    for product in products:
        ProductCategory.objects.create(product=product, category=category)


def titles(response):
    return [card.title for card in response.context["products"]]


@pytest.fixture
def category_with_products():
    category = make_category("Massage")
    sub = make_category("Massage balls", parent=category)
    prices = ["30.00", "10.00", "50.00", "20.00", "40.00"]
    for n, price in enumerate(prices):
        put_in(category, make_product(title=f"Massager {n}", price=price))
    put_in(sub, make_product(title="Spiky ball", price="5.00"))
    put_in(category, make_product(title="Hidden thing", is_public=False))
    return category


def test_category_lists_public_products_of_it_and_its_children(
    client, category_with_products
):
    response = client.get(category_with_products.get_absolute_url())
    assert response.status_code == 200
    assert "Spiky ball" in titles(response)
    assert "Hidden thing" not in titles(response)
    assert len(titles(response)) == 6
    assert response.content.decode().count("data-product-id=") == 6


@pytest.mark.parametrize(
    ("sort", "first", "last"),
    [
        ("price-asc", "Spiky ball", "Massager 2"),
        ("price-desc", "Massager 2", "Spiky ball"),
        ("title-asc", "Massager 0", "Spiky ball"),
    ],
)
def test_category_sorting(client, category_with_products, sort, first, last):
    url = category_with_products.get_absolute_url()
    response = client.get(url, {"sort_by": sort})
    assert titles(response)[0] == first
    assert titles(response)[-1] == last


def test_unknown_sort_falls_back_to_featured(client, category_with_products):
    url = category_with_products.get_absolute_url()
    response = client.get(url, {"sort_by": "'; drop table"})
    assert response.status_code == 200
    assert len(titles(response)) == 6


def test_pagination_and_bad_page_numbers(client, settings):
    category = make_category("Rollers")
    for n in range(14):
        put_in(category, make_product(title=f"Roller {n:02d}"))
    url = category.get_absolute_url()
    first = client.get(url, {"sort_by": "title-asc"})
    assert len(titles(first)) == 12
    second = client.get(url, {"sort_by": "title-asc", "page": 2})
    assert titles(second) == ["Roller 12", "Roller 13"]
    for bad in ("3", "99", "abc", "-1", "0", "1.5", "99999999999999999999", "²"):
        response = client.get(url, {"page": bad})
        assert response.status_code == 302
        assert response["Location"] == url


def test_sale_shows_was_and_now_on_list(client):
    category = make_category("Sale")
    put_in(category, make_product(title="Brace", price="15.00", was_price="25.00"))
    content = client.get(category.get_absolute_url()).content.decode()
    assert "<s>£25.00</s>" in content
    assert "£15.00" in content


def test_hidden_category_is_404(client):
    category = make_category("Secret")
    category.is_public = False
    category.save()
    assert client.get(category.get_absolute_url()).status_code == 404


def test_category_page_query_count_does_not_grow_with_products(client):
    small = make_category("Small")
    for _ in range(2):
        put_in(small, make_product())
    big = make_category("Big")
    for _ in range(12):
        put_in(big, make_product())
    client.get(small.get_absolute_url())  # warm caches (navigation, sorl)
    client.get(big.get_absolute_url())
    with CaptureQueriesContext(connection) as few:
        client.get(small.get_absolute_url())
    with CaptureQueriesContext(connection) as many:
        client.get(big.get_absolute_url())
    assert len(many) == len(few)
    # The category; the page's ids with the total (one window query); the
    # products, their stock records and their images.
    assert len(many) == 5, [q["sql"] for q in many]


def test_catalogue_index_lists_all_public_products(client):
    make_product(title="Back stretcher")
    response = client.get(reverse("catalogue:index"))
    assert response.status_code == 200
    assert titles(response) == ["Back stretcher"]
