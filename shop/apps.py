from django.apps import AppConfig


class ShopConfig(AppConfig):
    """The shop's own code beside the forked Oscar apps: product cards,
    template tags, management commands."""

    name = "shop"
    label = "shop"
    default_auto_field = "django.db.models.AutoField"
