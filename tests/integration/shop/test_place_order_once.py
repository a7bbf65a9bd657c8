"""Place order places one order, however often and however it is posted."""

import pytest
from django.core.signing import Signer
from django.urls import reverse
from oscar.apps.checkout.signals import post_payment

from shop.basket.models import Basket
from shop.order.models import Order
from tests.factories_shop import make_product
from tests.integration.shop.helpers import (
    add_to_basket,
    go_to_preview,
    guest_checkout,
    place_order,
    start_guest_checkout,
)

pytestmark = pytest.mark.django_db


def test_place_order_posted_again_shows_the_order_already_placed(client):
    product = make_product(title="Lumbar roll", price="14.00", num_in_stock=5)
    guest_checkout(client, product)
    order = Order.objects.get()

    again = place_order(client)

    assert again.status_code == 302
    assert again["Location"] == reverse("checkout:thank-you")
    assert Order.objects.count() == 1
    thank_you = client.get(again["Location"])
    assert order.number.encode() in thank_you.content


def test_basket_that_already_became_an_order_is_sent_to_its_thank_you_page(client):
    """The state a lost double click used to leave: the basket open again
    although its order exists, so every checkout hit the same order number."""
    product = make_product(title="Wedge cushion", price="22.00", num_in_stock=5)
    guest_checkout(client, product)
    order = Order.objects.get()
    Basket.objects.filter(pk=order.basket_id).update(status=Basket.OPEN)
    client.cookies["oscar_open_basket"] = Signer().sign(order.basket_id)
    start_guest_checkout(client)
    go_to_preview(client)

    response = place_order(client)

    assert response.status_code == 302
    assert response["Location"] == reverse("checkout:thank-you")
    assert Order.objects.count() == 1
    thank_you = client.get(response["Location"])
    assert order.number.encode() in thank_you.content


class WorkerKilled(BaseException):
    """Stands for the worker process dying: no handler catches it."""


def test_worker_killed_during_placement_leaves_the_basket_open(client):
    product = make_product(title="Heat pad", price="19.00", num_in_stock=5)
    add_to_basket(client, product, 2)
    start_guest_checkout(client)
    go_to_preview(client)

    def die(**kwargs):
        raise WorkerKilled

    post_payment.connect(die)
    try:
        with pytest.raises(WorkerKilled):
            place_order(client)
    finally:
        post_payment.disconnect(die)

    assert not Order.objects.exists()
    basket = Basket.objects.get()
    assert basket.status == Basket.OPEN
    assert basket.num_items == 2

    response = place_order(client)
    assert response["Location"] == reverse("checkout:thank-you")
    assert Order.objects.get().lines.get().quantity == 2
