"""A page cache shared between processes (Redis in production): pages this
process served lately are kept in its memory, checked against the shared
tag versions on every hit."""

import time

import pytest
from django.core.cache import caches
from django.test import Client

from site_project.page_cache import store

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_cache(settings, tmp_path, django_capture_on_commit_callbacks):
    """The page cache in a file-based cache: shared, like Redis, not locmem."""
    settings.CACHES = {
        **settings.CACHES,
        "shared": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "shared-cache"),
        },
    }
    settings.PAGE_CACHE_ALIAS = "shared"
    settings.PAGE_CACHE_ENABLED = True
    store.recent_entries.clear()
    yield lambda: django_capture_on_commit_callbacks(execute=True)
    caches["shared"].clear()
    store.recent_entries.clear()


def cache_state(response):
    return response.headers.get("X-Page-Cache")


def stored_entry_key(path):
    from django.test import RequestFactory

    return store.entry_key(RequestFactory().get(path))


def test_a_hit_is_served_from_process_memory_after_the_first(shared_cache, home_page):
    assert cache_state(Client().get("/")) == "miss"
    assert cache_state(Client().get("/")) == "hit"
    # The shared copy is gone; this process still has the page, and its tags
    # are unchanged, so it is served without fetching the page again.
    caches["shared"].delete(stored_entry_key("/"))
    assert cache_state(Client().get("/")) == "hit"


def test_an_invalidation_by_any_process_applies_to_process_copies(
    shared_cache, home_page
):
    first = Client().get("/")
    assert cache_state(Client().get("/")) == "hit"
    with shared_cache():
        store.invalidate(f"page:{home_page.pk}")
    again = Client().get("/")
    assert cache_state(again) == "miss"
    assert again.content == first.content


def test_a_process_copy_expires_with_the_shared_entry(
    shared_cache, home_page, settings
):
    Client().get("/")
    assert cache_state(Client().get("/")) == "hit"
    entry = store.recent_entries.get(stored_entry_key("/"))
    entry["expires"] = time.time() - 1
    caches["shared"].delete(stored_entry_key("/"))
    assert cache_state(Client().get("/")) == "miss"


def test_process_memory_keeps_only_the_latest_pages(shared_cache, settings):
    settings.PAGE_CACHE_LOCAL_ENTRIES = 2
    entries = store.RecentEntries()
    for key in ("a", "b", "c"):
        entries.remember(key, {"expires": time.time() + 60})
    assert entries.get("a") is None
    assert entries.get("b") is not None
    entries.remember("d", {"expires": time.time() + 60})
    # "b" was read after "c" was stored: "c" is the oldest now.
    assert entries.get("c") is None
    assert entries.get("b") is not None


def test_a_local_memory_cache_keeps_no_second_copy(settings, home_page):
    settings.PAGE_CACHE_ENABLED = True
    store.recent_entries.clear()
    Client().get("/")
    assert cache_state(Client().get("/")) == "hit"
    assert store.recent_entries.get(stored_entry_key("/")) is None
    caches["default"].clear()
