"""A guest pays by card through Stripe (localstripe): the server charges the
basket's total, the order is placed once, and only Stripe's signed webhook
makes it "Paid"."""

from decimal import Decimal as D

import pytest
from django.core import mail
from django.urls import reverse

from shop.basket.models import Basket
from shop.order.models import Order
from tests.factories_shop import make_product
from tests.integration.payments.helpers import (
    DECLINED,
    THREE_D_SECURE,
    VISA,
    card,
    deliver,
    paid_card_order,
    pay,
    place,
    to_card_step,
)
from tests.integration.shop.helpers import (
    add_to_basket,
    go_to_preview,
    start_guest_checkout,
)

pytestmark = [pytest.mark.django_db, pytest.mark.stripe]


def test_card_is_not_offered_without_stripe_keys(client):
    to_step = make_product(price="20.00")
    add_to_basket(client, to_step)
    start_guest_checkout(client)
    go_to_preview(client, payment="bank-transfer")
    page = client.get(reverse("checkout:payment-method"))
    assert b'value="bank-transfer"' in page.content
    assert b'value="card"' not in page.content


def test_card_payment_places_the_order_and_the_webhook_makes_it_paid(
    client, api, settings
):
    to_card_step(client)
    preview = client.get(reverse("checkout:preview"))
    assert b"data-card-element" in preview.content
    assert settings.STRIPE_JS_URL.encode() in preview.content

    paid = pay(client, card(api, VISA))
    assert paid.status_code == 200
    assert paid.json()["status"] == "succeeded"
    intent_id = paid.json()["payment_intent"]
    # 20.00 plus standard delivery 3.95, in pence, worked out by the server.
    assert api.v1.payment_intents.retrieve(intent_id).amount == 2395

    assert place(client, intent_id)["Location"] == reverse("checkout:thank-you")
    order = Order.objects.get()
    assert order.total_incl_tax == D("23.95")
    assert order.status == "Pending payment"
    source = order.sources.get()
    assert (source.source_type.code, source.reference) == ("card", intent_id)
    thank_you = client.get(reverse("checkout:thank-you"))
    assert "You paid £23.95 by card" in thank_you.content.decode()

    assert deliver(client, api, settings, intent_id).status_code == 200
    order.refresh_from_db()
    assert order.status == "Paid"
    assert order.sources.get().amount_debited == D("23.95")
    assert order.payment_events.get().event_type.name == "Paid"


def test_a_webhook_delivered_twice_records_the_payment_once(client, api, settings):
    order, intent_id = paid_card_order(client, api)
    assert deliver(client, api, settings, intent_id).status_code == 200
    assert deliver(client, api, settings, intent_id).status_code == 200
    order.refresh_from_db()
    assert order.status == "Paid"
    assert order.payment_events.count() == 1
    assert order.sources.get().amount_debited == D("23.95")


def test_a_webhook_before_the_order_is_placed_still_makes_it_paid(
    client, api, settings
):
    to_card_step(client)
    intent_id = pay(client, card(api, VISA)).json()["payment_intent"]
    assert deliver(client, api, settings, intent_id).status_code == 200
    assert not Order.objects.exists()
    place(client, intent_id)
    order = Order.objects.get()
    assert order.status == "Paid"
    assert deliver(client, api, settings, intent_id).status_code == 200
    assert order.payment_events.count() == 1


def test_a_webhook_with_a_bad_signature_is_refused_and_changes_nothing(
    client, api, settings
):
    order, intent_id = paid_card_order(client, api)
    response = deliver(client, api, settings, intent_id, secret="whsec_not_ours")
    assert response.status_code == 400
    order.refresh_from_db()
    assert order.status == "Pending payment"
    assert not order.payment_events.exists()


def test_a_webhook_for_an_unknown_intent_changes_nothing(client, api, settings):
    order, _ = paid_card_order(client, api)
    stranger = api.v1.payment_intents.create(
        params={"amount": 2395, "currency": "gbp", "payment_method_types": ["card"]}
    )
    assert deliver(client, api, settings, stranger.id).status_code == 200
    order.refresh_from_db()
    assert order.status == "Pending payment"


def test_a_declined_card_places_no_order_and_keeps_the_basket(client, api):
    to_card_step(client)
    response = pay(client, card(api, DECLINED))
    assert response.status_code == 402
    assert response.json()["error"]
    assert not Order.objects.exists()
    basket = Basket.objects.get()
    assert basket.status == Basket.OPEN
    assert basket.num_items == 1
    # The same basket can still be paid, by another card.
    paid = pay(client, card(api, VISA))
    assert paid.json()["status"] == "succeeded"
    place(client, paid.json()["payment_intent"])
    assert Order.objects.count() == 1


def test_three_d_secure_is_finished_by_stripe_js_then_the_order_is_placed(
    client, api, settings
):
    to_card_step(client)
    response = pay(client, card(api, THREE_D_SECURE)).json()
    assert response["status"] == "requires_action"
    intent_id = response["payment_intent"]
    # Not paid yet: placing the order is refused and the basket stays.
    refused = place(client, intent_id)
    assert refused["Location"] == reverse("checkout:preview")
    assert not Order.objects.exists()
    assert Basket.objects.get().status == Basket.OPEN
    # What Stripe.js's confirmCardPayment does against localstripe.
    api.raw_request(
        "post",
        f"/v1/payment_intents/{intent_id}/_authenticate",
        client_secret=response["client_secret"],
        success="true",
    )
    place(client, intent_id)
    assert Order.objects.get().sources.get().reference == intent_id


def test_the_amount_comes_from_the_basket_not_the_client(client, api):
    to_card_step(client)
    response = pay(client, card(api, VISA), amount="1", currency="usd")
    intent = api.v1.payment_intents.retrieve(response.json()["payment_intent"])
    assert (intent.amount, intent.currency) == (2395, "gbp")


def test_a_basket_changed_after_paying_is_refused_and_refunded(client, api):
    product = to_card_step(client)
    intent_id = pay(client, card(api, VISA)).json()["payment_intent"]
    add_to_basket(client, product, 1)
    response = place(client, intent_id)
    assert response.status_code == 302
    assert not Order.objects.exists()
    assert Basket.objects.get().status == Basket.OPEN
    refunds = api.v1.refunds.list(params={"payment_intent": intent_id})
    assert [refund.amount for refund in refunds.data] == [2395]


def test_an_intent_of_another_basket_places_no_order(client, api, django_user_model):
    to_card_step(client)
    stranger = api.v1.payment_intents.create(
        params={
            "amount": 2395,
            "currency": "gbp",
            "payment_method_types": ["card"],
            "payment_method": card(api, VISA),
            "confirm": True,
        }
    )
    assert stranger.status == "succeeded"
    place(client, stranger.id)
    assert not Order.objects.exists()


def test_placing_twice_places_one_order(client, api):
    order, intent_id = paid_card_order(client, api)
    again = place(client, intent_id)
    assert again["Location"] == reverse("checkout:thank-you")
    assert Order.objects.count() == 1


def test_stripe_unreachable_is_said_plainly_and_the_basket_is_kept(
    client, api, settings
):
    to_card_step(client)
    payment_method = card(api, VISA)
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"
    response = pay(client, payment_method)
    assert response.status_code == 402
    assert "could not reach our card payment provider" in response.json()["error"]
    assert Basket.objects.get().status == Basket.OPEN


def test_the_payment_step_allows_stripe_and_other_pages_do_not(client, settings, api):
    to_card_step(client)
    policy = client.get(reverse("checkout:preview"))["Content-Security-Policy"]
    directives = dict(
        part.strip().split(" ", 1) for part in policy.split(";") if part.strip()
    )
    localstripe = settings.STRIPE_API_BASE
    assert localstripe.startswith("http://127.0.0.1:")
    assert localstripe in directives["script-src"]
    assert "'self'" in directives["script-src"]
    assert directives["frame-src"] == f"{localstripe} https://hooks.stripe.com"
    assert directives["connect-src"] == f"'self' {localstripe}"
    basket_policy = client.get(reverse("basket:summary"))["Content-Security-Policy"]
    assert localstripe not in basket_policy
    assert "stripe.com" not in basket_policy


def test_the_webhook_payment_emails_the_customer_once(client, api, settings):
    order, intent_id = paid_card_order(client, api)
    mail.outbox.clear()
    deliver(client, api, settings, intent_id)
    deliver(client, api, settings, intent_id)
    [email] = mail.outbox
    assert email.subject == f"Payment received for your Backbone order {order.number}"


def test_card_payments_tried_too_often_are_refused(client, api, settings):
    settings.SHOP_THROTTLE_RATES = {
        **settings.SHOP_THROTTLE_RATES,
        "card-payment": {"ip": "100/h", "email": "2/h"},
    }
    to_card_step(client)
    assert pay(client, card(api, DECLINED)).status_code == 402
    assert pay(client, card(api, DECLINED)).status_code == 402
    refused = pay(client, card(api, VISA))
    assert refused.status_code == 429
    assert "Too many card payments" in refused.json()["error"]
    assert not Order.objects.exists()


def test_a_double_submitted_payment_charges_one_intent_once(client, api):
    to_card_step(client)
    first = pay(client, card(api, VISA)).json()
    charge = api.v1.payment_intents.retrieve(first["payment_intent"]).latest_charge
    second = pay(client, card(api, VISA)).json()
    assert second == first
    intent = api.v1.payment_intents.retrieve(first["payment_intent"])
    assert intent.latest_charge == charge
