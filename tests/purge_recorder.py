"""A frontend-cache backend for tests: keeps the URLs Wagtail would purge
(the stack tests purge a real Varnish)."""

from wagtail.contrib.frontend_cache.backends.base import BaseBackend

PURGED = []


class RecordingBackend(BaseBackend):
    def purge(self, url):
        PURGED.append(url)
