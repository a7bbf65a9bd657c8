"""Which stored pages show a product, a category or a page, and the signal
handlers that invalidate exactly those when it changes.

Articles and the home page that feature a product are found through
Wagtail's ReferenceIndex (chooser blocks record their references there), so
the shop never needs to know about the blog. Tags are worked out when the
change happens (before a delete removes the references) and bumped when the
transaction commits (so no process can re-store the old data afterwards).

Bulk ``QuerySet.update()`` sends no signals: code that changes prices that
way must call ``invalidate(*tags_for_products(ids))`` itself.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import Page, ReferenceIndex, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .store import EVERYTHING, invalidate


def pages_referencing(targets):
    """Ids of pages whose content chooses any of ``targets``
    (a dict of model -> ids)."""
    condition = Q()
    for model, ids in targets.items():
        if ids:
            condition |= Q(
                to_content_type=ContentType.objects.get_for_model(model),
                to_object_id__in=[str(pk) for pk in ids],
            )
    if not condition:
        return set()
    return {
        int(pk)
        for pk in ReferenceIndex.objects.filter(
            condition, base_content_type=ContentType.objects.get_for_model(Page)
        ).values_list("object_id", flat=True)
    }


def with_ancestors(category_ids):
    """The categories and every category above them (a category page lists
    the products of its descendants too)."""
    from shop.catalogue.models import Category

    if not category_ids:
        return set()
    step = Category.steplen
    paths = Category.objects.filter(pk__in=category_ids).values_list("path", flat=True)
    prefixes = {
        path[:end] for path in paths for end in range(step, len(path) + 1, step)
    }
    return set(Category.objects.filter(path__in=prefixes).values_list("pk", flat=True))


def tags_for_categories(category_ids):
    from shop.catalogue.models import Category

    category_ids = with_ancestors(set(category_ids))
    page_ids = pages_referencing({Category: category_ids})
    return [f"category:{pk}" for pk in category_ids] + [f"page:{pk}" for pk in page_ids]


def tags_for_products(product_ids):
    """Tags of every stored page that shows one of these products: its
    category pages, and the pages (articles, home) that choose the product
    or one of its categories."""
    from shop.catalogue.models import Category, Product, ProductCategory

    ids = set(product_ids)
    ids |= set(
        Product.objects.filter(pk__in=ids, parent__isnull=False).values_list(
            "parent_id", flat=True
        )
    )
    category_ids = with_ancestors(
        set(
            ProductCategory.objects.filter(product_id__in=ids).values_list(
                "category_id", flat=True
            )
        )
    )
    page_ids = pages_referencing({Product: ids, Category: category_ids})
    return [f"category:{pk}" for pk in category_ids] + [f"page:{pk}" for pk in page_ids]


def tags_for_page(page):
    """A page, its parent (an index listing it), the home page, and the pages
    that link to it."""
    tags = {f"page:{page.pk}"}
    if page.depth > 1:
        parent_path = page.path[: -page.steplen]
        tags.update(
            f"page:{pk}"
            for pk in Page.objects.filter(path=parent_path).values_list("pk", flat=True)
        )
    tags.update(
        f"page:{pk}" for pk in Site.objects.values_list("root_page_id", flat=True)
    )
    tags.update(f"page:{pk}" for pk in pages_referencing({Page: {page.pk}}))
    return tags


def product_changed(sender, instance, **kwargs):
    invalidate(*tags_for_products([instance.pk]))


def stock_record_changed(sender, instance, **kwargs):
    invalidate(*tags_for_products([instance.product_id]))


def product_image_changed(sender, instance, **kwargs):
    invalidate(*tags_for_products([instance.product_id]))


def product_category_changed(sender, instance, **kwargs):
    invalidate(*tags_for_categories([instance.category_id]))


def category_changed(sender, instance, **kwargs):
    # Top-level categories are in every page's navigation.
    invalidate(EVERYTHING)


def page_changed(sender, instance, **kwargs):
    invalidate(*tags_for_page(instance))


def page_moved(sender, instance, **kwargs):
    # The URLs of a whole subtree changed, and menus and links with them.
    invalidate(EVERYTHING)


def connect_signal_handlers():
    from shop.catalogue.models import Category, Product, ProductCategory, ProductImage
    from shop.partner.models import StockRecord

    for signal, handler, sender in (
        (post_save, product_changed, Product),
        # pre_delete: Wagtail removes the references to a deleted object.
        (pre_delete, product_changed, Product),
        (post_save, stock_record_changed, StockRecord),
        (post_delete, stock_record_changed, StockRecord),
        (post_save, product_image_changed, ProductImage),
        (post_delete, product_image_changed, ProductImage),
        (post_save, product_category_changed, ProductCategory),
        (post_delete, product_category_changed, ProductCategory),
        (post_save, category_changed, Category),
        (post_delete, category_changed, Category),
        (pre_delete, page_changed, Page),
    ):
        signal.connect(
            handler,
            sender=sender,
            dispatch_uid=f"page_cache.{handler.__name__}.{sender.__name__}",
        )
    page_published.connect(page_changed, dispatch_uid="page_cache.published")
    page_unpublished.connect(page_changed, dispatch_uid="page_cache.unpublished")
    post_page_move.connect(page_moved, dispatch_uid="page_cache.moved")
