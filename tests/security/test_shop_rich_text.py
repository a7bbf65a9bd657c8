"""Rich text a catalogue manager types in the dashboard (category descriptions,
rich-text product attributes) reaches shop pages cleaned: formatting and
links stay, nothing that runs or redirects does."""

from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse

from shop.catalogue.models import Category, ProductAttribute
from site_project.roles import CATALOGUE_MANAGERS
from tests.factories_shop import ProductClassFactory
from tests.integration.shop.test_dashboard_catalogue import (
    categorised_product,
    form_data,
    formset_errors,
)
from tests.security.conftest import make_user
from tests.security.test_hostile_input import PAYLOAD, assert_inert

pytestmark = pytest.mark.django_db

HOSTILE_RICH_TEXT = (
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">'
    "<p>Supports the <strong>lower back</strong>.</p>"
    '<ul><li>Washable <a href="https://example.com/care">cover</a></li></ul>' + PAYLOAD
)


def assert_cleaned(html, where):
    assert_inert(html, where)
    assert "http-equiv" not in html, where
    assert "<script>alert" not in html, where
    # Ordinary formatting survives.
    assert "<p>Supports the <strong>lower back</strong>.</p>" in html, where
    assert '<li>Washable <a href="https://example.com/care">cover</a></li>' in html


@pytest.fixture
def catalogue_client(client, home_page):
    client.force_login(make_user("catalogue", CATALOGUE_MANAGERS))
    return client


def test_category_description_from_the_dashboard_renders_cleaned(catalogue_client):
    url = reverse("dashboard:catalogue-category-create")
    data = form_data(catalogue_client.get(url))
    data.update(
        {
            "name": "Lumbar rolls",
            "description": HOSTILE_RICH_TEXT,
            "is_public": "on",
            "treebeard_position": "first-child",
        }
    )
    response = catalogue_client.post(url, data)
    assert response.status_code == 302, response.context_data["form"].errors
    category = Category.objects.get(name="Lumbar rolls")

    response = catalogue_client.get(category.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert_cleaned(html, "category page")


def test_rich_text_attribute_from_the_dashboard_renders_cleaned(catalogue_client):
    product_class = ProductClassFactory()
    ProductAttribute.objects.create(
        product_class=product_class, name="Care", code="care", type="richtext"
    )
    product = categorised_product(product_class=product_class)
    url = reverse("dashboard:catalogue-product", kwargs={"pk": product.pk})
    data = form_data(catalogue_client.get(url))
    data["attr_care"] = HOSTILE_RICH_TEXT
    response = catalogue_client.post(url, data)
    assert response.status_code == 302, formset_errors(response)

    response = catalogue_client.get(product.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert_cleaned(html, "product page")


def test_rich_text_stored_before_cleaning_is_cleaned_by_the_migration():
    migration = import_module("shop.catalogue.migrations.0035_clean_stored_rich_text")
    category = Category.add_root(
        name="Old text",
        description='<p>Kept</p><meta http-equiv="refresh" content="0;url=/x">',
    )
    migration.clean_stored_rich_text(apps, None)
    category.refresh_from_db()
    assert category.description == "<p>Kept</p>"
