"""Shopper journey: one query in the header search finds an article and a
product, and each result opens its page."""

import re

from playwright.sync_api import expect
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from shop.catalogue.models import ProductCategory
from tests.e2e.conftest import paragraph, publish_article, screenshot
from tests.factories_shop import make_category, make_product


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


def test_a_misspelt_search_shows_what_was_meant_with_picks_and_categories(page):
    """A typo is corrected from the site's names; an editors' pick leads the
    page and the matching category is offered above the results."""
    category = make_category("Spinal decompression")
    table = make_product(title="Fold-flat inversion table", price="149.00")
    ProductCategory.objects.create(product=table, category=category)
    article = publish_article(
        "Spinal decompression at home",
        paragraph("What hanging upside down can and cannot do for the discs."),
        slug="decompression-at-home",
    )
    SearchPromotion.objects.create(
        query=Query.get("spinal decompression"),
        page=article,
        sort_order=0,
        description="Start here: what it can and cannot do.",
    )

    page.goto("/search/?q=spinal+decompresion")

    expect(page.locator("[data-search-corrected]")).to_contain_text(
        "Showing results for spinal decompression"
    )
    expect(page.locator("[data-search-categories]")).to_contain_text(
        "Spinal decompression"
    )
    expect(page.locator(f'[data-product-id="{table.pk}"]').first).to_be_visible()
    screenshot(page, "search-3-corrected")

    page.goto("/search/?q=Spinal+decompression")
    picks = page.locator("[data-search-picks]")
    expect(picks).to_contain_text(article.title)
    expect(picks).to_contain_text("Start here")
    screenshot(page, "search-4-picks")

    page.goto("/search/?q=" + "x" * 3000)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"]
    screenshot(page, "search-5-long-word")
