"""Context shared by every page that extends base.html."""

from django.core.cache import cache

from shop.catalogue.models import Category

NAVIGATION_CACHE_KEY = "shop:navigation:top-categories"


def top_categories():
    """The top-level categories for the header, cached as they are on every
    page; a category save clears the key (shop.catalogue.apps)."""
    categories = cache.get(NAVIGATION_CACHE_KEY)
    if categories is None:
        categories = [
            {"name": c.name, "url": c.get_absolute_url()}
            for c in Category.get_root_nodes().filter(is_public=True)[:8]
        ]
        cache.set(NAVIGATION_CACHE_KEY, categories, 60 * 60)
    return categories


def shop_navigation(request):
    return {"shop_top_categories": top_categories}
