from django.apps import AppConfig


class AttributionConfig(AppConfig):
    """Which articles and callouts lead to basket adds, orders and revenue."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "attribution"
    verbose_name = "Attribution"

    def ready(self):
        from . import receivers  # noqa: F401 (connects Oscar's signals)
