"""A shopper adds from a callout far down an article: the browser returns to
the callout, and the confirmation is in view there, not at the page top."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import (
    MOBILE,
    assert_accessible,
    paragraph,
    product_callout,
    publish_article,
)
from tests.factories_shop import make_product

FILLER = (
    "Lying on your back with your knees bent lets the muscles along the spine "
    "let go. Breathe slowly, and let the floor take the weight of your "
    "shoulders, ribs and hips before you try any stretch. "
) * 6


def test_confirmation_is_in_view_at_the_callout_after_adding(page, new_page):
    roller = make_product(title="Travel foam roller", price="16.00")
    article = publish_article(
        "Loosening a stiff back",
        *[paragraph(FILLER) for _ in range(10)],
        product_callout(roller, note="Short enough for a suitcase."),
        *[paragraph(FILLER) for _ in range(6)],
        slug="stiff-back",
    )

    for visitor in (page, new_page(viewport=MOBILE)):
        visitor.goto(article.url)
        callout = visitor.locator('[data-callout="product"]')
        callout.locator("form.product-card__add button[type=submit]").click()
        expect(visitor).to_have_url(re.compile(r"/articles/stiff-back/#callout-"))

        message = visitor.locator('[role="status"][data-messages]')
        expect(message).to_contain_text("Travel foam roller has been added")
        expect(message).to_be_in_viewport()
        expect(callout).to_be_in_viewport()
        # The anchor lands below the messages: they do not hide the callout.
        message_box = message.bounding_box()
        callout_box = callout.bounding_box()
        assert message_box["y"] + message_box["height"] <= callout_box["y"] + 1

    assert_accessible(page)
    dismiss = page.get_by_role("button", name="Dismiss message")
    expect(dismiss).to_have_count(2)  # the confirmation and the new total
    dismiss.first.click()
    dismiss.first.click()
    expect(page.locator("[data-messages]")).to_have_count(0)
    expect(page.locator("#main")).to_be_focused()
