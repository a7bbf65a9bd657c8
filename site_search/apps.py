from django.apps import AppConfig


class SiteSearchConfig(AppConfig):
    """The one search over articles and products, at /search/."""

    name = "site_search"
    label = "site_search"
    verbose_name = "Site search"
