"""A dashboard POST needs a change (or add, delete) permission, not only the
view permission that lets a page be read (issue 17, finding 2)."""

import pytest
from django.contrib.auth.models import Permission
from django.db import transaction
from django.urls import reverse
from oscar.test.factories import UserFactory

from shop.partner.models import Partner
from tests.factories_shop import PartnerFactory
from tests.security.dashboard_urls import (
    PUBLIC_DASHBOARD_URLS,
    dashboard_urls,
    make_dashboard_objects,
    url_for,
)

pytestmark = pytest.mark.django_db

USERS = reverse("dashboard:users-index")


def staff_with(*permissions):
    staff = UserFactory(is_staff=True)
    for name in permissions:
        app_label, codename = name.split(".")
        staff.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return staff


@pytest.fixture
def customer(db):
    return UserFactory(email="customer@example.com", is_active=True)


def bulk_user_action(client, action, user):
    return client.post(USERS, {"action": action, "selected_user": [user.pk]})


def test_customer_service_cannot_deactivate_an_account(client, role_users, customer):
    client.force_login(role_users["service"])
    assert client.get(USERS).status_code == 200
    assert bulk_user_action(client, "make_inactive", customer).status_code == 403
    customer.refresh_from_db()
    assert customer.is_active


def test_customer_service_cannot_reactivate_an_account(client, role_users, customer):
    customer.is_active = False
    customer.save()
    client.force_login(role_users["service"])
    assert bulk_user_action(client, "make_active", customer).status_code == 403
    customer.refresh_from_db()
    assert not customer.is_active


def test_staff_who_may_change_users_still_deactivate_and_reactivate(client, customer):
    client.force_login(staff_with("auth.view_user", "auth.change_user"))
    assert bulk_user_action(client, "make_inactive", customer).status_code == 302
    customer.refresh_from_db()
    assert not customer.is_active
    assert bulk_user_action(client, "make_active", customer).status_code == 302
    customer.refresh_from_db()
    assert customer.is_active


def partner_form(name):
    return {
        "name": name,
        "line1": "2 Brace Road",
        "line4": "Leeds",
        "postcode": "LS2 2BB",
        "country": "GB",
    }


def test_catalogue_manager_sees_the_partner_but_cannot_rename_it(client, role_users):
    partner = PartnerFactory(name="Backbone warehouse")
    url = reverse("dashboard:partner-manage", kwargs={"pk": partner.pk})
    client.force_login(role_users["catalogue"])
    assert client.get(url).status_code == 200
    response = client.post(url, partner_form("Renamed by a catalogue manager"))
    assert response.status_code == 403
    partner.refresh_from_db()
    assert partner.name == "Backbone warehouse"
    assert not partner.addresses.exists()


def test_staff_who_may_change_partners_rename_them(client):
    partner = PartnerFactory(name="Backbone warehouse")
    url = reverse("dashboard:partner-manage", kwargs={"pk": partner.pk})
    client.force_login(staff_with("partner.view_partner", "partner.change_partner"))
    response = client.post(url, partner_form("Backbone North"))
    assert response.status_code == 302
    assert Partner.objects.get(pk=partner.pk).name == "Backbone North"
    assert partner.addresses.get().line1 == "2 Brace Road"


def test_view_permissions_alone_change_nothing_anywhere_in_the_dashboard(client):
    """Staff holding every view permission the dashboard asks for, and no
    other: every dashboard view that takes a POST answers it with 403."""
    readers = staff_with(
        *(
            f"{p.content_type.app_label}.{p.codename}"
            for p in Permission.objects.filter(codename__startswith="view_")
        )
    )
    objects = make_dashboard_objects()
    changed = []
    for dashboard_url in dashboard_urls():
        if dashboard_url.name in PUBLIC_DASHBOARD_URLS or not (
            dashboard_url.accepts_post
        ):
            continue
        with transaction.atomic():
            client.force_login(readers)
            response = client.post(url_for(dashboard_url, objects), {})
            transaction.set_rollback(True)
        if response.status_code != 403:
            changed.append(f"{dashboard_url}: {response.status_code}")
    assert not changed, "\n".join(changed)
