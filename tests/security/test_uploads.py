"""Image uploads: size and type limits with a message a person can act on."""

import io

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image

from shop.dashboard.catalogue.forms import ProductImageForm

pytestmark = pytest.mark.django_db


def image_bytes(fmt, size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 80, 40)).save(buffer, format=fmt)
    return buffer.getvalue()


def product_image_form(name, content, content_type):
    upload = SimpleUploadedFile(name, content, content_type=content_type)
    return ProductImageForm(
        data={"images-0-display_order": 0, "images-0-caption": ""},
        files={"images-0-original": upload},
        prefix="images-0",
    )


def test_dashboard_product_view_uses_the_checked_image_form():
    view = apps.get_app_config("catalogue_dashboard").product_createupdate_view
    assert issubclass(view.image_formset.form, ProductImageForm)


@override_settings(SHOP_IMAGE_MAX_UPLOAD_SIZE=500)
def test_oversized_product_image_is_refused_with_sizes_in_the_message():
    form = product_image_form("big.png", image_bytes("PNG", (300, 300)), "image/png")
    assert not form.is_valid()
    message = form.errors["original"][0]
    assert "the largest allowed is 500" in message
    assert "smaller size" in message


def test_product_image_in_an_unaccepted_format_is_refused():
    form = product_image_form("photo.png", image_bytes("BMP"), "image/png")
    assert not form.is_valid()
    assert "BMP images are not accepted" in form.errors["original"][0]


def test_non_image_pretending_to_be_png_is_refused():
    form = product_image_form(
        "x.png", b"<script>alert(1)</script>", content_type="image/png"
    )
    assert not form.is_valid()
    assert "original" in form.errors


def test_small_png_product_image_is_accepted():
    form = product_image_form("ok.png", image_bytes("PNG"), "image/png")
    form.is_valid()
    assert "original" not in form.errors


@override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=500)
def test_wagtail_image_upload_over_the_limit_is_refused(
    client, django_user_model, home_page
):
    from wagtail.images import get_image_model
    from wagtail.models import Collection

    admin = django_user_model.objects.create_superuser("boss", "b@example.com", "x")
    client.force_login(admin)
    upload = SimpleUploadedFile(
        "big.png", image_bytes("PNG", (300, 300)), content_type="image/png"
    )
    response = client.post(
        "/cms/images/add/",
        {
            "title": "Big",
            "file": upload,
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 200
    assert b"This file is too big" in response.content
    assert not get_image_model().objects.filter(title="Big").exists()
