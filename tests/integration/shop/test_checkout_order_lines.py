"""Checkout preview and thank-you list the order's lines through one shared
partial (templates/oscar/checkout/partials/order_contents.html): each row's
image links to the product and is named by its title, and each page keeps its
own column title, details, prices and totals."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from shop.catalogue.models import ProductImage
from tests.factories_shop import make_product
from tests.integration.shop.helpers import (
    add_to_basket,
    go_to_preview,
    place_order,
    start_guest_checkout,
)

pytestmark = pytest.mark.django_db


def png_upload():
    buffer = io.BytesIO()
    Image.new("RGB", (300, 300), "#36a").save(buffer, "PNG")
    return SimpleUploadedFile("lumbar.png", buffer.getvalue(), "image/png")


def rows(response):
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [row for row in soup.select(".basket-items") if row.select_one("h3")]


def preview_and_thank_you_rows(client):
    """Check the basket out as a guest: the line rows of the preview, then of
    the thank-you page once the order is placed."""
    start_guest_checkout(client)
    go_to_preview(client)
    preview = rows(client.get(reverse("checkout:preview")))
    assert place_order(client).status_code == 302
    return preview, rows(client.get(reverse("checkout:thank-you")))


def test_preview_and_thank_you_rows_name_link_and_price_each_line(client):
    cushion = make_product(title="Lumbar <cushion>", price="24.00", upc="LC-1")
    ProductImage.objects.create(product=cushion, original=png_upload())
    roller = make_product(title="Foam roller", price="9.50", upc="FR-2")
    add_to_basket(client, cushion, 2)
    add_to_basket(client, roller)
    preview, thank_you = preview_and_thank_you_rows(client)

    for page in (preview, thank_you):
        assert len(page) == 2
        first = page[0]
        image = first.select_one(".image_container a img")
        assert image["alt"] == "Lumbar <cushion>"
        assert image["src"].startswith("/media/")
        assert first.select_one(".image_container a")["href"] == (
            cushion.get_absolute_url()
        )
        assert first.select_one("h3 a").get_text() == "Lumbar <cushion>"
        assert first.select_one(".col-sm-1").get_text(strip=True) == "2"
        assert first.select_one(".price_color").get_text(strip=True) == "£48.00"
        assert page[1].select_one(".image_container img")["alt"] == "Foam roller"
    # The basket's lines say whether they are in stock; the order's, their UPC.
    assert preview[0].select_one(".availability.instock") is not None
    assert "LC-1" not in preview[0].get_text()
    assert thank_you[0].select_one(".availability") is None
    assert thank_you[0].select_one(".col-sm-7 p").get_text() == "LC-1"


def test_a_line_whose_image_file_is_gone_shows_no_broken_image(client):
    cushion = make_product(title="Lumbar cushion", price="24.00", upc="LC-9")
    image = ProductImage.objects.create(product=cushion, original=png_upload())
    image.original.storage.delete(image.original.name)
    add_to_basket(client, cushion)

    for page in preview_and_thank_you_rows(client):
        (line,) = page
        assert line.select(".image_container img") == []
        link = line.select_one(".image_container a")
        assert link["href"] == cushion.get_absolute_url()
        assert link.get_text() == "No image: Lumbar cushion"
