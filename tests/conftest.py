"""Fixtures shared by every test: the page tree, and CI's no-skip rule."""

import os
import shutil
from pathlib import Path

import pytest
from wagtail.models import Collection, Locale, Page, Site

from blog.models import ArticleIndexPage, HomePage

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """In CI a skipped test is a failure: it means a component is missing."""
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else ""
        report.longrepr = f"Skipped in CI, which allows no skips: {reason}"


def pytest_collection_modifyitems(config, items):
    """Run browser tests last: their live server flushes the database."""
    items.sort(key=lambda item: item.get_closest_marker("e2e") is not None)


@pytest.fixture(autouse=True)
def empty_throttle_counters():
    """django-ratelimit counts in the cache, and the locmem cache outlives
    each test's database: start every test with no requests counted."""
    from django.core.cache import cache

    cache.clear()


def ensure_base_data():
    """What migrations create and a flushed database lacks: Wagtail's default
    locale, root page and root collection, and the shipping countries."""
    from oscar.apps.address.models import Country

    from shop.shipping_countries import ensure_shipping_countries

    Locale.objects.get_or_create(language_code="en")
    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")
    if not Page.get_first_root_node():
        Page.add_root(title="Root", slug="root", locale=Locale.objects.first())
    ensure_shipping_countries(Country)


def ensure_site_tree():
    """The home page at / and the article index at /articles/.

    Migrations create both, but transactional tests (the live server) flush
    the database, so tests ask for them through this instead.
    """
    ensure_base_data()
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title="Backbone", slug="home"))
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Backbone",
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    index = ArticleIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(
            instance=ArticleIndexPage(title="Articles", slug="articles")
        )
    return home, index


@pytest.fixture
def home_page(db):
    return ensure_site_tree()[0]


@pytest.fixture
def article_index(db):
    return ensure_site_tree()[1]


# One browser for the whole session, shared by every browser test (tests/e2e,
# tests/security): Playwright allows one sync instance per thread.
@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM_PATH).exists() and not shutil.which("chromium"):
        pytest.fail(
            f"Chromium is missing at {CHROMIUM_PATH}. Install it with "
            "`apt-get install chromium` (make test does this when run as root) "
            "or set CHROMIUM_PATH."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM_PATH,
            args=CHROMIUM_ARGS,
            headless=True,
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def localstripe_url():
    """localstripe on loopback, started by the project's script; a test that
    needs it fails, saying why, when it cannot start. One already running
    (another test run's) is used and left running."""
    import subprocess
    import sys
    from urllib.parse import urlsplit

    from django.conf import settings

    script = Path(__file__).resolve().parents[1] / "scripts" / "localstripe.sh"
    port = str(urlsplit(settings.STRIPE_API_BASE).port)
    env = {**os.environ, "PYTHON": sys.executable, "LOCALSTRIPE_PORT": port}
    already_running = subprocess.run(
        [str(script), "running"], env=env, check=False, timeout=60
    )
    started = subprocess.run(
        [str(script), "start"], env=env, capture_output=True, text=True, timeout=60
    )
    if started.returncode != 0:
        pytest.fail(f"localstripe could not be started: {started.stderr.strip()}")
    yield started.stdout.strip()
    if already_running.returncode != 0:
        subprocess.run([str(script), "stop"], env=env, check=True, timeout=60)


@pytest.fixture
def stripe_keys(localstripe_url, settings):
    """Card payments switched on, against localstripe."""
    settings.STRIPE_SECRET_KEY = "sk_test_backbone"  # noqa: S105  # nosec B105
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_backbone"
    settings.STRIPE_WEBHOOK_SECRET = "whsec_test_backbone"  # noqa: S105  # nosec B105
    settings.STRIPE_API_BASE = localstripe_url
    settings.STRIPE_JS_URL = f"{localstripe_url}/js.stripe.com/v3/"
    return settings
