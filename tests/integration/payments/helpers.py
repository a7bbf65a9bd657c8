"""Paying by card through the checkout, as Stripe.js and Stripe would."""

import hashlib
import hmac
import json
import time

from django.urls import reverse

from shop.order.models import Order
from tests.factories_shop import make_product
from tests.integration.shop.helpers import (
    add_to_basket,
    go_to_preview,
    start_guest_checkout,
)

VISA = "4242424242424242"
DECLINED = "4000000000000341"  # localstripe declines this one when charged
THREE_D_SECURE = "4000000000003220"


def card(api, number):
    """What Stripe.js does with the card field: a PaymentMethod."""
    return api.v1.payment_methods.create(
        params={
            "type": "card",
            "card": {"number": number, "exp_month": 12, "exp_year": 2034, "cvc": "123"},
        }
    ).id


def to_card_step(client, price="20.00", quantity=1):
    product = make_product(title="Lumbar cushion", price=price, num_in_stock=5)
    add_to_basket(client, product, quantity)
    start_guest_checkout(client)
    go_to_preview(client, payment="card")
    return product


def pay(client, payment_method, **extra):
    return client.post(
        reverse("checkout:card-pay"), {"payment_method": payment_method, **extra}
    )


def place(client, intent_id):
    return client.post(
        reverse("checkout:preview"),
        {"action": "place_order", "payment_intent": intent_id},
    )


def signed(payload, secret, timestamp=None):
    timestamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(
        secret.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256
    ).hexdigest()
    return f"t={timestamp},v1={digest}"


def deliver(client, api, settings, intent_id, secret=None):
    """Stripe's ``payment_intent.succeeded`` event for the intent as it is."""
    intent = api.v1.payment_intents.retrieve(intent_id)
    payload = json.dumps(
        {
            "id": f"evt_{intent_id}",
            "object": "event",
            "type": "payment_intent.succeeded",
            "data": {"object": intent.to_dict()},
        }
    )
    return client.post(
        reverse("checkout:stripe-webhook"),
        payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=signed(payload, secret or settings.STRIPE_WEBHOOK_SECRET),
    )


def paid_card_order(client, api):
    to_card_step(client)
    intent_id = pay(client, card(api, VISA)).json()["payment_intent"]
    response = place(client, intent_id)
    assert response.status_code == 302, response
    assert response["Location"] == reverse("checkout:thank-you")
    return Order.objects.get(), intent_id
