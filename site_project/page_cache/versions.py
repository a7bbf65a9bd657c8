"""Tag versions a web process may trust without asking Redis on every hit.

Every page cache hit compares the versions its entry was stored under with
the current ones. With Redis that was one round trip per hit, about a third
of a hit's cost. Here each process keeps the versions it has read, and Redis
tells every process when they change: :func:`store.invalidate` publishes the
changed tag keys on a channel every process subscribes to, and a process
reads its subscription (a ``poll`` of the socket, no round trip) before it
trusts a version it kept. A version is only trusted while the subscription
is known to be live:

* the subscription is confirmed by Redis before anything read is kept, so no
  change published after a version was read can be missed;
* a broken connection, a reconnection or a fork forgets every kept version
  and answers from Redis directly until a new subscription is confirmed;
* kept versions are also forgotten every ``PAGE_CACHE_VERSIONS_REFRESH``
  seconds (default 1), so an outage the socket cannot show (a network that
  drops packets silently, a ``FLUSHALL``) is bounded in time.

Other shared caches (and local memory) are asked on every hit, as before.
"""

import contextlib
import logging
import os
import select
import threading
import time

from django.conf import settings
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

CHANNEL = "pagecache:invalidations"
# How long a failed subscription waits before the next attempt, in seconds.
RETRY_AFTER = 1.0
# How long to wait for Redis to confirm the subscription, in seconds.
CONFIRM_TIMEOUT = 0.5


def _enabled(cache):
    return isinstance(cache, RedisCache) and getattr(
        settings, "PAGE_CACHE_VERSIONS_PUSH", True
    )


class PushedVersions:
    """The tag versions this process has read, kept current by Redis pub/sub."""

    def __init__(self):
        self._lock = threading.Lock()
        self._known = {}
        self._pid = None
        self._pubsub = None
        self._poller = None
        # The Redis servers the subscription is on (each thread has its own
        # cache object; they share one subscription per process).
        self._servers = None
        self._reconnected = False
        self._refreshed_at = 0.0
        self._retry_at = 0.0

    # ----------------------------------------------------------- reading

    def get_many(self, cache, keys):
        """The current versions of these tag keys (missing keys left out)."""
        if not _enabled(cache):
            return cache.get_many(keys)
        with self._lock:
            if not self._listening(cache):
                return cache.get_many(keys)
            known = self._known
            missing = [key for key in keys if key not in known]
            if missing:
                known.update(cache.get_many(missing))
            return {key: known[key] for key in keys if key in known}

    def _listening(self, cache):
        """True when kept versions may be used: subscribed, confirmed, and
        every change published so far has been applied."""
        now = time.monotonic()
        if (
            self._pid != os.getpid()
            or self._servers != cache._servers
            or self._reconnected
        ):
            self._drop_subscription()
        if self._pubsub is None:
            if now < self._retry_at:
                return False
            if not self._subscribe(cache):
                self._retry_at = now + RETRY_AFTER
                return False
        if now - self._refreshed_at >= getattr(
            settings, "PAGE_CACHE_VERSIONS_REFRESH", 1.0
        ):
            self._known.clear()
            self._refreshed_at = now
        try:
            if self._poller.poll(0):
                self._read_messages()
            if self._reconnected:
                raise ConnectionError("the invalidation channel reconnected")
        except Exception as error:
            logger.warning(
                "Page cache: lost the invalidation channel (%s); asking Redis "
                "on every hit until it is back",
                error,
            )
            self._drop_subscription()
            self._retry_at = now + RETRY_AFTER
            return False
        return True

    def _read_messages(self):
        """Apply every message waiting on the subscription."""
        connection = self._pubsub.connection
        while connection.can_read(timeout=0):
            message = self._pubsub.parse_response(block=False, timeout=0)
            if message is None:
                continue
            kind = message[0]
            if kind == b"message":
                for key in message[2].decode().split():
                    self._known.pop(key, None)

    # ------------------------------------------------------- subscribing

    def _subscribe(self, cache):
        self._known.clear()
        pubsub = None
        try:
            client = cache._cache.get_client(write=False)
            pubsub = client.pubsub()
            pubsub.subscribe(CHANNEL)
            connection = pubsub.connection
            deadline = time.monotonic() + CONFIRM_TIMEOUT
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError("Redis did not confirm the subscription")
                message = pubsub.parse_response(block=False, timeout=remaining)
                if message is not None and message[0] == b"subscribe":
                    break
            # redis-py reconnects a broken subscription by itself; messages
            # published meanwhile are lost, so that must not go unnoticed.
            connection.register_connect_callback(self._on_reconnect)
            poller = select.poll()
            poller.register(connection._sock, select.POLLIN | select.POLLPRI)
        except Exception as error:
            logger.warning(
                "Page cache: cannot subscribe to invalidations (%s); asking "
                "Redis on every hit",
                error,
            )
            if pubsub is not None:
                _close(pubsub)
            return False
        self._pubsub = pubsub
        self._poller = poller
        self._pid = os.getpid()
        self._servers = cache._servers
        self._reconnected = False
        self._refreshed_at = time.monotonic()
        return True

    def _on_reconnect(self, connection):
        self._reconnected = True
        self._known.clear()

    def _drop_subscription(self):
        pubsub, self._pubsub = self._pubsub, None
        self._poller = None
        self._servers = None
        self._reconnected = False
        self._known.clear()
        if pubsub is not None and self._pid == os.getpid():
            if pubsub.connection is not None:
                pubsub.connection.deregister_connect_callback(self._on_reconnect)
            _close(pubsub)
        self._pid = os.getpid()

    # -------------------------------------------------------- publishing

    def publish(self, cache, keys):
        """Tell every process these tag keys have new versions (call after
        writing them); this process forgets its own copies at once."""
        with self._lock:
            for key in keys:
                self._known.pop(key, None)
        if not _enabled(cache):
            return
        try:
            cache._cache.get_client(write=True).publish(CHANNEL, " ".join(keys))
        except Exception:
            # The versions are written; a process that missed this message
            # forgets what it kept within PAGE_CACHE_VERSIONS_REFRESH.
            logger.exception("Page cache: could not publish an invalidation")

    def forget(self):
        """Forget every kept version and the subscription (tests, fork)."""
        with self._lock:
            self._drop_subscription()


def _close(pubsub):
    # Closing a connection that may already be broken: nothing to report.
    with contextlib.suppress(Exception):
        pubsub.reset()


pushed_versions = PushedVersions()
