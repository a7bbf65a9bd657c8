import oscar.apps.catalogue.apps as apps
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save


def clear_navigation(**kwargs):
    from shop.context_processors import NAVIGATION_CACHE_KEY

    cache.delete(NAVIGATION_CACHE_KEY)


class CatalogueConfig(apps.CatalogueConfig):
    name = "shop.catalogue"

    def ready(self):
        super().ready()
        Category = self.get_model("Category")
        post_save.connect(clear_navigation, sender=Category)
        post_delete.connect(clear_navigation, sender=Category)
        from .search_index import connect_signal_handlers

        connect_signal_handlers(
            self.get_model("ProductCategory"),
            self.get_model("ProductAttributeValue"),
            Category,
        )
