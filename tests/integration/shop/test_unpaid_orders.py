"""Unpaid orders do not hold stock for ever, and scripts cannot place orders or
try voucher codes without limit."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from oscar.test.factories import UserFactory

from shop.checkout.payment import record_payment
from shop.order.models import Order
from shop.partner.models import StockRecord
from tests.factories_shop import make_product
from tests.integration.shop.helpers import (
    add_to_basket,
    go_to_preview,
    place_order,
    start_guest_checkout,
)

pytestmark = pytest.mark.django_db


def placed_days_ago(product, days, email="ada@example.com"):
    guest_checkout(Client(), product, email=email)
    order = Order.objects.latest("pk")
    Order.objects.filter(pk=order.pk).update(
        date_placed=timezone.now() - timedelta(days=days)
    )
    return order


def guest_checkout(client, product, email="ada@example.com", quantity=1):
    add_to_basket(client, product, quantity)
    start_guest_checkout(client, email=email)
    go_to_preview(client)
    return place_order(client)


def test_orders_unpaid_for_the_set_days_are_cancelled_and_free_their_stock(
    settings, capsys
):
    settings.SHOP_UNPAID_ORDER_DAYS = 7
    product = make_product(title="Last heat pad", num_in_stock=3)
    stale = placed_days_ago(product, days=8)
    recent = placed_days_ago(product, days=2)
    part_paid = placed_days_ago(product, days=9)
    record_payment(part_paid, amount=part_paid.total_incl_tax / 2)
    stock = StockRecord.objects.get(product=product)
    assert stock.num_allocated == 3
    assert not product.stockrecords.get().net_stock_level

    call_command("cancel_unpaid_orders")

    assert f"Cancelled 1 order(s) unpaid after 7 days: {stale.number}" in (
        capsys.readouterr().out
    )
    stale.refresh_from_db()
    assert stale.status == "Cancelled"
    assert {line.status for line in stale.lines.all()} == {"Cancelled"}
    assert stale.notes.filter(message__contains="no payment arrived").exists()
    assert Order.objects.get(pk=recent.pk).status == "Pending payment"
    assert Order.objects.get(pk=part_paid.pk).status == "Pending payment"
    stock.refresh_from_db()
    assert stock.num_allocated == 2
    assert stock.net_stock_level == 1
    # A shopper can buy the freed unit.
    response = guest_checkout(Client(), product, email="bo@example.com")
    assert response["Location"] == reverse("checkout:thank-you")


def test_staff_cancelling_an_order_releases_its_stock(client):
    product = make_product(num_in_stock=2)
    order = placed_days_ago(product, days=0)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    client.post(
        reverse("dashboard:order-detail", kwargs={"number": order.number}),
        {"order_action": "change_order_status", "new_status": "Cancelled"},
    )
    assert Order.objects.get().status == "Cancelled"
    assert StockRecord.objects.get(product=product).num_allocated == 0


def limit(settings, action, kind, rate):
    """Only ``action``'s ``kind`` counter is tight; every other is loose."""
    rates = {
        name: {"ip": "100/h", "email": "100/h"} for name in ("place-order", "voucher")
    }
    rates[action][kind] = rate
    settings.SHOP_THROTTLE_RATES = rates


def test_place_order_is_limited_per_email(settings):
    limit(settings, "place-order", "email", "2/h")
    product = make_product(num_in_stock=50)
    for _ in range(2):
        assert guest_checkout(Client(), product).status_code == 302
    response = guest_checkout(Client(), product, email="ADA@example.com")
    assert response.status_code == 429
    assert "Too many orders" in response.content.decode()
    assert Order.objects.count() == 2
    # Another shopper is not held up.
    assert guest_checkout(Client(), product, email="bo@example.com").status_code == 302


def test_place_order_is_limited_per_client_address(settings):
    limit(settings, "place-order", "ip", "3/h")
    product = make_product(num_in_stock=50)
    for n in range(3):
        response = guest_checkout(Client(), product, email=f"s{n}@example.com")
        assert response.status_code == 302
    response = guest_checkout(Client(), product, email="s9@example.com")
    assert response.status_code == 429
    assert Order.objects.count() == 3


def test_voucher_codes_are_limited_per_client_address(client, settings):
    limit(settings, "voucher", "ip", "3/h")
    add_to_basket(client, make_product())
    url = reverse("basket:vouchers-add")
    for n in range(3):
        response = client.post(url, {"code": f"GUESS{n}"})
        assert response.status_code == 302
    response = client.post(url, {"code": "GUESS9"})
    assert response.status_code == 429
    assert "Too many voucher codes" in response.content.decode()
