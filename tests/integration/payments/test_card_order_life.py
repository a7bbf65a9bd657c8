"""A card order refunded in whole or in part, returned, and Stripe's
webhook replayed: the order and its lines end "Refunded" when all is given
back, stock is released or returned once, and the customer is emailed."""

from decimal import Decimal as D

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from shop.order.models import Order, ReturnRequest
from shop.partner.models import StockRecord
from tests.integration.payments.helpers import deliver, paid_card_order
from tests.integration.payments.test_card_refunds import refund, stripe_refunds
from tests.integration.shop.test_dashboard_orders import order_url, staff_user
from tests.integration.shop.test_order_life import dispatch

pytestmark = [pytest.mark.django_db, pytest.mark.stripe]


@pytest.fixture
def staff_client():
    client = Client()
    client.force_login(staff_user("view_order", "change_order"))
    return client


@pytest.fixture
def paid_order(api, settings):
    shopper = Client()
    order, intent_id = paid_card_order(shopper, api)
    deliver(shopper, api, settings, intent_id)
    order.refresh_from_db()
    assert order.status == "Paid"
    mail.outbox.clear()
    return order, intent_id, shopper


def stock(order):
    record = StockRecord.objects.get(product=order.lines.get().product)
    return record.num_in_stock, record.num_allocated


def test_a_whole_refund_before_dispatch_releases_stock_once(
    staff_client, paid_order, api, settings
):
    order, intent_id, shopper = paid_order
    assert stock(order) == (5, 1)
    refund(staff_client, order, "23.95")
    order.refresh_from_db()
    assert order.status == "Refunded"
    assert {line.status for line in order.lines.all()} == {"Refunded"}
    assert stock(order) == (5, 0)
    response = refund(staff_client, order, "23.95")
    assert "is more than the GBP 0.00 paid" in response.content.decode()
    deliver(shopper, api, settings, intent_id)
    assert stock(order) == (5, 0)
    assert stripe_refunds(api, intent_id) == [2395]
    order.refresh_from_db()
    assert order.status == "Refunded"
    [email] = mail.outbox
    assert email.subject == f"Your Backbone order {order.number} is refunded"
    assert "We have refunded £23.95, all you paid" in email.body


def test_a_part_refund_keeps_the_status_and_says_the_amount(staff_client, paid_order):
    order, _, _ = paid_order
    refund(staff_client, order, "5.00")
    order.refresh_from_db()
    assert order.status == "Paid"
    assert stock(order) == (5, 1)
    [email] = mail.outbox
    assert email.subject == f"A refund for your Backbone order {order.number}"
    assert "We have refunded £5.00 of what you paid" in email.body


def test_a_returned_card_order_is_refunded_through_stripe_and_restocked(
    staff_client, paid_order, api, settings, django_user_model
):
    order, intent_id, shopper = paid_order
    dispatch(staff_client, order)
    assert stock(order) == (4, 0)
    customer = django_user_model.objects.create_user(
        username="ada", email="ada@example.com", password="x"
    )
    Order.objects.filter(pk=order.pk).update(user=customer)
    client = Client()
    client.force_login(customer)
    line = order.lines.get()
    client.post(
        reverse("customer:order-return", kwargs={"order_number": order.number}),
        {f"line_{line.pk}": 1, "reason": "faulty"},
    )
    request = ReturnRequest.objects.get()
    mail.outbox.clear()
    for _ in range(2):
        staff_client.post(
            order_url(order),
            {
                "order_action": "accept_return",
                "return_id": request.pk,
                "amount": "20.00",
            },
        )
    deliver(shopper, api, settings, intent_id)
    assert stripe_refunds(api, intent_id) == [2000]
    assert stock(order) == (5, 0)
    order.refresh_from_db()
    assert order.sources.get().amount_refunded == D("20.00")
    assert order.lines.get().status == "Refunded"
    assert order.status == "Refunded"
    [email] = mail.outbox
    assert "is accepted" in email.subject
    assert "We have refunded £20.00" in email.body
