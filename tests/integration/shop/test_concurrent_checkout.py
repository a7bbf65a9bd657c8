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

from shop.order.models import Order
from shop.partner.models import StockRecord
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
