"""A reader sees a callout, follows "View product" and adds there: site.js
reports the impression and the click, and the product page's add form passes
the callout on, so the basket line is credited to the article's callout."""

import re

from playwright.sync_api import expect

from attribution.models import BasketLineCallout, CalloutDay
from tests.e2e.conftest import paragraph, product_callout, publish_article
from tests.factories_shop import make_product

FILLER = "Rest, then walk a little further each day. " * 40


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
