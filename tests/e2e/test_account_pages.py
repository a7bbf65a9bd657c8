"""The account pages in the site's design, at desktop width and at 375 px."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import (
    MOBILE,
    assert_accessible,
    make_staff,
    screenshot,
    sign_in_to_shop,
)


def test_sign_in_page_and_account_summary_fit_both_widths(page):
    page.goto("/shop/accounts/login/")
    expect(page.locator("form#login_form")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "account-1-sign-in")

    customer = make_staff("ada")
    sign_in_to_shop(page, customer, next_path="/shop/accounts/")
    expect(page).to_have_url(re.compile(r"/shop/accounts/"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)
    screenshot(page, "account-2-summary")
    page.set_viewport_size(MOBILE)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= MOBILE["width"]
