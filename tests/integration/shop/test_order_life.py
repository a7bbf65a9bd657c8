"""After placing: the customer is emailed when payment is received, when the
order is dispatched (with the tracking link) and when it is cancelled;
customer service dispatches with a carrier and tracking number."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.test import Client
from django.urls import reverse

from shop.order.models import Order
from tests.factories_shop import make_product
from tests.integration.shop.helpers import guest_checkout
from tests.integration.shop.test_dashboard_orders import order_url, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(staff_user("view_order", "change_order"))
    return client


@pytest.fixture
def pending_order(db):
    product = make_product(title="Inversion table", price="120.00")
    guest_checkout(Client(), product, shipping="express", payment="bank-transfer")
    mail.outbox.clear()
    return Order.objects.get()


def record(client, order, amount="127.95"):
    return client.post(
        order_url(order), {"order_action": "record_payment", "amount": amount}
    )


def dispatch(client, order, carrier="royal-mail", tracking="RM 1234-5678 GB"):
    return client.post(
        order_url(order),
        {
            "order_action": "dispatch_order",
            "carrier": carrier,
            "tracking_number": tracking,
        },
        follow=True,
    )


def test_payment_received_is_emailed_with_the_order_link(staff_client, pending_order):
    record(staff_client, pending_order)
    [email] = mail.outbox
    assert email.to == ["ada@example.com"]
    assert (
        email.subject
        == f"Payment received for your Backbone order {pending_order.number}"
    )
    assert "We have received your payment of £127.95" in email.body
    status_path = reverse(
        "customer:anon-order",
        kwargs={
            "order_number": pending_order.number,
            "hash": pending_order.verification_hash(),
        },
    )
    assert f"http://testserver{status_path}" in email.body
    # The guest's link asks for the email address ordered with, as the
    # confirmation email's does.
    assert "order-status-form" in Client().get(status_path)["Location"]


def test_a_part_payment_sends_no_email(staff_client, pending_order):
    record(staff_client, pending_order, amount="10.00")
    assert mail.outbox == []


def test_dispatch_with_carrier_and_tracking_emails_the_tracking_link(
    staff_client, pending_order
):
    record(staff_client, pending_order)
    mail.outbox.clear()
    response = dispatch(staff_client, pending_order)
    assert "dispatched; the customer has been emailed" in response.content.decode()
    order = Order.objects.get()
    assert order.status == "Dispatched"
    parcel = order.dispatches.get()
    assert (parcel.carrier, parcel.tracking_number) == ("royal-mail", "RM 1234-5678 GB")
    event = order.shipping_events.get()
    assert event.event_type.name == "Dispatched"
    assert "Royal Mail, tracking number RM 1234-5678 GB" in event.notes
    [email] = mail.outbox
    assert email.subject == f"Your Backbone order {order.number} is on its way"
    assert "has left us with Royal Mail" in email.body
    assert (
        "https://www.royalmail.com/track-your-item#/tracking-results/RM%201234-5678%20GB"
        in email.body
    )
    page = staff_client.get(order_url(order)).content.decode()
    assert "tracking number" in page
    assert "Dispatch and email the customer" not in page


def test_an_unpaid_order_cannot_be_dispatched(staff_client, pending_order):
    response = dispatch(staff_client, pending_order)
    assert "only a paid order can be dispatched" in response.content.decode()
    order = Order.objects.get()
    assert order.status == "Pending payment"
    assert not order.dispatches.exists()
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("carrier", "tracking", "error"),
    [
        ("pigeon", "RM1", "Choose one of the carriers listed."),
        ("dpd", "", "Enter the tracking number."),
        ("dpd", "<script>", "letters, digits, spaces and hyphens only"),
    ],
)
def test_bad_dispatch_details_are_form_errors(
    staff_client, pending_order, carrier, tracking, error
):
    record(staff_client, pending_order)
    response = dispatch(staff_client, pending_order, carrier, tracking)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert Order.objects.get().status == "Paid"


def test_cancelling_emails_the_customer(staff_client, pending_order):
    staff_client.post(
        order_url(pending_order),
        {"order_action": "change_order_status", "new_status": "Cancelled"},
    )
    [email] = mail.outbox
    assert email.subject == f"Your Backbone order {pending_order.number} is cancelled"
    assert "has been cancelled" in email.body


def history(response):
    section = BeautifulSoup(response.content, "html.parser").select_one(
        "[data-order-history]"
    )
    return [" ".join(item.get_text().split()) for item in section.select("li")]


def test_guest_and_account_pages_show_the_same_history(
    staff_client, pending_order, django_user_model
):
    record(staff_client, pending_order)
    dispatch(staff_client, pending_order)
    guest = Client()
    status_path = reverse(
        "customer:anon-order",
        kwargs={
            "order_number": pending_order.number,
            "hash": pending_order.verification_hash(),
        },
    )
    form = guest.get(status_path, follow=True).redirect_chain[-1][0]
    guest_page = guest.post(form, {"email": "ada@example.com"}, follow=True)
    guest_history = history(guest_page)
    assert [item.split(": ", 1)[1] for item in guest_history] == [
        "order placed",
        "Paid",
        "Dispatched",
        "dispatched with Royal Mail, tracking number RM 1234-5678 GB",
    ]
    assert b"https://www.royalmail.com/track-your-item" in guest_page.content

    customer = django_user_model.objects.create_user(
        username="ada", email="ada@example.com", password="x"
    )
    Order.objects.filter(pk=pending_order.pk).update(user=customer)
    account = Client()
    account.force_login(customer)
    account_page = account.get(
        reverse("customer:order", kwargs={"order_number": pending_order.number})
    )
    assert account_page.status_code == 200
    assert history(account_page) == guest_history
