"""Deleting an image in /cms/ needs ``delete_image``, which the Editors role
leaves out (issue 17, Low finding). Wagtail's own image policy lets anyone
who may change an image, or who uploaded it, delete it."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import Collection, GroupCollectionPermission

from tests.factories_blog import ImageFactory

pytestmark = pytest.mark.django_db

Image = get_image_model()


def delete(client, image):
    return client.post(reverse("wagtailimages:delete", args=[image.pk]))


def test_editor_cannot_delete_an_image_someone_else_uploaded(client, role_users):
    image = ImageFactory(uploaded_by_user=role_users["superuser"])
    client.force_login(role_users["editor"])
    assert client.get(reverse("wagtailimages:edit", args=[image.pk])).status_code == 200
    assert delete(client, image).status_code == 403
    assert Image.objects.filter(pk=image.pk).exists()


def test_editor_cannot_delete_an_image_they_uploaded(client, role_users):
    image = ImageFactory(uploaded_by_user=role_users["editor"])
    client.force_login(role_users["editor"])
    assert delete(client, image).status_code == 403
    assert Image.objects.filter(pk=image.pk).exists()


def test_editor_cannot_delete_images_in_bulk(client, role_users):
    image = ImageFactory(uploaded_by_user=role_users["editor"])
    client.force_login(role_users["editor"])
    url = reverse(
        "wagtail_bulk_action",
        args=[Image._meta.app_label, Image._meta.model_name, "delete"],
    )
    response = client.post(f"{url}?id={image.pk}", {})
    assert response.status_code in (302, 403)
    assert Image.objects.filter(pk=image.pk).exists()


def test_the_image_edit_page_offers_editors_no_delete_button(client, role_users):
    image = ImageFactory(uploaded_by_user=role_users["editor"])
    client.force_login(role_users["editor"])
    response = client.get(reverse("wagtailimages:edit", args=[image.pk]))
    assert (
        reverse("wagtailimages:delete", args=[image.pk])
        not in response.content.decode()
    )


def test_delete_image_on_the_collection_lets_a_group_delete(client, role_users):
    image = ImageFactory(uploaded_by_user=role_users["superuser"])
    editor = role_users["editor"]
    deleters = Group.objects.create(name="Image deleters")
    GroupCollectionPermission.objects.create(
        group=deleters,
        collection=Collection.get_first_root_node(),
        permission=Permission.objects.get(
            content_type__app_label="wagtailimages", codename="delete_image"
        ),
    )
    editor.groups.add(deleters)
    client.force_login(editor)
    assert delete(client, image).status_code == 302
    assert not Image.objects.filter(pk=image.pk).exists()


def test_superuser_deletes_an_image(client, role_users):
    image = ImageFactory(uploaded_by_user=role_users["editor"])
    client.force_login(role_users["superuser"])
    assert delete(client, image).status_code == 302
    assert not Image.objects.filter(pk=image.pk).exists()
