"""Staff record an offline payment on the dashboard order page."""

from decimal import Decimal as D

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from oscar.test.factories import UserFactory

from shop.order.models import Order
from tests.factories_shop import make_product
from tests.integration.shop.helpers import guest_checkout

pytestmark = pytest.mark.django_db


def staff_user(*codenames):
    staff = UserFactory(is_staff=True)
    staff.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="order", codename__in=codenames
        )
    )
    return staff


@pytest.fixture
def staff_client(client):
    client.force_login(staff_user("view_order", "change_order"))
    return client


@pytest.fixture
def pending_order(db):
    product = make_product(title="Inversion table", price="120.00")
    guest_checkout(Client(), product, shipping="express", payment="bank-transfer")
    return Order.objects.get()


def order_url(order):
    return reverse("dashboard:order-detail", kwargs={"number": order.number})


def test_order_page_offers_record_payment(staff_client, pending_order):
    response = staff_client.get(order_url(pending_order))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Record payment" in content
    assert "Bank transfer" in content
    assert 'value="127.95"' in content


def test_recording_payment_moves_order_to_paid(staff_client, pending_order):
    response = staff_client.post(
        order_url(pending_order),
        {"order_action": "record_payment", "amount": "127.95", "reference": "BT-991"},
        follow=True,
    )
    assert response.status_code == 200
    assert "is now “Paid”" in response.content.decode()
    order = Order.objects.get()
    assert order.status == "Paid"
    assert {line.status for line in order.lines.all()} == {"Paid"}
    source = order.sources.get()
    assert source.source_type.name == "Bank transfer"
    assert source.amount_debited == D("127.95")
    assert source.reference == "BT-991"
    event = order.payment_events.get()
    assert event.event_type.name == "Paid"
    assert event.amount == D("127.95")
    assert event.line_quantities.get().quantity == 1
    assert order.notes.filter(message__contains="BT-991").exists()
    # Paid orders offer no second payment.
    page = staff_client.get(order_url(order)).content.decode()
    assert "no payment to record" in page


@pytest.mark.parametrize("amount", ["", "abc", "-5", "0", "1e400"])
def test_bad_payment_amount_is_refused_with_message(
    staff_client, pending_order, amount
):
    response = staff_client.post(
        order_url(pending_order),
        {"order_action": "record_payment", "amount": amount},
        follow=True,
    )
    assert response.status_code == 200
    assert "alert" in response.content.decode()
    order = Order.objects.get()
    assert order.status == "Pending payment"
    assert not order.payment_events.exists()


def test_recording_payment_twice_is_refused(staff_client, pending_order):
    data = {"order_action": "record_payment", "amount": "127.95"}
    staff_client.post(order_url(pending_order), data)
    response = staff_client.post(order_url(pending_order), data, follow=True)
    assert "can only be recorded while it is pending" in response.content.decode()
    assert Order.objects.get().payment_events.count() == 1


def test_customers_cannot_record_payments(client, pending_order):
    customer = UserFactory(email="someone@example.com")
    client.force_login(customer)
    response = client.post(
        order_url(pending_order), {"order_action": "record_payment", "amount": "1"}
    )
    assert response.status_code in (302, 403)
    assert Order.objects.get().status == "Pending payment"


def test_staff_who_may_only_view_cannot_record_payment(client, pending_order):
    client.force_login(staff_user("view_order"))
    assert client.get(order_url(pending_order)).status_code == 200
    response = client.post(
        order_url(pending_order), {"order_action": "record_payment", "amount": "1"}
    )
    assert response.status_code == 403
    assert Order.objects.get().status == "Pending payment"


def test_staff_change_status_in_pipeline(staff_client, pending_order):
    response = staff_client.post(
        order_url(pending_order),
        {"order_action": "change_order_status", "new_status": "Cancelled"},
    )
    assert response.status_code == 302
    assert Order.objects.get().status == "Cancelled"


def test_a_penny_is_a_part_payment_and_the_order_stays_pending(
    staff_client, pending_order
):
    response = staff_client.post(
        order_url(pending_order),
        {"order_action": "record_payment", "amount": "0.01", "reference": "BT-1"},
        follow=True,
    )
    assert "£127.94 is still owed" in response.content.decode()
    order = Order.objects.get()
    assert order.status == "Pending payment"
    assert order.payment_events.get().event_type.name == "Part payment"
    assert order.sources.get().amount_debited == D("0.01")
    assert order.notes.filter(message__contains="a part payment").exists()
    # The form now asks for what is still owed.
    assert 'value="127.94"' in response.content.decode()

    response = staff_client.post(
        order_url(order),
        {"order_action": "record_payment", "amount": "127.94"},
        follow=True,
    )
    assert "is now “Paid”" in response.content.decode()
    order.refresh_from_db()
    assert order.status == "Paid"
    assert order.sources.get().amount_debited == D("127.95")
    paid = order.payment_events.get(event_type__name="Paid")
    assert paid.line_quantities.get().quantity == 1


def test_staff_may_mark_an_underpaid_order_paid_explicitly(staff_client, pending_order):
    staff_client.post(
        order_url(pending_order),
        {"order_action": "record_payment", "amount": "120.00", "mark_paid": "on"},
    )
    order = Order.objects.get()
    assert order.status == "Paid"
    assert order.notes.filter(
        message__contains="marked paid by staff with GBP 7.95 unpaid"
    ).exists()


def test_status_paid_cannot_be_picked_without_recording_payment(
    staff_client, pending_order
):
    response = staff_client.post(
        order_url(pending_order),
        {"order_action": "change_order_status", "new_status": "Paid"},
        follow=True,
    )
    assert "record the payment received" in response.content.decode()
    assert Order.objects.get().status == "Pending payment"
