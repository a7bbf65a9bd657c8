"""axe-core in Chromium on the pages shoppers use: no serious or critical
violations on the home page, an article, a category, a product, the basket
and every checkout step."""

import re

from playwright.sync_api import expect

from shop.catalogue.models import ProductCategory
from tests.e2e.conftest import (
    assert_accessible,
    paragraph,
    product_callout,
    publish_article,
)
from tests.factories_shop import make_category, make_product


def test_shopper_pages_have_no_serious_accessibility_violations(page):
    mat = make_product(title="Acupressure mat", price="32.00")
    category = make_category("Mats and rollers")
    ProductCategory.objects.create(product=mat, category=category)
    article = publish_article(
        "Easing tension in the upper back",
        paragraph("Lying on a mat for a few minutes relaxes the shoulders."),
        product_callout(mat, note="Firm points, soft base."),
        slug="upper-back",
    )

    for url in ("/", "/articles/", article.url, category.get_absolute_url()):
        page.goto(url)
        assert_accessible(page)

    page.goto(mat.get_absolute_url())
    assert_accessible(page)
    page.locator("#add_to_basket_form button[type=submit]").click()
    expect(page.locator("[data-mini-basket-count]")).to_have_text("1")

    page.goto("/shop/basket/")
    assert_accessible(page)
    page.get_by_role("link", name="Proceed to checkout").click()
    expect(page).to_have_url(re.compile(r"/shop/checkout/$"))
    assert_accessible(page)

    page.fill("#id_username", "ada@example.com")
    page.check("input[name=options][value=anonymous]")
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(re.compile(r"/checkout/shipping-address/$"))
    assert_accessible(page)
    for field, value in {
        "first_name": "Ada",
        "last_name": "Walker",
        "line1": "1 Spine Street",
        "line4": "Leeds",
        "postcode": "LS1 1AA",
    }.items():
        page.fill(f"#id_{field}", value)
    page.get_by_role("button", name="Continue").click()

    expect(page).to_have_url(re.compile(r"/checkout/shipping-method/$"))
    assert_accessible(page)
    page.locator(
        "form:has(input[name=method_code][value=standard]) button[type=submit]"
    ).click()

    expect(page).to_have_url(re.compile(r"/checkout/payment-method/$"))
    assert_accessible(page)
    page.get_by_label(re.compile("Bank transfer")).check()
    page.get_by_role("button", name="Continue to review your order").click()

    expect(page).to_have_url(re.compile(r"/checkout/preview/$"))
    assert_accessible(page)
    page.locator("#place-order").click()
    expect(page).to_have_url(re.compile(r"/checkout/thank-you/$"))
    assert_accessible(page)
