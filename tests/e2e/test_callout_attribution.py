"""A reader sees a callout, follows "View product" and adds there: site.js
reports the impression and the click, and the product page's add form passes
the callout on, so the basket line is credited to the article's callout."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from attribution.models import BasketLineCallout, CalloutDay
from attribution.reports import CalloutSalesReportView
from shop.order.models import Order
from site_project.roles import EDITORS
from tests.e2e.conftest import (
    checkout_to_payment,
    make_staff,
    paragraph,
    product_callout,
    publish_article,
    screenshot,
    sign_in_to_cms,
)
from tests.factories_shop import make_product

FILLER = "Rest, then walk a little further each day. " * 40


@pytest.mark.beacons
def test_view_product_from_a_callout_credits_the_callout(page):
    roller = make_product(title="Travel foam roller", price="16.00")
    article = publish_article(
        "Loosening a stiff back",
        *[paragraph(FILLER) for _ in range(8)],
        product_callout(roller, note="Short enough for a suitcase."),
        slug="stiff-back",
    )
    block_id = article.body[8].id

    page.goto(article.url)
    callout = page.locator('[data-callout="product"]')
    callout.scroll_into_view_if_needed()
    page.wait_for_timeout(300)  # the observer's callback runs after a frame
    callout.get_by_role("link", name=re.compile("View product")).click()
    expect(page).to_have_url(re.compile(r"\?via=\d+\."))

    form = page.locator("#add_to_basket_form")
    expect(form.locator("input[name=callout_block]")).to_have_value(block_id)
    form.get_by_role("button", name="Add to basket").click()
    expect(page.locator("[data-messages]")).to_contain_text("has been added")

    touch = BasketLineCallout.objects.get()
    assert (touch.page_id, touch.block_id) == (article.pk, block_id)
    day = CalloutDay.objects.get()
    assert (day.impressions, day.clicks, day.adds) == (1, 1, 1)


def check_out_as_guest(page, email):
    """From the basket to a placed order, paid by bank transfer."""
    checkout_to_payment(page, email)
    page.get_by_label(re.compile("Bank transfer")).check()
    page.get_by_role("button", name="Continue to review your order").click()
    page.locator("#place-order").click()
    expect(page).to_have_url(re.compile(r"/checkout/thank-you/$"))


def report_row(page, article_title):
    """The report's cells of the one row of an article, by column heading."""
    page.goto("/cms/reports/callout-sales/")
    rows = page.locator("table tbody tr", has_text=article_title)
    expect(rows).to_have_count(1)
    headings = [str(column.label) for column in CalloutSalesReportView.columns]
    cells = rows.first.locator("td").all_inner_texts()
    return {h: c.strip() for h, c in zip(headings, cells, strict=True)}


def test_a_sale_from_a_callout_is_reported_and_one_from_search_is_not(page, new_page):
    brace = make_product(title="Posture brace", price="24.00")
    article = publish_article(
        "Standing tall again",
        paragraph("A light brace reminds the shoulders where they belong."),
        product_callout(brace, note="Worn under a shirt."),
        slug="standing-tall",
    )
    editor = make_staff("editor", EDITORS)

    # A reader adds the brace from the article's callout and checks out.
    page.goto(article.url)
    card = page.locator(f'[data-callout="product"] [data-product-id="{brace.pk}"]')
    card.get_by_role("button", name=re.compile("Add to basket")).click()
    expect(page.locator("[data-mini-basket-count]")).to_have_text("1")
    check_out_as_guest(page, "reader@example.com")
    order = Order.objects.get()

    # The editor's report credits the article's callout with that order.
    cms = new_page()
    sign_in_to_cms(cms, editor)
    row = report_row(cms, article.title)
    assert row["Callout"] == "Product callout 1"
    assert (row["Basket adds"], row["Orders"], row["Units"]) == ("1", "1", "1")
    line = order.lines.get()
    assert line.line_price_incl_tax == Decimal("24.00")
    assert row["Revenue incl. VAT"] == "£24.00"
    screenshot(cms, "callout-sales-1-report")

    # Another shopper finds the same brace by search and buys it there.
    shopper = new_page()
    shopper.goto("/search/?q=posture+brace")
    shopper.locator('[data-result-kind="product"]').get_by_role(
        "link", name="Posture brace"
    ).first.click()
    expect(shopper.get_by_role("heading", level=1)).to_have_text("Posture brace")
    shopper.locator("#add_to_basket_form").get_by_role(
        "button", name="Add to basket"
    ).click()
    expect(shopper.locator("[data-messages]")).to_contain_text("has been added")
    check_out_as_guest(shopper, "searcher@example.com")
    assert Order.objects.count() == 2

    # Not attributed: the report's figures for the callout are unchanged.
    assert report_row(cms, article.title) == row
    screenshot(cms, "callout-sales-2-after-search-sale")
