"""Purge from the HTTP cache exactly the pages that show a changed product or
category, found through Wagtail's ReferenceIndex. ``QuerySet.update()`` sends
no signals: code that changes prices that way calls ``purge_products``."""

import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
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


def shop_listing_paths():
    return [reverse("catalogue:index"), reverse("site_search:results")]


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
    products = Product.objects.filter(pk__in=product_ids)
    parent_ids = {pk for pk in products.values_list("parent_id", flat=True) if pk}
    products = Product.objects.filter(pk__in={*product_ids, *parent_ids})
    categories = with_ancestors(
        Category.objects.filter(product__in=products).distinct()
    )
    batch = PurgeBatch()
    paths = shop_listing_paths()
    paths += [product.get_absolute_url() for product in products]
    paths += [category.get_absolute_url() for category in categories]
    batch.add_urls(site_url(path) for path in paths)
    batch.add_pages(pages_choosing(products))
    batch.add_pages(pages_choosing(categories))
    batch.purge()


def purge_categories(categories):
    """A top-level category is in every page's navigation: everything goes.
    Otherwise the category, those above it and the pages choosing them."""
    renew_catalogue_generation()
    if not frontend_cache_configured():
        return
    batch = PurgeBatch()
    if any(category.depth == 1 for category in categories):
        batch.add_pages(Page.objects.live().filter(depth__gt=1))
        paths = [product.get_absolute_url() for product in Product.objects.all()]
        categories = Category.objects.all()
    else:
        categories = with_ancestors(categories)
        paths = []
        batch.add_pages(pages_choosing(categories))
    paths += shop_listing_paths()
    paths += [category.get_absolute_url() for category in categories]
    batch.add_urls(site_url(path) for path in paths)
    batch.purge()


def product_changed(sender, instance, **kwargs):
    purge_products([instance.pk])


def product_part_changed(sender, instance, **kwargs):
    purge_products([instance.product_id])


def category_changed(sender, instance, **kwargs):
    purge_categories([instance])


def connect_signal_handlers():
    for signal, handler, sender in (
        (post_save, product_changed, Product),
        # Before the delete: the references and categories are still there.
        (pre_delete, product_changed, Product),
        (post_save, product_part_changed, StockRecord),
        (post_delete, product_part_changed, StockRecord),
        (post_save, product_part_changed, ProductImage),
        (post_delete, product_part_changed, ProductImage),
        (post_save, product_part_changed, ProductCategory),
        (pre_delete, product_part_changed, ProductCategory),
        (post_save, category_changed, Category),
        (pre_delete, category_changed, Category),
    ):
        signal.connect(
            handler, sender=sender, dispatch_uid=f"purge.{handler.__name__}.{sender}"
        )
