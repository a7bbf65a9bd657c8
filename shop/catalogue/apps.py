import oscar.apps.catalogue.apps as apps


class CatalogueConfig(apps.CatalogueConfig):
    name = "shop.catalogue"

    def ready(self):
        super().ready()
        from django.core.cache import cache
        from django.db.models.signals import post_delete, post_save

        from shop.context_processors import NAVIGATION_CACHE_KEY

        from .models import Category

        def clear_navigation(**kwargs):
            cache.delete(NAVIGATION_CACHE_KEY)

        post_save.connect(clear_navigation, sender=Category, weak=False)
        post_delete.connect(clear_navigation, sender=Category, weak=False)
