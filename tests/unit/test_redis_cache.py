"""The Redis cache backend reuses one redis client per connection pool."""

import os
import subprocess
import sys
from pathlib import Path

import redis

from site_project.redis_cache import RedisCache


def test_one_client_serves_every_operation_on_a_pool():
    # Making clients does not connect: no server is needed here.
    cache = RedisCache("redis://127.0.0.1:1/0", {})
    first = cache._cache.get_client("a")
    assert isinstance(first, redis.Redis)
    assert cache._cache.get_client("b") is first
    assert cache._cache.get_client("c", write=True) is first


def test_each_server_keeps_its_own_client():
    cache = RedisCache("redis://127.0.0.1:1/0,redis://127.0.0.1:2/0", {})
    writer = cache._cache.get_client(write=True)
    reader = cache._cache.get_client()
    assert writer is not reader
    assert writer.connection_pool.connection_kwargs["port"] == 1
    assert reader.connection_pool.connection_kwargs["port"] == 2
    assert cache._cache.get_client() is reader


def test_settings_use_it_when_redis_is_configured():
    code = (
        "from site_project.settings import base; "
        "print(base.CACHES['default']['BACKEND'])"
    )
    env = {**os.environ, "REDIS_URL": "redis://127.0.0.1:1/0"}
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.stdout.strip() == "site_project.redis_cache.RedisCache"
