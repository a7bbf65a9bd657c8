"""Customer service refunds a card payment, whole or in part, from the
dashboard order page; Stripe (localstripe) makes the refund."""

from decimal import Decimal as D

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from oscar.test.factories import UserFactory

from tests.integration.payments.helpers import deliver, paid_card_order

pytestmark = [pytest.mark.django_db, pytest.mark.stripe]


@pytest.fixture
def paid_order(api, settings):
    shopper = Client()
    order, intent_id = paid_card_order(shopper, api)
    deliver(shopper, api, settings, intent_id)
    order.refresh_from_db()
    assert order.status == "Paid"
    return order, intent_id


@pytest.fixture
def staff_client(client):
    staff = UserFactory(is_staff=True)
    staff.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="order",
            codename__in=("view_order", "change_order"),
        )
    )
    client.force_login(staff)
    return client


def refund(client, order, amount):
    return client.post(
        reverse("dashboard:order-detail", kwargs={"number": order.number}),
        {"order_action": "refund_card", "refund_amount": amount},
        follow=True,
    )


def stripe_refunds(api, intent_id):
    listed = api.v1.refunds.list(params={"payment_intent": intent_id})
    return sorted(refund.amount for refund in listed.data)


def test_order_page_offers_a_refund_up_to_what_was_paid(staff_client, paid_order):
    order, _ = paid_order
    page = staff_client.get(
        reverse("dashboard:order-detail", kwargs={"number": order.number})
    )
    assert b"data-card-refund" in page.content
    assert b'value="23.95"' in page.content


def test_a_part_refund_then_the_rest(staff_client, paid_order, api):
    order, intent_id = paid_order
    response = refund(staff_client, order, "5.00")
    assert "£5.00 refunded" in response.content.decode()
    refund(staff_client, order, "18.95")
    assert stripe_refunds(api, intent_id) == [500, 1895]
    source = order.sources.get()
    assert source.amount_refunded == D("23.95")
    events = order.payment_events.filter(event_type__name="Refunded")
    assert sorted(e.amount for e in events) == [D("5.00"), D("18.95")]
    page = staff_client.get(
        reverse("dashboard:order-detail", kwargs={"number": order.number})
    )
    assert b"data-card-refund" not in page.content


def test_a_refund_larger_than_paid_is_refused(staff_client, paid_order, api):
    order, intent_id = paid_order
    refund(staff_client, order, "3.00")
    response = refund(staff_client, order, "21.00")
    assert response.status_code == 200
    assert "is more than the GBP 20.95 paid and not yet refunded" in (
        response.content.decode()
    )
    assert stripe_refunds(api, intent_id) == [300]
    assert order.sources.get().amount_refunded == D("3.00")


def test_a_refund_that_is_not_an_amount_is_a_form_error(staff_client, paid_order):
    order, _ = paid_order
    response = refund(staff_client, order, "lots")
    assert "Enter the amount to refund" in response.content.decode()
    assert order.sources.get().amount_refunded == D("0.00")


def test_staff_who_may_only_view_cannot_refund(client, paid_order):
    order, _ = paid_order
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.set(Permission.objects.filter(codename="view_order"))
    client.force_login(viewer)
    response = client.post(
        reverse("dashboard:order-detail", kwargs={"number": order.number}),
        {"order_action": "refund_card", "refund_amount": "5.00"},
    )
    assert response.status_code == 403
    assert order.sources.get().amount_refunded == D("0.00")
