"""Context shared by every page that extends base.html."""

from django.core.cache import cache

from shop.catalogue.models import Category

NAVIGATION_CACHE_KEY = "shop:navigation:top-categories"


def top_categories():
    """The header's top-level categories, cached as they are on every page; a
    category save or delete clears them (shop.catalogue.apps)."""

    def load():
        roots = Category.get_root_nodes().filter(is_public=True)[:8]
        return [{"name": c.name, "url": c.get_absolute_url()} for c in roots]

    return cache.get_or_set(NAVIGATION_CACHE_KEY, load, 60 * 60)


def shop_navigation(request):
    return {"shop_top_categories": top_categories}
