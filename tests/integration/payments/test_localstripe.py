"""scripts/localstripe.sh serves a fake Stripe on loopback for the card tests."""

import urllib.request

import pytest
import stripe

pytestmark = pytest.mark.stripe


def test_localstripe_serves_the_api_and_the_stripe_js_stand_in(localstripe_url):
    assert localstripe_url.startswith("http://127.0.0.1:")
    client = stripe.StripeClient(
        "sk_test_backbone", base_addresses={"api": localstripe_url}
    )
    intent = client.v1.payment_intents.create(
        params={"amount": 1999, "currency": "gbp", "payment_method_types": ["card"]}
    )
    assert client.v1.payment_intents.retrieve(intent.id).amount == 1999
    with urllib.request.urlopen(f"{localstripe_url}/js.stripe.com/v3/") as response:  # noqa: S310  # nosec B310
        assert b"localstripe" in response.read()
