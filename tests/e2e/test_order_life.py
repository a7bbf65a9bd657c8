"""The life of a card order in the browser: customer service prepares and
dispatches it in the dashboard, the guest follows it through the link in
their email and asks to return it, customer service accepts the return,
which refunds the card through Stripe (localstripe) and restocks."""

import re

import pytest
import stripe
from django.core import mail
from playwright.sync_api import expect

from shop.order.models import Order
from shop.partner.models import StockRecord
from site_project.roles import CUSTOMER_SERVICE
from tests.e2e.conftest import make_staff, screenshot, sign_in_to_shop
from tests.integration.payments.helpers import deliver, paid_card_order

pytestmark = pytest.mark.stripe


def link_in(email, pattern):
    match = re.search(pattern, email.body)
    assert match, email.body
    return match.group(0)


def test_customer_service_dispatches_and_refunds_a_returned_card_order(
    page, new_page, client, stripe_keys, mailoutbox
):
    api = stripe.StripeClient(
        stripe_keys.STRIPE_SECRET_KEY,
        base_addresses={"api": stripe_keys.STRIPE_API_BASE},
    )
    order, intent_id = paid_card_order(client, api)
    assert deliver(client, api, stripe_keys, intent_id).status_code == 200
    stock = StockRecord.objects.get(product=order.lines.get().product)
    assert (stock.num_in_stock, stock.num_allocated) == (5, 1)
    mail.outbox.clear()
    agent = make_staff("agent", CUSTOMER_SERVICE)

    # Customer service: being prepared, then dispatched with a tracking number.
    sign_in_to_shop(page, agent, next_path=f"/shop/dashboard/orders/{order.number}/")
    expect(page.locator("body")).to_contain_text("Paid")
    page.select_option("select[name=new_status]", "Being prepared")
    page.get_by_role("button", name="Change status").click()
    expect(page.locator("body")).to_contain_text("Being prepared")
    page.select_option("#id_carrier", "royal-mail")
    page.fill("#id_tracking_number", "RM123456785GB")
    page.get_by_role("button", name="Dispatch and email the customer").click()
    expect(page.locator("body")).to_contain_text("Dispatched")
    screenshot(page, "order-life-1-dispatched")
    order.refresh_from_db()
    assert order.status == "Dispatched"
    stock.refresh_from_db()
    assert (stock.num_in_stock, stock.num_allocated) == (4, 0)
    [dispatched] = mail.outbox
    assert "RM123456785GB" in dispatched.body

    # The guest follows their order from the link in that email.
    # (SITE_URL is the test client's host: the path is opened on the live server.)
    status_path = link_in(dispatched, r"/shop/accounts/order-status/\S+")
    guest = new_page()
    guest.goto(status_path)
    guest.fill("input[name=email]", order.guest_email)
    guest.locator("form:has(input[name=email]) [type=submit]").click()
    history = guest.locator("body")
    expect(history).to_contain_text("Dispatched")
    expect(history).to_contain_text("RM123456785GB")
    screenshot(guest, "order-life-2-guest-status")
    guest.get_by_role("link", name="Return items from this order").click()
    guest.locator("[data-return-request] input[type=number]").first.fill("1")
    guest.locator("[data-return-request] select").first.select_option(index=1)
    screenshot(guest, "order-life-3-return-form")
    guest.get_by_role("button", name="Ask to return these items").click()
    expect(guest.locator("[data-order-returns]")).to_contain_text(
        "Waiting for us to look at it"
    )
    mail.outbox.clear()

    # Customer service accept it: the card is refunded and the brace restocked.
    page.goto("/shop/dashboard/orders/returns/")
    page.get_by_role("link", name=order.number).first.click()
    returns = page.locator("[data-returns]")
    returns.get_by_role("button", name="Accept, refund and restock").click()
    expect(page.locator("[data-returns]")).to_contain_text("refunded")
    screenshot(page, "order-life-4-return-accepted")

    order = Order.objects.get(pk=order.pk)
    assert {line.status for line in order.lines.all()} == {"Refunded"}
    stock.refresh_from_db()
    assert (stock.num_in_stock, stock.num_allocated) == (5, 0)
    [accepted] = order.return_requests.all()
    assert accepted.refund_amount == order.lines.get().line_price_incl_tax
    refunds = api.v1.refunds.list(params={"payment_intent": intent_id})
    assert [refund.amount for refund in refunds.data] == [
        int(accepted.refund_amount * 100)
    ]
    assert [message.to for message in mail.outbox] == [[order.guest_email]] * len(
        mail.outbox
    )
    assert any("accepted" in message.subject.lower() for message in mail.outbox)

    guest.reload()
    expect(guest.locator("[data-order-returns]")).to_contain_text("Accepted")
