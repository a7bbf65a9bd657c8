"""Shopper journey: a product page lists the live articles that feature it,
and each link opens the article."""

import re

from playwright.sync_api import expect

from blog.models import ArticlePage
from tests.conftest import ensure_site_tree
from tests.e2e.conftest import paragraph, product_callout, publish_article, screenshot
from tests.factories_blog import body_json
from tests.factories_shop import make_product


def test_product_page_links_to_the_articles_that_feature_it(page):
    belt = make_product(title="Lumbar support belt", price="27.00")
    other = make_product(title="Heat pack", price="9.50")
    publish_article(
        "Lifting without strain",
        paragraph("Bend the knees and keep the load close."),
        product_callout(belt),
        slug="lifting",
    )
    publish_article(
        "Warmth for a stiff back",
        paragraph("Heat relaxes tight muscles."),
        product_callout(other),
        slug="warmth",
    )
    # A draft that features the belt is not a public back link.
    _home, index = ensure_site_tree()
    draft = ArticlePage(
        title="Draft about belts",
        slug="draft-belts",
        body=body_json(product_callout(belt)),
        live=False,
    )
    index.add_child(instance=draft)
    draft.save_revision()

    page.goto(belt.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Lumbar support belt")
    featured = page.locator("[data-featured-in]")
    expect(featured.get_by_role("heading", name="Featured in")).to_be_visible()
    expect(featured.get_by_role("link")).to_have_count(1)
    expect(featured).not_to_contain_text("Draft about belts")
    expect(featured).not_to_contain_text("Warmth for a stiff back")
    screenshot(page, "featured-in-1-product")

    featured.get_by_role("link", name="Lifting without strain").click()
    expect(page).to_have_url(re.compile(r"/articles/lifting/$"))
    expect(
        page.locator(f'[data-callout="product"] [data-product-id="{belt.pk}"]')
    ).to_be_visible()
