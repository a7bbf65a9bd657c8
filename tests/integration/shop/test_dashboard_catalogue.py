"""Staff create and edit products in Oscar's dashboard: stock, price, was
price, category and image."""

import io
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from oscar.test.factories import UserFactory
from PIL import Image

from shop.catalogue.models import Product, ProductCategory
from shop.partner.models import StockRecord
from tests.factories_shop import (
    PartnerFactory,
    ProductClassFactory,
    make_category,
    make_product,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def form_data(response):
    """The POST for the page's product form and formsets as rendered
    (initial values, management forms)."""
    data = {}
    forms = [response.context_data["form"]]
    for name, value in response.context_data.items():
        if name.endswith("_formset") and hasattr(value, "management_form"):
            forms.append(value.management_form)
            forms.extend(value.forms)
    for form in forms:
        for bound in form:
            value = bound.value()
            if value is None or getattr(bound.field.widget, "input_type", "") == "file":
                continue
            if bound.field.show_hidden_initial:
                # Fields with callable defaults send their initial value too.
                data[bound.html_initial_name] = str(value)
            if isinstance(value, bool):
                if value:
                    data[bound.html_name] = "on"
            elif isinstance(value, (list, tuple)):
                data[bound.html_name] = [str(v) for v in value]
            else:
                data[bound.html_name] = str(value)
    return data


def categorised_product(**kwargs):
    """Oscar's product form requires a category."""
    product = make_product(**kwargs)
    ProductCategory.objects.create(product=product, category=make_category())
    return product


def formset_errors(response):
    errors = {"form": response.context_data["form"].errors}
    for name, value in response.context_data.items():
        if name.endswith("_formset") and hasattr(value, "errors"):
            errors[name] = (value.errors, value.non_form_errors())
    return errors


def png_upload(name="roller.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "#2a6").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_staff_create_product_with_stock_sale_category_and_image(staff_client):
    product_class = ProductClassFactory()
    partner = PartnerFactory()
    category = make_category("Massage")
    url = reverse(
        "dashboard:catalogue-product-create",
        kwargs={"product_class_slug": product_class.slug},
    )
    page = staff_client.get(url)
    assert page.status_code == 200
    assert "Was price" in page.content.decode()
    data = form_data(page)
    category_prefix = page.context_data["category_formset"].prefix
    image_prefix = page.context_data["image_formset"].prefix
    data.update(
        {
            "title": "Percussion massager",
            "upc": "PM-001",
            "is_public": "on",
            "stockrecords-0-partner": str(partner.pk),
            "stockrecords-0-partner_sku": "PM-001",
            "stockrecords-0-price_currency": "GBP",
            "stockrecords-0-price": "79.00",
            "stockrecords-0-was_price": "99.00",
            "stockrecords-0-num_in_stock": "7",
            f"{category_prefix}-0-category": str(category.pk),
            f"{image_prefix}-0-original": png_upload(),
            f"{image_prefix}-0-caption": "Massager on a mat",
            f"{image_prefix}-0-display_order": "0",
        }
    )
    response = staff_client.post(url, data)
    assert response.status_code == 302, formset_errors(response)
    product = Product.objects.get(upc="PM-001")
    stock = product.stockrecords.get()
    assert (stock.price, stock.was_price, stock.num_in_stock) == (
        D("79.00"),
        D("99.00"),
        7,
    )
    assert list(product.categories.all()) == [category]
    assert product.images.get().caption == "Massager on a mat"

    detail = staff_client.get(product.get_absolute_url()).content.decode()
    assert "£99.00" in detail and "£79.00" in detail


def test_was_price_not_above_price_is_a_form_error(staff_client):
    product = categorised_product(price="20.00")
    url = reverse("dashboard:catalogue-product", kwargs={"pk": product.pk})
    data = form_data(staff_client.get(url))
    data["stockrecords-0-was_price"] = "15.00"
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "must be higher than the price" in response.content.decode()
    assert StockRecord.objects.get(product=product).was_price is None


def test_saving_without_was_price_field_keeps_it(staff_client):
    product = categorised_product(price="20.00", was_price="30.00")
    url = reverse("dashboard:catalogue-product", kwargs={"pk": product.pk})
    data = form_data(staff_client.get(url))
    data.pop("stockrecords-0-was_price")
    data["stockrecords-0-num_in_stock"] = "4"
    response = staff_client.post(url, data)
    assert response.status_code == 302, formset_errors(response)
    stock = StockRecord.objects.get(product=product)
    assert (stock.was_price, stock.num_in_stock) == (D("30.00"), 4)


def test_clearing_was_price_ends_the_sale(staff_client):
    product = categorised_product(price="20.00", was_price="30.00")
    url = reverse("dashboard:catalogue-product", kwargs={"pk": product.pk})
    data = form_data(staff_client.get(url))
    data["stockrecords-0-was_price"] = ""
    response = staff_client.post(url, data)
    assert response.status_code == 302, formset_errors(response)
    assert StockRecord.objects.get(product=product).was_price is None
