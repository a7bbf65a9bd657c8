"""A card payment through the whole stack: the guest pays through nginx and
Varnish, localstripe charges the card and sends its signed
``payment_intent.succeeded`` event back through nginx, the order becomes
Paid and the task worker emails the guest."""

import json
import mailbox
import secrets
import time

import pytest
import stripe

from tests.integration.shop.helpers import ADDRESS

from .conftest import Visitor, csrf_token, wait_until

pytestmark = pytest.mark.stack


ORDER = """
import json
from shop.order.models import Order

order = Order.objects.get(guest_email="{email}")
print(json.dumps({{
    "number": order.number,
    "status": order.status,
    "paid": [str(event.amount) for event in order.payment_events.all()],
    "total": str(order.total_incl_tax),
}}))
"""


def test_a_card_payment_is_made_paid_by_the_webhook_localstripe_sends_back(stack, site):
    assert stack.django_env.get("LOCALSTRIPE_URL"), (
        "The stack runs without localstripe: deploy/stack.py starts it when "
        "STRIPE_SECRET_KEY is not set."
    )
    email = f"card-{secrets.token_hex(4)}@backbone.invalid"
    shopper = Visitor()
    token = csrf_token(shopper.get(f"{stack.url}/shop/accounts/login/").text)
    steps = [
        (f"/shop/basket/add/{site['product']['id']}/", {"quantity": "1"}),
        ("/shop/checkout/", {"username": email, "options": "anonymous"}),
        ("/shop/checkout/shipping-address/", ADDRESS),
        ("/shop/checkout/shipping-method/", {"method_code": "standard"}),
        ("/shop/checkout/payment-method/", {"method": "card"}),
    ]
    for path, data in steps:
        response = shopper.post(
            f"{stack.url}{path}", {"csrfmiddlewaretoken": token, **data}
        )
        assert response.status == 302, f"{path}: {response.describe()}"

    preview = shopper.get(f"{stack.url}/shop/checkout/preview/")
    assert preview.status == 200, preview.describe()
    assert preview.cache == "PASS"
    assert "data-card-element" in preview.text
    policy = preview.headers["Content-Security-Policy"]
    assert stack.django_env["LOCALSTRIPE_URL"] in policy

    # What Stripe.js does with the card field.
    api = stripe.StripeClient(
        stack.django_env["STRIPE_SECRET_KEY"],
        base_addresses={"api": stack.django_env["LOCALSTRIPE_URL"]},
    )
    card = api.v1.payment_methods.create(
        params={
            "type": "card",
            "card": {
                "number": "4242424242424242",
                "exp_month": 12,
                "exp_year": 2034,
                "cvc": "123",
            },
        }
    )
    paid = shopper.post(
        f"{stack.url}/shop/checkout/card/pay/",
        {"payment_method": card.id},
        headers={"X-CSRFToken": token},
    )
    assert paid.status == 200, paid.describe()
    intent = json.loads(paid.text)
    assert intent["status"] == "succeeded", intent
    placed = shopper.post(
        f"{stack.url}/shop/checkout/preview/",
        {
            "csrfmiddlewaretoken": token,
            "action": "place_order",
            "payment_intent": intent["payment_intent"],
        },
    )
    assert placed.status == 302, placed.describe()
    assert placed.headers["Location"].endswith("/shop/checkout/thank-you/")

    order = {}

    def paid_by_the_webhook():
        order.update(stack.shell(ORDER.format(email=email)))
        return order["status"] == "Paid"

    assert wait_until(time.time() + 30, paid_by_the_webhook, interval=0.5), (
        f"localstripe's webhook did not make the order Paid: {order}"
    )
    assert order["paid"] == [order["total"]]

    subjects = []

    def told_payment_was_received():
        subjects[:] = [
            message["Subject"]
            for message in mailbox.Maildir(stack.mail_dir, create=False)
            if message["To"] == email
        ]
        return f"Payment received for your Backbone order {order['number']}" in subjects

    assert wait_until(time.time() + 30, told_payment_was_received), subjects
