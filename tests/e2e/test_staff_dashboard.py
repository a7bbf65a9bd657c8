"""Staff journey: a catalogue manager changes a product's price and stock in
Oscar's dashboard, and the articles featuring it follow at once."""

import re

from playwright.sync_api import expect

from shop.catalogue.models import ProductCategory
from site_project.roles import CATALOGUE_MANAGERS
from tests.e2e.conftest import (
    make_staff,
    paragraph,
    product_callout,
    publish_article,
    screenshot,
    sign_in_to_shop,
)
from tests.factories_shop import make_category, make_product


def save_stock_and_price(page, product, price, num_in_stock):
    page.goto(f"/shop/dashboard/catalogue/products/{product.pk}/")
    page.get_by_role("link", name=re.compile("Stock and pricing")).click()
    price_field = page.locator("#id_stockrecords-0-price")
    expect(price_field).to_be_visible()
    price_field.fill(price)
    page.fill("#id_stockrecords-0-num_in_stock", str(num_in_stock))
    screenshot(page, f"staff-product-stock-{num_in_stock}")
    page.locator("button[type=submit][name=action][value=continue]").click()
    expect(page.locator(".alert-success")).to_be_visible()


def test_price_and_stock_changes_in_the_dashboard_reach_the_article(page, new_page):
    roller = make_product(title="Foam roller", price="24.00", num_in_stock=8)
    # Oscar's product form requires a category.
    ProductCategory.objects.create(product=roller, category=make_category("Rollers"))
    publish_article(
        "Rolling out a stiff back",
        paragraph("Slow passes over the upper back loosen tight muscles."),
        product_callout(roller, rule="out_of_stock", headline="Shown when sold out"),
        paragraph("Keep the roller off the lower back."),
        product_callout(roller, rule="hide", headline="Hidden when sold out"),
        slug="rolling-out",
    )
    manager = make_staff("catalogue", CATALOGUE_MANAGERS)

    reader = new_page()
    reader.goto("/articles/rolling-out/")
    cards = reader.locator(f'[data-callout="product"] [data-product-id="{roller.pk}"]')
    expect(cards).to_have_count(2)
    expect(cards.first.locator("[data-product-price]")).to_contain_text("£24.00")

    sign_in_to_shop(page, manager, next_path="/shop/dashboard/")
    expect(page).to_have_url(re.compile(r"/shop/dashboard/$"))
    screenshot(page, "staff-dashboard")
    save_stock_and_price(page, roller, "19.99", 3)

    reader.reload()
    expect(cards).to_have_count(2)
    for index in range(2):
        expect(cards.nth(index).locator("[data-product-price]")).to_contain_text(
            "£19.99"
        )
    expect(
        cards.first.get_by_role("button", name=re.compile("Add to basket"))
    ).to_be_visible()
    screenshot(reader, "staff-article-new-price")

    save_stock_and_price(page, roller, "19.99", 0)
    reader.reload()
    # The "out of stock" callout stays without its add button; the "hide"
    # callout is gone for readers.
    callouts = reader.locator('[data-callout="product"]')
    expect(callouts).to_have_count(1)
    expect(callouts).to_contain_text("Shown when sold out")
    expect(callouts.locator("[data-availability]")).to_have_attribute(
        "data-availability", "outofstock"
    )
    expect(
        callouts.get_by_role("button", name=re.compile("Add to basket"))
    ).to_have_count(0)
    expect(reader.locator("body")).not_to_contain_text("Hidden when sold out")
    screenshot(reader, "staff-article-out-of-stock")
