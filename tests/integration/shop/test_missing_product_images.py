"""A product whose image file is gone from storage (media not restored with
the database) still has its card and page, without a broken image."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from shop.catalogue.models import ProductCategory, ProductImage
from tests.factories_shop import make_category, make_product

pytestmark = pytest.mark.django_db


def png_upload(name):
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), "#2a6").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def product_with_image(title, lose_file=False):
    product = make_product(title=title)
    image = ProductImage.objects.create(
        product=product, original=png_upload(f"{title.lower()}.png"), display_order=0
    )
    if lose_file:
        image.original.storage.delete(image.original.name)
        assert not image.original.storage.exists(image.original.name)
    return product


def card_images(response, product):
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    card = soup.select_one(f'[data-product-id="{product.pk}"]')
    assert card is not None
    return card.find_all("img")


def test_category_card_of_product_with_missing_image_shows_no_image(client):
    category = make_category("Cushions")
    gone = product_with_image("Vanished", lose_file=True)
    kept = product_with_image("Pictured")
    for product in (gone, kept):
        ProductCategory.objects.create(product=product, category=category)

    response = client.get(category.get_absolute_url())

    assert card_images(response, gone) == []
    assert "No image" in str(
        BeautifulSoup(response.content, "html.parser").select_one(
            f'[data-product-id="{gone.pk}"]'
        )
    )
    [kept_image] = card_images(response, kept)
    assert kept_image["src"].startswith("/media/")


def gallery(response):
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.select_one("#product_gallery")


def test_product_page_with_missing_image_renders_without_it(client):
    product = product_with_image("Lost roller", lose_file=True)
    response = client.get(product.get_absolute_url())
    content = response.content.decode()
    assert "Lost roller" in content
    assert 'name="quantity"' in content
    assert gallery(response).find("img") is None
    assert "No image" in gallery(response).get_text()


def test_product_page_shows_stored_images_and_the_placeholder(client):
    pictured = product_with_image("Pictured mat")
    [image] = gallery(client.get(pictured.get_absolute_url())).find_all("img")
    assert image["src"].startswith("/media/cache/")
    assert image["alt"] == "Pictured mat"
    # No image at all: Oscar's "image not found" picture, as before.
    bare = make_product(title="Bare mat")
    [placeholder] = gallery(client.get(bare.get_absolute_url())).find_all("img")
    assert placeholder["src"].startswith("/media/")
