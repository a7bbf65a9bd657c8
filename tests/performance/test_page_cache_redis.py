"""The page cache on a real Redis: invalidations are pushed to every process,
so a hit costs no round trip, and nothing kept is trusted once the push
channel may have missed a change.

Needs a Redis server: ``REDIS_URL`` (``make test-scaleout`` starts one with
``scripts/redis.sh`` and runs these tests; ``.ci/run`` runs that target).
"""

import os
import uuid

import pytest
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.test import Client, RequestFactory

from site_project.page_cache import store, versions
from site_project.page_cache.versions import PushedVersions, pushed_versions

from .conftest import article_with_callouts, make_product

pytestmark = [pytest.mark.redis, pytest.mark.django_db]

REDIS_URL = os.environ.get("REDIS_URL", "")


@pytest.fixture
def redis_page_cache(settings, django_capture_on_commit_callbacks):
    if not REDIS_URL:
        pytest.fail(
            "These tests need a Redis server: set REDIS_URL, or run "
            "`make test-scaleout`, which starts one (scripts/redis.sh)."
        )
    settings.CACHES = {
        **settings.CACHES,
        "redis": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        },
    }
    settings.PAGE_CACHE_ALIAS = "redis"
    settings.PAGE_CACHE_ENABLED = True
    # Kept versions are refreshed only when a test asks for it.
    settings.PAGE_CACHE_VERSIONS_REFRESH = 3600
    caches["redis"].clear()
    store.recent_entries.clear()
    pushed_versions.forget()
    yield lambda: django_capture_on_commit_callbacks(execute=True)
    caches["redis"].clear()
    store.recent_entries.clear()
    pushed_versions.forget()


def redis_client():
    return caches["redis"]._cache.get_client(write=True)


def commands_processed():
    """Commands Redis has run so far (this INFO itself is not counted)."""
    return redis_client().info("stats")["total_commands_processed"]


def cache_state(response):
    return response.headers.get("X-Page-Cache")


def tag_keys_of(path):
    entry = store.recent_entries.get(store.entry_key(RequestFactory().get(path)))
    return list(entry["versions"])


def change_version_elsewhere(key, *, publish):
    """What another web process does on an invalidation: a new version in
    Redis and, unless told otherwise, a message to every process."""
    other_cache = RedisCache(REDIS_URL, {})
    other_cache.set(key, uuid.uuid4().hex, timeout=None)
    if publish:
        PushedVersions().publish(other_cache, [key])


def test_a_hit_sends_no_command_to_redis(redis_page_cache, home_page):
    assert cache_state(Client().get("/")) == "miss"
    assert cache_state(Client().get("/")) == "hit"
    before = commands_processed()
    for _ in range(20):
        assert cache_state(Client().get("/")) == "hit"
    # One command: the INFO that read `before`.
    assert commands_processed() - before == 1


def test_a_change_published_by_another_process_applies_to_the_next_hit(
    redis_page_cache, home_page
):
    first = Client().get("/")
    assert cache_state(Client().get("/")) == "hit"
    change_version_elsewhere(tag_keys_of("/")[0], publish=True)
    again = Client().get("/")
    assert cache_state(again) == "miss"
    assert again.content == first.content


def test_a_kept_version_is_trusted_only_through_the_channel(
    redis_page_cache, home_page, settings
):
    """Without the message the kept version stands (so the message above is
    what made the difference), until kept versions are refreshed."""
    Client().get("/")
    assert cache_state(Client().get("/")) == "hit"
    change_version_elsewhere(tag_keys_of("/")[0], publish=False)
    assert cache_state(Client().get("/")) == "hit"
    settings.PAGE_CACHE_VERSIONS_REFRESH = 0
    assert cache_state(Client().get("/")) == "miss"


def test_a_lost_channel_forgets_every_kept_version(
    redis_page_cache, home_page, monkeypatch
):
    monkeypatch.setattr(versions, "RETRY_AFTER", 0)
    Client().get("/")
    assert cache_state(Client().get("/")) == "hit"
    key = tag_keys_of("/")[0]
    # Redis drops the subscription; a change made meanwhile is not pushed.
    redis_client().execute_command("CLIENT", "KILL", "TYPE", "pubsub")
    change_version_elsewhere(key, publish=False)
    assert cache_state(Client().get("/")) == "miss"
    # Subscribed again: hits cost no command, and changes are pushed again.
    assert cache_state(Client().get("/")) == "hit"
    before = commands_processed()
    assert cache_state(Client().get("/")) == "hit"
    assert commands_processed() - before == 1
    change_version_elsewhere(key, publish=True)
    assert cache_state(Client().get("/")) == "miss"


def test_a_price_change_invalidates_the_cached_article_at_once(
    redis_page_cache, article_index
):
    product = make_product(title="Foam roller", price="24.00")
    article_with_callouts(article_index, "roll-it-out", [product.pk])
    assert "24.00" in Client().get("/articles/roll-it-out/").content.decode()
    assert cache_state(Client().get("/articles/roll-it-out/")) == "hit"
    with redis_page_cache():
        record = product.stockrecords.get()
        record.price = "19.50"
        record.save()
    again = Client().get("/articles/roll-it-out/")
    assert cache_state(again) == "miss"
    assert "19.50" in again.content.decode()


def test_without_redis_every_hit_reads_the_shared_versions(settings, home_page):
    """Other caches are asked on every hit, as before (no channel)."""
    settings.PAGE_CACHE_ENABLED = True
    versions = PushedVersions()
    cache = caches["default"]
    cache.set("tag", "one")
    assert versions.get_many(cache, ["tag"]) == {"tag": "one"}
    cache.set("tag", "two")
    assert versions.get_many(cache, ["tag"]) == {"tag": "two"}
    cache.delete("tag")


def test_pushing_can_be_turned_off(redis_page_cache, home_page, settings):
    settings.PAGE_CACHE_VERSIONS_PUSH = False
    Client().get("/")
    assert cache_state(Client().get("/")) == "hit"
    before = commands_processed()
    assert cache_state(Client().get("/")) == "hit"
    # The INFO, and the hit's read of its tag versions.
    assert commands_processed() - before == 2
