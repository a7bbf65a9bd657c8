"""Shopper journey: from an article's product callout to a placed order,
which staff then find in the dashboard."""

import re

from playwright.sync_api import expect

from shop.order.models import Order
from site_project.roles import CUSTOMER_SERVICE
from tests.e2e.conftest import (
    fill_address,
    make_staff,
    paragraph,
    product_callout,
    publish_article,
    screenshot,
    sign_in_to_shop,
)
from tests.factories_shop import make_product


def test_guest_buys_from_an_article_callout_and_staff_see_the_order(page, new_page):
    cushion = make_product(title="Lumbar support cushion", price="18.50")
    publish_article(
        "Sitting well at your desk",
        paragraph("A cushion in the small of your back keeps its curve."),
        product_callout(cushion, note="Firm foam that keeps its shape."),
        slug="sitting-well",
    )
    agent = make_staff("agent", CUSTOMER_SERVICE)

    # The article, opened from the index, shows the callout with its price.
    page.goto("/articles/")
    page.get_by_role("link", name="Sitting well at your desk").first.click()
    expect(page).to_have_url(re.compile(r"/articles/sitting-well/$"))
    callout = page.locator('[data-callout="product"]')
    card = callout.locator(f'[data-product-id="{cushion.pk}"]')
    expect(card).to_be_visible()
    expect(card.locator("[data-product-price]")).to_contain_text("£18.50")
    expect(page.locator("[data-mini-basket-count]")).to_have_text("0")
    screenshot(page, "shopper-1-article")

    # Adding returns to the callout; the mini-basket now holds it.
    card.get_by_role("button", name=re.compile("Add to basket")).click()
    expect(page).to_have_url(re.compile(r"/articles/sitting-well/#callout-"))
    expect(page.locator("[data-mini-basket-count]")).to_have_text("1")
    expect(page.locator("[data-mini-basket-total]")).to_have_text("£18.50")
    screenshot(page, "shopper-2-added")

    page.locator("[data-mini-basket] a").click()
    expect(page).to_have_url(re.compile(r"/shop/basket/$"))
    expect(page.locator("#content_inner")).to_contain_text("Lumbar support cushion")
    screenshot(page, "shopper-3-basket")
    page.get_by_role("link", name="Proceed to checkout").click()

    # Guest checkout: email, address, delivery, bank transfer, place order.
    page.fill("#id_username", "ada@example.com")
    page.check("input[name=options][value=anonymous]")
    screenshot(page, "shopper-4-gateway")
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(re.compile(r"/checkout/shipping-address/$"))
    fill_address(page)
    screenshot(page, "shopper-5-address")
    page.get_by_role("button", name="Continue").click()

    expect(page).to_have_url(re.compile(r"/checkout/shipping-method/$"))
    screenshot(page, "shopper-6-delivery")
    page.locator(
        "form:has(input[name=method_code][value=standard]) button[type=submit]"
    ).click()

    expect(page).to_have_url(re.compile(r"/checkout/payment-method/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "How would you like to pay?"
    )
    page.get_by_label(re.compile("Bank transfer")).check()
    screenshot(page, "shopper-7-payment")
    page.get_by_role("button", name="Continue to review your order").click()

    expect(page).to_have_url(re.compile(r"/checkout/preview/$"))
    expect(page.locator("[data-payment-method]")).to_contain_text("Bank transfer")
    screenshot(page, "shopper-8-preview")
    page.locator("#place-order").click()

    expect(page).to_have_url(re.compile(r"/checkout/thank-you/$"))
    order = Order.objects.get()
    assert order.guest_email == "ada@example.com"
    expect(page.get_by_role("heading", level=1)).to_contain_text(order.number)
    expect(page.locator("#content_inner")).to_contain_text(order.number)
    expect(page.locator("[data-payment-instructions]")).to_contain_text("sort code")
    expect(page.locator("[data-mini-basket-count]")).to_have_text("0")
    screenshot(page, "shopper-9-thank-you")

    # Customer service find the order in the dashboard.
    staff = new_page()
    sign_in_to_shop(staff, agent, next_path="/shop/dashboard/orders/")
    expect(staff).to_have_url(re.compile(r"/shop/dashboard/orders/$"))
    row = staff.locator("table tr", has_text=order.number)
    expect(row).to_be_visible()
    expect(row).to_contain_text("ada@example.com")
    row.get_by_role("link", name=order.number).first.click()
    expect(staff.locator("body")).to_contain_text("Lumbar support cushion")
    screenshot(staff, "shopper-10-dashboard-order")
