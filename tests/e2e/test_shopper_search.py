"""Shopper journey: one query in the header search finds an article and a
product, and each result opens its page."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import paragraph, publish_article, screenshot
from tests.factories_shop import make_product


def test_header_search_finds_an_article_and_a_product(page):
    article = publish_article(
        "Decompression for a tired spine",
        paragraph("Hanging gently lets the discs of the lower back rest."),
        slug="decompression",
    )
    table = make_product(title="Decompression table", price="149.00")
    make_product(title="Massage ball", price="6.00")

    page.goto("/")
    search = page.get_by_label("Search articles and products")
    search.fill("decompression")
    search.press("Enter")

    expect(page).to_have_url(re.compile(r"/search/\?q=decompression"))
    results = page.locator("[data-result-kind]")
    expect(results).to_have_count(2)
    article_hit = page.locator('[data-result-kind="article"]')
    product_hit = page.locator('[data-result-kind="product"]')
    expect(article_hit).to_contain_text(article.title)
    expect(product_hit.locator(f'[data-product-id="{table.pk}"]')).to_contain_text(
        "£149.00"
    )
    expect(page.locator("body")).not_to_contain_text("Massage ball")
    screenshot(page, "search-1-results")

    article_hit.get_by_role("link", name=article.title).first.click()
    expect(page).to_have_url(re.compile(r"/articles/decompression/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(article.title)

    page.go_back()
    page.locator('[data-result-kind="product"]').get_by_role(
        "link", name="Decompression table"
    ).first.click()
    expect(page).to_have_url(re.compile(r"/shop/catalogue/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Decompression table")
    screenshot(page, "search-2-product")
