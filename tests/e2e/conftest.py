"""Browser tests: Playwright drives Debian's Chromium against a live server.

Playwright's own browser download does not work offline, so the system
Chromium is launched by path. A missing Chromium fails the test with the
command that installs it (never a skip).
"""

import os
import re
from pathlib import Path

import pytest

from tests.conftest import CHROMIUM_ARGS, CHROMIUM_PATH, ensure_site_tree  # noqa: F401

# Playwright's sync API runs an event loop in the test thread; the ORM calls
# that set up data in the same thread are safe (nothing else uses the loop).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

RESULTS_DIR = Path(__file__).resolve().parents[2] / "test-results"
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 375, "height": 812}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test, for the failure screenshots."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


def save_failure_screenshots(request, pages):
    report = getattr(request.node, "report_call", None)
    if report is None or not report.failed:
        return
    RESULTS_DIR.mkdir(exist_ok=True)
    for number, failed_page in enumerate(pages):
        if not failed_page.is_closed():
            path = RESULTS_DIR / f"FAILED-{request.node.name}-{number}.png"
            failed_page.screenshot(path=str(path), full_page=True)


@pytest.fixture
def site_tree(transactional_db):
    return ensure_site_tree()


def drop_beacons(context):
    """The callout beacon (site.js sends it whenever a page is left) goes
    nowhere: a beacon still being counted when the test database is emptied
    holds locks the emptying needs. Its pages are given a sendBeacon that
    sends nothing (Chromium's keepalive requests can slip past a route).
    Tests marked ``beacons`` keep them."""
    context.add_init_script("navigator.sendBeacon = () => true;")
    context.route("**/attribution/seen/", lambda route: route.abort())


def new_context(request, browser, live_server, viewport=DESKTOP):
    context = browser.new_context(viewport=viewport, base_url=live_server.url)
    context.set_default_timeout(15_000)
    if request.node.get_closest_marker("beacons") is None:
        drop_beacons(context)
    return context


def close_context(context):
    """Close a browser context. Its pages send their callout beacon as they
    close (site.js); the test database is being torn down by then, so the
    beacon is dropped before it reaches the live server."""
    drop_beacons(context)
    context.close()


@pytest.fixture
def page(request, browser, live_server, site_tree):
    """A fresh browser context (own cookies) at desktop width."""
    context = new_context(request, browser, live_server)
    page = context.new_page()
    yield page
    save_failure_screenshots(request, [page])
    close_context(context)


@pytest.fixture
def new_page(request, browser, live_server):
    """Open more independent visitors (each with its own cookies)."""
    contexts = []

    def make(viewport=DESKTOP):
        context = new_context(request, browser, live_server, viewport)
        contexts.append(context)
        return context.new_page()

    yield make
    save_failure_screenshots(request, [p for c in contexts for p in c.pages])
    for context in contexts:
        close_context(context)


def screenshot(page, name):
    """Save a full-page screenshot at desktop and at 375 px under test-results/."""
    RESULTS_DIR.mkdir(exist_ok=True)
    original = page.viewport_size
    for label, size in (("desktop", DESKTOP), ("mobile", MOBILE)):
        page.set_viewport_size(size)
        page.screenshot(path=str(RESULTS_DIR / f"{name}-{label}.png"), full_page=True)
    page.set_viewport_size(original)


# ------------------------------------------------------------------ journeys
# Shared by the journey tests: each test builds its own small data set with
# factories (the live server flushes the database between tests).

PASSWORD = "correct-horse-battery"  # noqa: S105  # nosec B105


@pytest.fixture(autouse=True)
def empty_cache():
    """The locmem cache is shared with the live server thread and outlives
    each test's database: start every test without stored pages."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def product_callout(product, rule="out_of_stock", **fields):
    """A product callout block value, as the admin stores it."""
    return (
        "product_callout",
        {
            "product": product.pk,
            "headline": fields.get("headline", ""),
            "note": fields.get("note", ""),
            "button_label": fields.get("button_label", ""),
            "layout": fields.get("layout", "inline"),
            "if_unavailable": rule,
            "fallback_product": None,
            "fallback_category": None,
        },
    )


def paragraph(text):
    return ("paragraph", f"<p>{text}</p>")


def publish_article(title, *blocks, slug=None, standfirst="How to move again."):
    """A live article under /articles/ with the given body blocks."""
    from blog.models import ArticlePage
    from tests.factories_blog import body_json

    _home, index = ensure_site_tree()
    article = ArticlePage(
        title=title,
        slug=slug or title.lower().replace(" ", "-"),
        standfirst=standfirst,
        body=body_json(*blocks),
    )
    index.add_child(instance=article)
    article.save_revision().publish()
    article.refresh_from_db()
    return article


def make_staff(username, *roles, superuser=False):
    """A user who signs in with PASSWORD, in the given role groups
    (site_project/roles.py, set up as `manage.py setup_roles` does)."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from site_project.roles import assign_role

    call_command("setup_roles", verbosity=0)
    user_model = get_user_model()
    email = f"{username}@example.com"
    if superuser:
        user = user_model.objects.create_superuser(username, email, PASSWORD)
    else:
        user = user_model.objects.create_user(username, email, PASSWORD)
    for role in roles:
        assign_role(user, role)
    return user


def sign_in_to_cms(page, user):
    """Sign in through Wagtail's login form at /cms/login/."""
    from playwright.sync_api import expect

    page.goto("/cms/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/cms/$"))


def sign_in_to_shop(page, user, next_path="/shop/dashboard/"):
    """Sign in through Oscar's customer login form (email and password) and
    wait until the browser has left the login page."""
    from playwright.sync_api import expect

    page.goto(f"/shop/accounts/login/?next={next_path}")
    login = page.locator("form#login_form")
    login.locator("input[name=login-username]").fill(user.email)
    login.locator("input[name=login-password]").fill(PASSWORD)
    login.locator("button[name=login_submit]").click()
    # The login page's own URL ends with ?next=<next_path>, so a caller's
    # "URL ends with next_path" check would pass before the sign-in is done.
    expect(page).not_to_have_url(re.compile(r"/shop/accounts/login/"))


def serious_axe_violations(page):
    """axe-core's serious and critical violations on the current page
    (axe-core ships inside axe-playwright-python: no network)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "nodes": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]


def assert_accessible(page):
    violations = serious_axe_violations(page)
    assert violations == [], f"axe on {page.url}: {violations}"


ADDRESS = {
    "first_name": "Ada",
    "last_name": "Walker",
    "line1": "1 Spine Street",
    "line4": "Leeds",
    "postcode": "LS1 1AA",
}


def fill_address(page):
    """The checkout's delivery address form, filled with ``ADDRESS`` in the UK."""
    for field, value in ADDRESS.items():
        page.fill(f"#id_{field}", value)
    country = page.locator("select#id_country")
    if country.count():
        country.select_option("GB")


def checkout_to_payment(page, email):
    """From the basket to the payment step, as a guest: email, address,
    standard delivery."""
    from playwright.sync_api import expect

    page.goto("/shop/basket/")
    page.get_by_role("link", name="Proceed to checkout").click()
    page.fill("#id_username", email)
    page.check("input[name=options][value=anonymous]")
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(re.compile(r"/checkout/shipping-address/$"))
    fill_address(page)
    page.get_by_role("button", name="Continue").click()
    page.locator(
        "form:has(input[name=method_code][value=standard]) button[type=submit]"
    ).click()
    expect(page).to_have_url(re.compile(r"/checkout/payment-method/$"))
