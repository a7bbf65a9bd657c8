"""Shoppers register, sign in and find their orders and addresses, all inside
the site's shared layout."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

pytestmark = pytest.mark.django_db

ACCOUNT_PAGES = [
    "customer:order-list",
    "customer:address-list",
    "customer:address-create",
    "customer:profile-view",
]


def register(client, email="grace@example.com", password="a-long-pass-phrase-42"):
    return client.post(
        reverse("customer:register"),
        {
            "email": email,
            "password1": password,
            "password2": password,
        },
    )


def test_register_signs_the_shopper_in(client, home_page):
    response = register(client)
    assert response.status_code == 302
    user = get_user_model().objects.get(email="grace@example.com")
    assert int(client.session["_auth_user_id"]) == user.pk


def test_registration_with_mismatched_passwords_is_a_form_error(client, home_page):
    response = client.post(
        reverse("customer:register"),
        {
            "email": "ada@example.com",
            "password1": "a-long-pass-phrase-42",
            "password2": "something-else-entirely",
        },
    )
    assert response.status_code == 200
    assert "password2" in response.context["form"].errors
    assert not get_user_model().objects.filter(email="ada@example.com").exists()


@pytest.mark.parametrize("name", ACCOUNT_PAGES)
def test_account_pages_render_in_the_shared_layout(client, home_page, name):
    register(client)
    response = client.get(reverse(name))
    assert response.status_code == 200
    templates = {t.name for t in response.templates}
    assert {"base.html", "oscar/layout.html"} <= templates
    assert b"data-mini-basket" in response.content


def test_account_pages_send_anonymous_visitors_to_sign_in(client, home_page):
    response = client.get(reverse("customer:order-list"))
    assert response.status_code == 302
    assert reverse("customer:login") in response["Location"]


def test_sign_in_page_has_both_forms(client, home_page):
    response = client.get(reverse("customer:login"))
    assert response.status_code == 200
    assert b'name="login-username"' in response.content
    assert b'name="registration-email"' in response.content
