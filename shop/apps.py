from django.apps import AppConfig, apps
from django.core.checks import Tags, register
from django.db.models.signals import post_migrate


class ShopConfig(AppConfig):
    """The shop's own code beside the forked Oscar apps."""

    name = "shop"
    label = "shop"

    def ready(self):
        from .purge import connect_signal_handlers
        from .site_url import check_site_url, sync_site_with_site_url

        connect_signal_handlers()
        post_migrate.connect(
            sync_site_with_site_url,
            sender=apps.get_app_config("sites"),
            dispatch_uid="shop.sync_site_with_site_url",
        )
        register(check_site_url, Tags.security, deploy=True)
