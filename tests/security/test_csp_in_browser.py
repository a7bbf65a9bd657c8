"""The Content-Security-Policy in a real browser: the public site, Wagtail's
admin and Oscar's dashboard work under it, with no violation reported."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (
    make_staff,
    paragraph,
    product_callout,
    publish_article,
    sign_in_to_cms,
)
from tests.factories_shop import make_product

pytestmark = pytest.mark.e2e

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(
        `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}`
    );
});
"""


def violations(page):
    return page.evaluate("window.__cspViolations")


def visit(page, path):
    response = page.goto(path)
    assert response.status == 200, (path, response.status)
    page.wait_for_load_state("load")
    assert violations(page) == [], (path, violations(page))


def test_public_pages_run_their_scripts_without_violations(page):
    product = make_product(title="Posture cushion", num_in_stock=5)
    article = publish_article(
        "Sitting well", paragraph("Sit tall."), product_callout(product)
    )
    page.add_init_script(RECORD_VIOLATIONS)
    policies = []
    page.on(
        "response", lambda r: policies.append(r.headers.get("content-security-policy"))
    )

    visit(page, "/")
    visit(page, article.url)
    page.locator(f'[data-product-id="{product.pk}"] button[type=submit]').click()
    expect(page.locator("[data-mini-basket-count]")).to_contain_text("1")
    assert violations(page) == []
    visit(page, product.get_absolute_url())
    visit(page, "/shop/basket/")
    # The basket's "Remove" link is site.js's (Oscar's jQuery is not loaded).
    page.locator('#basket_formset a[data-behaviours~="remove"]').first.click()
    expect(page.locator("#content_inner")).to_contain_text("Your basket is empty")
    assert violations(page) == []
    visit(page, "/search/?q=cushion")
    # No page outside the admin needs inline script: no nonce, no 'unsafe-inline'.
    scripts = [p.split("script-src")[1].split(";")[0] for p in policies if p]
    assert scripts and all(s.split() == ["'self'"] for s in scripts)


def test_wagtail_editor_and_oscar_dashboard_work_under_their_policy(page):
    product = make_product(title="Lumbar roll", num_in_stock=5)
    article = publish_article("Lifting safely", paragraph("Bend your knees."))
    admin = make_staff("admin", superuser=True)
    page.add_init_script(RECORD_VIOLATIONS)

    sign_in_to_cms(page, admin)
    visit(page, f"/cms/pages/{article.pk}/edit/")
    # The StreamField and Draftail editors are built by JavaScript.
    expect(page.locator(".Draftail-Editor").first).to_be_visible()
    assert violations(page) == []

    # The same session opens Oscar's dashboard.
    visit(page, "/shop/dashboard/")
    visit(page, f"/shop/dashboard/catalogue/products/{product.pk}/")
    # Oscar's dashboard JavaScript (inline init) made the tabs work.
    page.locator("a[href='#product_stock']").first.click()
    expect(page.locator("#product_stock")).to_be_visible()
    assert violations(page) == []
