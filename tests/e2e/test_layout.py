"""The shared layout as a person sees it, at desktop width and at 375 px."""

from playwright.sync_api import expect

from tests.e2e.conftest import MOBILE, screenshot


def test_home_page_has_header_search_basket_and_skip_link(page):
    page.goto("/")
    assert page.locator("header[role=banner]").is_visible()
    assert page.get_by_label("Search articles and products").is_visible()
    # Filled in by site.js from /visitor/: the page itself is the same for all.
    expect(page.locator("[data-mini-basket-count]")).to_have_text("0")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    screenshot(page, "layout-home")


def test_layout_fits_a_375px_screen(page):
    page.set_viewport_size(MOBILE)
    for url in ("/", "/articles/", "/shop/catalogue/"):
        page.goto(url)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= MOBILE["width"], (url, width)
