"""Image uploads: size, type, pixel and completeness limits with a message a
person can act on."""

import io

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from PIL import Image
from wagtail.images import get_image_model
from wagtail.models import Collection

from shop.catalogue.models import ProductImage
from shop.dashboard.catalogue.forms import ProductImageForm
from site_project.roles import CATALOGUE_MANAGERS
from tests.integration.shop.test_dashboard_catalogue import (
    categorised_product,
    form_data,
)
from tests.security.conftest import make_user

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


def pixel_bomb_png():
    """A PNG of about 120 KB that declares 11000 x 11000 pixels: 121 million,
    about 480 MB once decoded for a rendition."""
    buffer = io.BytesIO()
    Image.new("L", (11000, 11000)).save(buffer, format="PNG")
    return SimpleUploadedFile("bomb.png", buffer.getvalue(), content_type="image/png")


def truncated_gif():
    """A valid GIF's bytes cut off halfway: the header reads, the pixels do not."""
    buffer = io.BytesIO()
    Image.effect_noise((200, 200), 60).convert("P").save(buffer, format="GIF")
    content = buffer.getvalue()
    return SimpleUploadedFile("cut.gif", content[: len(content) // 2], "image/gif")


BAD_IMAGES = {
    "pixel bomb": (pixel_bomb_png, "pixels"),
    "truncated GIF": (truncated_gif, "incomplete or damaged"),
}


@pytest.fixture
def editor_client(client, home_page, django_user_model):
    client.force_login(
        django_user_model.objects.create_superuser("boss", "b@example.com", "x")
    )
    return client


def post_wagtail_image(client, title, upload):
    return client.post(
        "/cms/images/add/",
        {
            "title": title,
            "file": upload,
            "collection": Collection.get_first_root_node().pk,
        },
    )


@pytest.mark.parametrize("bad_image", BAD_IMAGES)
def test_wagtail_image_upload_refuses_pixel_bombs_and_truncated_images(
    editor_client, bad_image
):
    make_upload, message = BAD_IMAGES[bad_image]
    response = post_wagtail_image(editor_client, "Bad", make_upload())
    assert response.status_code == 200
    assert message in response.context["form"].errors["file"][0]
    assert not get_image_model().objects.exists()


@pytest.mark.parametrize("bad_image", BAD_IMAGES)
def test_wagtail_multiple_image_upload_refuses_pixel_bombs_and_truncated_images(
    editor_client, bad_image
):
    make_upload, message = BAD_IMAGES[bad_image]
    response = editor_client.post(
        "/cms/images/multiple/add/",
        {
            "files[]": make_upload(),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 200
    answer = response.json()
    assert answer["success"] is False
    assert message in answer["error_message"]
    assert not get_image_model().objects.exists()


def test_wagtail_image_upload_keeps_a_complete_image(editor_client):
    upload = SimpleUploadedFile("ok.gif", image_bytes("GIF"), content_type="image/gif")
    response = post_wagtail_image(editor_client, "Fine", upload)
    assert response.status_code == 302
    assert get_image_model().objects.get().title == "Fine"


@pytest.mark.parametrize("bad_image", BAD_IMAGES)
def test_dashboard_product_image_upload_refuses_pixel_bombs_and_truncated_images(
    client, home_page, bad_image
):
    make_upload, message = BAD_IMAGES[bad_image]
    client.force_login(make_user("catalogue", CATALOGUE_MANAGERS))
    product = categorised_product()
    url = reverse("dashboard:catalogue-product", kwargs={"pk": product.pk})
    page = client.get(url)
    data = form_data(page)
    prefix = page.context_data["image_formset"].prefix
    data[f"{prefix}-0-original"] = make_upload()
    response = client.post(url, data)
    assert response.status_code == 200
    errors = response.context_data["image_formset"].errors[0]["original"]
    assert message in errors[0]
    assert not ProductImage.objects.exists()
