"""A guest buys from an article by card, in Chromium, through the card field
of the Stripe.js that localstripe serves; Stripe's signed webhook then makes
the order Paid and the customer is emailed.

localstripe's Stripe.js stand-in leaves ``createPaymentMethod`` empty. The
browser is given it here, as real Stripe.js has it: the card field's numbers
are posted to ``/v1/payment_methods`` (a plain form post, as the stand-in's
own ``createToken`` does), and the test adds the API key that localstripe
asks for on that call. Everything else is the page's own script and
localstripe's."""

import re

import pytest
import stripe
from django.core import mail
from playwright.sync_api import expect

from shop.order.models import Order
from tests.e2e.conftest import (
    checkout_to_payment,
    paragraph,
    product_callout,
    publish_article,
    screenshot,
)
from tests.factories_shop import make_product
from tests.integration.payments.helpers import THREE_D_SECURE, VISA, deliver

pytestmark = pytest.mark.stripe

CREATE_PAYMENT_METHOD = """
(base) => {
  let factory;
  Object.defineProperty(window, "Stripe", {
    configurable: true,
    get() { return factory; },
    set(original) {
      factory = (key) => {
        const stripe = original(key);
        stripe.createPaymentMethod = async ({type, card}) => {
          const value = card.value.card;
          const response = await fetch(base + "/v1/payment_methods", {
            method: "POST",
            body: new URLSearchParams({
              type: type,
              "card[number]": value.number,
              "card[exp_month]": value.exp_month,
              "card[exp_year]": value.exp_year,
              "card[cvc]": value.cvc,
            }),
          });
          const body = await response.json();
          return response.ok ? {paymentMethod: body} : {error: body.error};
        };
        return stripe;
      };
    },
  });
}
"""


def give_stripe_js_create_payment_method(page, settings):
    base = settings.STRIPE_API_BASE
    page.add_init_script(f"({CREATE_PAYMENT_METHOD})({base!r})")

    def with_key(route):
        headers = {
            **route.request.headers,
            "authorization": f"Bearer {settings.STRIPE_SECRET_KEY}",
        }
        route.continue_(headers=headers)

    page.route(f"{base}/v1/payment_methods", with_key)


def to_card_field(page, settings, product, title):
    """From an article that recommends ``product`` to the card field."""
    article = publish_article(
        title,
        paragraph("Recommended after a long day on your feet."),
        product_callout(product, note="Chosen by our physiotherapists."),
    )
    give_stripe_js_create_payment_method(page, settings)
    page.goto(f"/articles/{article.slug}/")
    card = page.locator(f'[data-callout="product"] [data-product-id="{product.pk}"]')
    card.get_by_role("button", name=re.compile("Add to basket")).click()
    expect(page.locator("[data-mini-basket-count]")).to_have_text("1")
    checkout_to_payment(page, "grace@example.com")
    page.check("#payment-card")
    page.get_by_role("button", name="Continue to review your order").click()
    expect(page).to_have_url(re.compile(r"/checkout/preview/$"))
    field = page.locator("[data-card-element]")
    expect(field.locator("input[placeholder=number]")).to_be_visible()
    return field


def fill_card(field, number):
    field.locator("input[placeholder=number]").fill(number)
    field.locator("input[placeholder=exp_month]").fill("12")
    field.locator("input[placeholder=exp_year]").fill("34")
    field.locator("input[placeholder=cvc]").fill("123")
    field.locator("input[placeholder=postal_code]").fill("LS1 1AA")


def test_guest_pays_by_card_from_an_article_and_the_webhook_makes_it_paid(
    page, stripe_keys, client, mailoutbox
):
    brace = make_product(title="Posture brace", price="32.00", num_in_stock=4)
    field = to_card_field(page, stripe_keys, brace, "Standing tall after a long day")
    fill_card(field, VISA)
    screenshot(page, "card-1-card-field")
    page.locator("#place-order").click()

    expect(page).to_have_url(re.compile(r"/checkout/thank-you/$"))
    order = Order.objects.get()
    expect(page.get_by_role("heading", level=1)).to_contain_text(order.number)
    expect(page.locator("[data-mini-basket-count]")).to_have_text("0")
    screenshot(page, "card-2-thank-you")
    assert order.guest_email == "grace@example.com"
    assert order.status == "Pending payment"
    source = order.sources.get()
    assert source.source_type.code == "card"
    assert source.amount_allocated == order.total_incl_tax

    # Stripe's webhook, delivered twice, makes the order Paid once.
    api = stripe.StripeClient(
        stripe_keys.STRIPE_SECRET_KEY,
        base_addresses={"api": stripe_keys.STRIPE_API_BASE},
    )
    mail.outbox.clear()
    for _ in range(2):
        assert deliver(client, api, stripe_keys, source.reference).status_code == 200
    order.refresh_from_db()
    assert order.status == "Paid"
    assert [message.to for message in mail.outbox] == [["grace@example.com"]]
    assert order.number in mail.outbox[0].subject + mail.outbox[0].body


def test_a_declined_card_is_told_plainly_and_3d_secure_is_finished_in_the_page(
    page, stripe_keys
):
    wrap = make_product(title="Wheat wrap", price="14.00", num_in_stock=4)
    field = to_card_field(page, stripe_keys, wrap, "Warmth for a stiff back")
    fill_card(field, "4000000000000341")
    page.locator("#place-order").click()
    error = page.locator("[data-card-error]")
    expect(error).to_be_visible()
    expect(error).not_to_be_empty()
    expect(page).to_have_url(re.compile(r"/checkout/preview/$"))
    screenshot(page, "card-3-declined")
    assert not Order.objects.exists()

    # The same basket, another card that asks for 3-D Secure.
    fill_card(field, THREE_D_SECURE)
    page.locator("#place-order").click()
    page.get_by_role("button", name="Complete authentication").click()
    expect(page).to_have_url(re.compile(r"/checkout/thank-you/$"))
    order = Order.objects.get()
    assert order.lines.get().product == wrap
