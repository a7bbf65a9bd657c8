"""Two shoppers check out the last unit at the same moment (PostgreSQL).

Both checkouts pass every pre-check (the unit is free when they start), then
meet at stock allocation inside their order transactions. The barrier makes
them reach allocation together every time, so without the row lock both
orders would be placed and the stock oversold.
"""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from shop.basket.models import Basket
from shop.checkout.views import PaymentDetailsView
from shop.order.models import Order
from shop.partner.models import StockRecord
from tests.conftest import ensure_base_data
from tests.factories_shop import make_product
from tests.integration.shop.helpers import (
    add_to_basket,
    go_to_preview,
    place_order,
    start_guest_checkout,
)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_last_unit_is_sold_once_and_the_other_shopper_is_told(monkeypatch):
    assert connection.vendor == "postgresql"
    product = make_product(title="Last lumbar roll", num_in_stock=1)
    shoppers = [Client(), Client()]
    for shopper in shoppers:
        add_to_basket(shopper, product)
        start_guest_checkout(shopper)
        go_to_preview(shopper)

    barrier = threading.Barrier(len(shoppers), timeout=30)
    allocate = StockRecord.allocate

    def allocate_together(stockrecord, quantity):
        barrier.wait()  # both orders exist, uncommitted, before either locks
        return allocate(stockrecord, quantity)

    monkeypatch.setattr(StockRecord, "allocate", allocate_together)
    responses = [None] * len(shoppers)

    def checkout(index):
        try:
            responses[index] = place_order(shoppers[index])
        finally:
            connection.close()

    threads = [threading.Thread(target=checkout, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert Order.objects.count() == 1
    stock = StockRecord.objects.get(product=product)
    assert (stock.num_in_stock, stock.num_allocated) == (1, 1)

    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200, 302]
    winner = next(r for r in responses if r.status_code == 302)
    assert winner["Location"] == reverse("checkout:thank-you")
    loser_index = next(i for i, r in enumerate(responses) if r.status_code == 200)
    assert "“Last lumbar roll” is no longer in stock" in (
        responses[loser_index].content.decode()
    )
    basket = shoppers[loser_index].get(reverse("basket:summary")).context["basket"]
    assert basket.num_items == 1


def test_place_order_clicked_twice_at_once_places_one_order(monkeypatch):
    """Both requests load the open basket before either places it; the
    basket's row lock makes the second wait, find the order and show it."""
    assert connection.vendor == "postgresql"
    ensure_base_data()  # the previous transactional test flushed it
    product = make_product(title="Posture brace", num_in_stock=5)
    first = Client()
    add_to_basket(first, product, 2)
    start_guest_checkout(first)
    go_to_preview(first)
    second = Client()
    second.cookies = first.cookies

    barrier = threading.Barrier(2, timeout=30)
    handle = PaymentDetailsView.handle_place_order_submission

    def handle_together(view, request):
        barrier.wait()  # both requests hold the open basket
        return handle(view, request)

    monkeypatch.setattr(
        PaymentDetailsView, "handle_place_order_submission", handle_together
    )
    responses = [None, None]

    def click(index, client):
        try:
            responses[index] = place_order(client)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=click, args=(i, c))
        for i, c in enumerate((first, second))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    monkeypatch.undo()

    order = Order.objects.get()
    assert [r.status_code for r in responses] == [302, 302]
    assert {r["Location"] for r in responses} == {reverse("checkout:thank-you")}
    assert Basket.objects.get(pk=order.basket_id).status == Basket.SUBMITTED
    assert order.number.encode() in first.get(reverse("checkout:thank-you")).content
    stock = StockRecord.objects.get(product=product)
    assert stock.num_allocated == 2

    # The shopper can order again: a new basket, a new order number.
    add_to_basket(first, product)
    start_guest_checkout(first)
    go_to_preview(first)
    assert place_order(first)["Location"] == reverse("checkout:thank-you")
    assert Order.objects.count() == 2
