"""Purge from the HTTP cache exactly the pages that show a changed product or
category, found through Wagtail's ReferenceIndex. ``QuerySet.update()`` sends
no signals: code that changes prices that way calls ``purge_products``."""

import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_save, pre_delete
from django.urls import reverse
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, ReferenceIndex, Site

from shop.catalogue.models import Category, Product, ProductCategory, ProductImage
from shop.partner.models import StockRecord


def frontend_cache_configured():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def site_url(path):
    site = Site.objects.filter(is_default_site=True).first()
    return (site.root_url if site else settings.SITE_URL.rstrip("/")) + path


def pages_choosing(queryset):
    """Live pages whose content chooses any object of ``queryset``."""
    page_ids = (
        ReferenceIndex.get_references_to_in_bulk(queryset)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values_list("object_id", flat=True)
    )
    return Page.objects.live().filter(pk__in=[int(pk) for pk in page_ids])


def with_ancestors(categories):
    """The categories and every one above them: a category page lists the
    products of the categories below it."""
    paths = {
        category.path[:end]
        for category in categories
        for end in range(Category.steplen, len(category.path) + 1, Category.steplen)
    }
    return Category.objects.filter(path__in=paths)


#: Cached product lists (``{% catalogue_generation %}``) vary on this token,
#: renewed with every purge of products or categories.
GENERATION_KEY = "shop.catalogue_generation"


def catalogue_generation():
    return cache.get_or_set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def renew_catalogue_generation():
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    # Again once committed: a page rendered meanwhile read the old rows.
    transaction.on_commit(
        lambda: cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    )


def purge_products(product_ids):
    """Purge the pages that show these products: their own pages, their
    categories', the catalogue, search, and the pages with callouts for them
    or for one of their categories."""
    renew_catalogue_generation()
    if not frontend_cache_configured() or not product_ids:
        return
    parent_ids = Product.objects.filter(pk__in=product_ids).values("parent_id")
    products = Product.objects.filter(Q(pk__in=product_ids) | Q(pk__in=parent_ids))
    categories = with_ancestors(Category.objects.filter(product__in=products))
    paths = [product.get_absolute_url() for product in products]
    purge(paths, categories, pages_choosing(products), pages_choosing(categories))


def purge_categories(categories):
    """A top-level category is in every page's navigation: everything goes.
    Otherwise the category, those above it and the pages choosing them."""
    renew_catalogue_generation()
    if not frontend_cache_configured():
        return
    if any(category.depth == 1 for category in categories):
        paths = [product.get_absolute_url() for product in Product.objects.all()]
        purge(paths, Category.objects.all(), Page.objects.live().filter(depth__gt=1))
    else:
        categories = with_ancestors(categories)
        purge([], categories, pages_choosing(categories))


def purge(paths, categories, *pages):
    """Purge the paths, the categories' pages, the shop's listings and pages."""
    paths += [category.get_absolute_url() for category in categories]
    paths += [reverse("catalogue:index"), reverse("site_search:results")]
    batch = PurgeBatch()
    batch.add_urls(site_url(path) for path in paths)
    for some_pages in pages:
        batch.add_pages(some_pages)
    batch.purge()


def product_changed(sender, instance, **kwargs):
    purge_products([instance.pk if sender is Product else instance.product_id])


def category_changed(sender, instance, **kwargs):
    purge_categories([instance])


def connect_signal_handlers():
    # Before a delete: the references and categories are still there.
    for signal in (post_save, pre_delete):
        for sender in (Product, StockRecord, ProductImage, ProductCategory):
            signal.connect(
                product_changed, sender=sender, dispatch_uid=f"purge.{sender}"
            )
        signal.connect(category_changed, sender=Category, dispatch_uid="purge.category")
