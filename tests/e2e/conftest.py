"""Browser tests: Playwright drives Debian's Chromium against a live server.

Playwright's own browser download does not work offline, so the system
Chromium is launched by path. A missing Chromium fails the test with the
command that installs it (never a skip).
"""

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import ensure_site_tree

# Playwright's sync API runs an event loop in the test thread; the ORM calls
# that set up data in the same thread are safe (nothing else uses the loop).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

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
RESULTS_DIR = Path(__file__).resolve().parents[2] / "test-results"
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 375, "height": 812}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


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


@pytest.fixture
def site_tree(transactional_db):
    return ensure_site_tree()


@pytest.fixture
def page(browser, live_server, site_tree):
    """A fresh browser context (own cookies) at desktop width."""
    context = browser.new_context(viewport=DESKTOP, base_url=live_server.url)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def new_page(browser, live_server):
    """Open more independent visitors (each with its own cookies)."""
    contexts = []

    def make(viewport=DESKTOP):
        context = browser.new_context(viewport=viewport, base_url=live_server.url)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def screenshot(page, name):
    """Save a full-page screenshot at desktop and at 375 px under test-results/."""
    RESULTS_DIR.mkdir(exist_ok=True)
    original = page.viewport_size
    for label, size in (("desktop", DESKTOP), ("mobile", MOBILE)):
        page.set_viewport_size(size)
        page.screenshot(path=str(RESULTS_DIR / f"{name}-{label}.png"), full_page=True)
    page.set_viewport_size(original)
