"""Finding 5 (issue 17): staff can sign in with a code from an authenticator
app (TOTP), and a superuser can require it for staff groups. The codes here
are computed from the device's key, as the app would."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from site_project.roles import CUSTOMER_SERVICE, EDITORS, assign_role
from site_project.sign_in.models import StaffSignInSettings

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-pass-phrase-42"
SETUP = "/staff/two-factor/setup/"
VERIFY = "/staff/two-factor/verify/"


def make_user(username, role=None, **flags):
    user = get_user_model().objects.create_user(
        username, email=f"{username}@example.com", password=PASSWORD, **flags
    )
    if role:
        assign_role(user, role)
    return user


def code(device, steps_ahead=0):
    """The code the app shows now (or that many 30-second steps later)."""
    return f"{totp(device.bin_key, drift=steps_ahead):06d}"


def set_up_authenticator(client):
    page = client.get(SETUP)
    assert page.status_code == 200
    device = TOTPDevice.objects.get(confirmed=False)
    response = client.post(SETUP, {"token": code(device), "next": "/cms/"})
    assert response.status_code == 302
    device.refresh_from_db()
    return device


@pytest.fixture
def editor(home_page):
    return make_user("editor", EDITORS)


def test_setup_shows_a_qr_code_and_the_secret(client, editor):
    client.force_login(editor)
    page = client.get(SETUP)
    assert page.status_code == 200
    html = page.content.decode()
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    secret = re.search(r"data-two-factor-secret>([A-Z2-7 ]+)<", html).group(1)
    assert secret.replace(" ", "") in device.config_url
    assert "<svg" in html
    assert "http" not in html.split("data-two-factor-qr")[1].split("</div>")[0]


def test_a_wrong_code_does_not_turn_two_factor_on(client, editor):
    client.force_login(editor)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=editor)
    wrong = f"{(int(code(device)) + 1) % 1_000_000:06d}"
    response = client.post(SETUP, {"token": wrong})
    assert response.status_code == 400
    assert "That code is not right" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed


def test_after_setup_sign_in_asks_for_the_code_before_staff_pages(client, editor):
    client.force_login(editor)
    device = set_up_authenticator(client)
    assert device.confirmed
    assert client.get("/cms/").status_code == 200

    # A new sign-in, with the password on Wagtail's login page.
    client.logout()
    client.post("/cms/login/", {"username": "editor", "password": PASSWORD})
    response = client.get("/cms/pages/")
    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next=%2Fcms%2Fpages%2F"

    response = client.post(VERIFY, {"token": code(device, 1), "next": "/cms/pages/"})
    assert response.status_code == 302
    assert response["Location"] == "/cms/pages/"
    assert client.get("/cms/pages/").status_code == 200


@pytest.mark.parametrize("path", ["/cms/", "/shop/dashboard/", "/django-admin/"])
def test_a_wrong_code_keeps_every_staff_area_closed(client, home_page, path):
    root = make_user("root", is_staff=True, is_superuser=True)
    client.force_login(root)
    device = set_up_authenticator(client)
    client.logout()
    client.force_login(root)

    wrong = f"{(int(code(device, 1)) + 1) % 1_000_000:06d}"
    response = client.post(VERIFY, {"token": wrong, "next": path})
    assert response.status_code == 400
    assert "That code is not right" in response.content.decode()
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)


def test_a_code_cannot_be_used_twice(client, editor):
    client.force_login(editor)
    device = set_up_authenticator(client)
    client.logout()
    client.force_login(editor)
    # The setup just spent the current code.
    response = client.post(VERIFY, {"token": code(device), "next": "/cms/"})
    assert response.status_code == 400
    assert client.get("/cms/").status_code == 302


@pytest.fixture
def service_must_use_two_factor(home_page):
    service = make_user("service", CUSTOMER_SERVICE)
    settings = StaffSignInSettings.load()
    settings.groups_requiring_two_factor.add(Group.objects.get(name=CUSTOMER_SERVICE))
    return service


def test_a_required_group_is_sent_to_setup_before_any_staff_page(
    client, service_must_use_two_factor
):
    client.force_login(service_must_use_two_factor)
    response = client.get("/shop/dashboard/orders/")
    assert response.status_code == 302
    assert response["Location"] == f"{SETUP}?next=%2Fshop%2Fdashboard%2Forders%2F"
    # The shop itself stays open.
    assert client.get("/shop/catalogue/").status_code == 200

    client.get(SETUP)
    device = TOTPDevice.objects.get(user=service_must_use_two_factor)
    response = client.post(
        SETUP, {"token": code(device), "next": "/shop/dashboard/orders/"}
    )
    assert response["Location"] == "/shop/dashboard/orders/"
    assert client.get("/shop/dashboard/orders/").status_code == 200


def test_groups_not_required_may_sign_in_without_a_code(
    client, service_must_use_two_factor, editor
):
    client.force_login(editor)
    assert client.get("/cms/").status_code == 200


def test_a_required_group_survives_reapplying_the_roles(
    client, service_must_use_two_factor
):
    assign_role(make_user("service2"), CUSTOMER_SERVICE)
    client.force_login(service_must_use_two_factor)
    assert client.get("/shop/dashboard/").status_code == 302


def test_next_never_leaves_the_site(client, editor):
    client.force_login(editor)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=editor)
    response = client.post(
        SETUP, {"token": code(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_the_setup_pages_ask_anonymous_visitors_to_sign_in(client, home_page):
    for path in (SETUP, VERIFY):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/shop/accounts/login/")
