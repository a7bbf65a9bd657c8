"""Finding 5 (issue 17): wrong passwords on any of the four login pages lock
the account and the address out for a while, password-reset emails are
throttled per address and per client, and a failed shop login costs the same
for an address with an account as for one without."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from tests.security.hashers import CountingMD5PasswordHasher

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-pass-phrase-42"
LIMIT = 3


@pytest.fixture(autouse=True)
def low_failure_limit(settings):
    settings.AXES_FAILURE_LIMIT = LIMIT


@pytest.fixture
def superuser(home_page):
    return get_user_model().objects.create_user(
        "root",
        email="root@example.com",
        password=PASSWORD,
        is_staff=True,
        is_superuser=True,
    )


def shop_login(username, password):
    return "/shop/accounts/login/", {
        "login-username": username,
        "login-password": password,
        "login_submit": "Sign in",
    }


def staff_login(path):
    def form(username, password):
        return path, {"username": username, "password": password}

    return form


LOGIN_PAGES = {
    "shop": (shop_login, "root@example.com"),
    "cms": (staff_login("/cms/login/"), "root"),
    "dashboard": (staff_login("/shop/dashboard/login/"), "root"),
    "django-admin": (staff_login("/django-admin/login/"), "root"),
}


def attempt(client, page, username, password, ip="203.0.113.7"):
    path, data = page(username, password)
    return client.post(path, data, REMOTE_ADDR=ip)


def signed_in(client):
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("name", LOGIN_PAGES)
def test_wrong_passwords_lock_the_account_even_for_the_right_one(
    client, superuser, name
):
    page, username = LOGIN_PAGES[name]
    statuses = [
        attempt(client, page, username, "wrong-guess").status_code for _ in range(LIMIT)
    ]
    # Wrong passwords get the form again; the one that reaches the limit
    # gets the lockout page, and so does the right password after it.
    assert statuses == [200] * (LIMIT - 1) + [429]
    response = attempt(client, page, username, PASSWORD)
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert "Try again in 15 minutes" in response.content.decode()
    assert not signed_in(client)


@pytest.mark.parametrize("name", LOGIN_PAGES)
def test_the_right_password_still_signs_in_below_the_limit(client, superuser, name):
    page, username = LOGIN_PAGES[name]
    for _ in range(LIMIT - 1):
        attempt(client, page, username, "wrong-guess")
    response = attempt(client, page, username, PASSWORD)
    assert response.status_code == 302
    assert signed_in(client)


def test_the_account_is_locked_from_every_address(client, superuser):
    page, username = LOGIN_PAGES["shop"]
    for n in range(LIMIT):
        attempt(client, page, username, "wrong-guess", ip=f"198.51.100.{n}")
    # The address's case does not make it another account.
    response = attempt(client, page, "ROOT@Example.com", PASSWORD, ip="192.0.2.99")
    assert response.status_code == 429
    assert not signed_in(client)


def test_the_address_is_locked_for_every_account(client, superuser):
    page, _ = LOGIN_PAGES["cms"]
    for n in range(LIMIT):
        attempt(client, page, f"guess{n}", "wrong-guess", ip="192.0.2.50")
    response = attempt(client, page, "root", PASSWORD, ip="192.0.2.50")
    assert response.status_code == 429
    assert attempt(client, page, "root", PASSWORD, ip="192.0.2.51").status_code == 302


def test_the_client_address_is_read_behind_the_sites_proxies(
    client, superuser, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    page, username = LOGIN_PAGES["cms"]
    for n in range(LIMIT):
        path, data = page(f"guess{n}", "wrong-guess")
        client.post(
            path, data, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.60"
        )
    path, data = page(username, PASSWORD)
    other_visitor = client.post(
        path, data, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.61"
    )
    assert other_visitor.status_code == 302


def test_registration_still_signs_the_new_customer_in(client, home_page):
    response = client.post(
        "/shop/accounts/register/",
        {"email": "grace@example.com", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert signed_in(client)


def reset(client, email, ip="203.0.113.7"):
    return client.post("/shop/password-reset/", {"email": email}, REMOTE_ADDR=ip)


def test_password_reset_emails_are_limited_per_address(client, superuser, settings):
    settings.PASSWORD_RESET_RATE_EMAIL = "3/h"
    for n in range(3):
        assert (
            reset(client, "root@example.com", ip=f"198.51.100.{n}").status_code == 302
        )
    refused = reset(client, "Root@EXAMPLE.com", ip="198.51.100.9")
    assert refused.status_code == 429
    assert "Too many password reset requests" in refused.content.decode()
    assert len(mail.outbox) == 3


def test_password_reset_requests_are_limited_per_client(client, superuser, settings):
    settings.PASSWORD_RESET_RATE_IP = "4/h"
    for n in range(4):
        assert reset(client, f"someone{n}@example.com").status_code == 302
    refused = reset(client, "root@example.com")
    assert refused.status_code == 429
    assert "Too many password reset requests" in refused.content.decode()
    assert mail.outbox == []


def test_wagtail_password_reset_shares_the_limits(client, superuser, settings):
    settings.PASSWORD_RESET_RATE_EMAIL = "3/h"
    for n in range(2):
        assert (
            reset(client, "root@example.com", ip=f"198.51.100.{n}").status_code == 302
        )
    cms_reset = {"email": "root@example.com"}
    response = client.post("/cms/password_reset/", cms_reset, REMOTE_ADDR="192.0.2.1")
    assert response.status_code == 302
    refused = client.post("/cms/password_reset/", cms_reset, REMOTE_ADDR="192.0.2.2")
    assert refused.status_code == 429
    assert "Too many password reset requests" in refused.content.decode()
    assert len(mail.outbox) == 3


def test_failed_shop_login_hashes_as_much_for_unknown_addresses(
    client, home_page, settings
):
    settings.PASSWORD_HASHERS = ["tests.security.hashers.CountingMD5PasswordHasher"]
    get_user_model().objects.create_user(
        "ada", email="ada@example.com", password=PASSWORD
    )
    page, _ = LOGIN_PAGES["shop"]

    def hashes_for(username):
        before = CountingMD5PasswordHasher.computed
        assert attempt(client, page, username, "wrong-guess").status_code == 200
        return CountingMD5PasswordHasher.computed - before

    assert hashes_for("ada@example.com") == hashes_for("nobody@example.com")


def test_returning_customer_signs_in_at_checkout(client, home_page):
    """Oscar's checkout gateway builds its login form without the request,
    which django-axes needs to count the attempt."""
    from tests.factories_shop import make_product
    from tests.integration.shop.helpers import add_to_basket

    get_user_model().objects.create_user(
        "ada", email="ada@example.com", password=PASSWORD
    )
    add_to_basket(client, make_product(title="Lumbar roll"))
    gateway = {"username": "ada@example.com", "options": "existing"}
    for _ in range(LIMIT - 1):
        wrong = client.post("/shop/checkout/", {**gateway, "password": "wrong"})
        assert wrong.status_code == 200
    response = client.post("/shop/checkout/", {**gateway, "password": PASSWORD})
    assert response.status_code == 302
    assert signed_in(client)
