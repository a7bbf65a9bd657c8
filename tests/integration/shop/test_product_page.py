"""The product page, and keeping writes off the read path."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from oscar.apps.analytics.models import ProductRecord
from oscar.apps.catalogue.signals import product_viewed

from shop.catalogue.models import ProductCategory
from tests.factories_shop import make_category, make_product

pytestmark = pytest.mark.django_db


def test_product_page_shows_sale_price_availability_and_basket_form(client):
    product = make_product(
        title="Knee-to-chest cushion", price="30.00", was_price="45.00"
    )
    response = client.get(product.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert "Knee-to-chest cushion" in content
    assert "data-was-price>£45.00</del>" in content
    assert "£30.00" in content
    assert 'data-availability="instock"' in content
    assert 'name="quantity"' in content
    assert "data-mini-basket-count" in content


def test_product_page_does_not_write_analytics(client):
    product = make_product()
    modules = {receiver[1]().__module__ for receiver in product_viewed.receivers}
    # Only the cookie-based "recently viewed" history is left listening.
    assert "oscar.apps.analytics.receivers" not in modules
    client.get(product.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        client.get(product.get_absolute_url())
    writes = [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        and "django_session" not in q["sql"]
    ]
    assert writes == []
    assert not ProductRecord.objects.exists()


def test_hidden_product_page_is_404(client):
    product = make_product(is_public=False)
    assert client.get(product.get_absolute_url()).status_code == 404


def test_product_page_costs_a_fixed_number_of_queries(client):
    """Pinned, caches warm (as a second visitor finds them): the same for a
    product in one category as in three."""
    top = make_category("Therapy")
    one, three = make_product(title="Ice pack"), make_product(title="Heat pad")
    cold = make_category("Cold", parent=make_category("Cool", parent=top))
    ProductCategory.objects.create(product=one, category=cold)
    for n in range(3):
        child = make_category(
            f"Heat {n}", parent=make_category(f"Warm {n}", parent=top)
        )
        ProductCategory.objects.create(product=three, category=child)

    def queries(product):
        Client().get(product.get_absolute_url())
        with CaptureQueriesContext(connection) as captured:
            assert Client().get(product.get_absolute_url()).status_code == 200
        return len(captured)

    assert queries(one) == queries(three) == 10
