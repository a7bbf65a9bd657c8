"""The statuses an order moves through, and the stock each move releases,
consumes or returns, exactly once."""

import importlib

import pytest
from django.apps import apps
from django.core import mail
from django.test import Client

from shop.order.models import Order
from shop.partner.models import StockRecord
from tests.factories_shop import make_product
from tests.integration.shop.helpers import guest_checkout
from tests.integration.shop.test_dashboard_orders import order_url, staff_user
from tests.integration.shop.test_order_life import dispatch, record

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(staff_user("view_order", "change_order"))
    return client


@pytest.fixture
def product(db):
    return make_product(title="Inversion table", price="120.00", num_in_stock=10)


@pytest.fixture
def pending_order(product):
    guest_checkout(
        Client(), product, quantity=2, shipping="express", payment="bank-transfer"
    )
    mail.outbox.clear()
    return Order.objects.get()


def stock(product):
    record = StockRecord.objects.get(product=product)
    return record.num_in_stock, record.num_allocated


def change_status(client, order, status):
    return client.post(
        order_url(order),
        {"order_action": "change_order_status", "new_status": status},
        follow=True,
    )


def test_placing_allocates_and_cancelling_twice_releases_once(
    staff_client, pending_order, product
):
    assert stock(product) == (10, 2)
    change_status(staff_client, pending_order, "Cancelled")
    assert stock(product) == (10, 0)
    response = change_status(staff_client, pending_order, "Cancelled")
    assert response.status_code == 200
    assert stock(product) == (10, 0)
    order = Order.objects.get()
    assert order.status == "Cancelled"
    assert {line.status for line in order.lines.all()} == {"Cancelled"}
    assert len(mail.outbox) == 1


def test_cancelling_an_order_being_prepared_releases_its_stock(
    staff_client, pending_order, product
):
    record(staff_client, pending_order, amount="247.95")
    change_status(staff_client, pending_order, "Being prepared")
    order = Order.objects.get()
    assert order.status == "Being prepared"
    assert {line.status for line in order.lines.all()} == {"Being prepared"}
    assert stock(product) == (10, 2)
    change_status(staff_client, pending_order, "Cancelled")
    assert stock(product) == (10, 0)


def test_dispatch_consumes_the_allocation_and_delivered_is_picked(
    staff_client, pending_order, product
):
    record(staff_client, pending_order, amount="247.95")
    change_status(staff_client, pending_order, "Being prepared")
    dispatch(staff_client, pending_order)
    assert stock(product) == (8, 0)
    response = change_status(staff_client, pending_order, "Delivered")
    assert "to &#x27;Delivered&#x27;" in response.content.decode()
    order = Order.objects.get()
    assert order.status == "Delivered"
    assert {line.status for line in order.lines.all()} == {"Delivered"}
    assert stock(product) == (8, 0)


@pytest.mark.parametrize(
    ("status", "told"),
    [
        ("Dispatched", "dispatch the order (Dispatch, above)"),
        ("Refunded", "refund the money"),
    ],
)
def test_dispatched_and_refunded_cannot_be_picked(
    staff_client, pending_order, product, status, told
):
    record(staff_client, pending_order, amount="247.95")
    response = change_status(staff_client, pending_order, status)
    assert told in response.content.decode()
    assert Order.objects.get().status == "Paid"
    assert stock(product) == (10, 2)


def test_a_status_outside_the_pipeline_is_refused(staff_client, pending_order):
    response = change_status(staff_client, pending_order, "Delivered")
    assert response.status_code == 200
    assert Order.objects.get().status == "Pending payment"


def test_shipped_and_complete_orders_are_renamed(pending_order):
    rename = importlib.import_module(
        "shop.order.migrations.0024_dispatched_and_delivered"
    )
    Order.objects.update(status="Shipped")
    pending_order.lines.update(status="Complete")
    pending_order.status_changes.create(old_status="Paid", new_status="Shipped")
    rename.forwards(apps, None)
    order = Order.objects.get()
    assert order.status == "Dispatched"
    assert {line.status for line in order.lines.all()} == {"Delivered"}
    change = order.status_changes.get()
    assert (change.old_status, change.new_status) == ("Paid", "Dispatched")
    rename.backwards(apps, None)
    assert Order.objects.get().status == "Shipped"
