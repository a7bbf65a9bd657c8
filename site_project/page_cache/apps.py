from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    """Connects the invalidation signal handlers in every process (web,
    management commands, workers), so a price changed anywhere clears the
    pages that show it."""

    name = "site_project.page_cache"
    label = "page_cache"
    verbose_name = "Page cache"

    def ready(self):
        from . import invalidation

        invalidation.connect_signal_handlers()
