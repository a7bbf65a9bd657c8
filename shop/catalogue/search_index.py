"""Keep a product's search entry current when what it is searched by
changes outside the product row: its category links, its attribute values,
or the name of one of its categories (Wagtail reindexes a product itself
when the product is saved)."""

from django.db.models.signals import post_delete, post_save
from django_tasks import task
from wagtail.search.index import insert_or_update_object


@task()
def reindex_products(product_ids):
    """Write the search entries of the products still there."""
    from shop.catalogue.models import Product

    for product in Product.get_indexed_objects().filter(pk__in=product_ids):
        insert_or_update_object(product)


def schedule(product_ids):
    # Enqueued as Wagtail enqueues its own index updates: with the database
    # task backend, the worker sees the task when the change is committed.
    ids = sorted(set(product_ids))
    if ids:
        reindex_products.enqueue(ids)


def product_row_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        schedule([instance.product_id])


def category_changed(sender, instance, raw=False, created=False, **kwargs):
    """A renamed category: its products and those of the categories below."""
    from shop.catalogue.models import ProductCategory

    if raw or created:
        return
    rows = ProductCategory.objects.filter(
        category__in=instance.get_descendants_and_self()
    )
    schedule(rows.values_list("product_id", flat=True))


def connect_signal_handlers(ProductCategory, ProductAttributeValue, Category):
    for sender in (ProductCategory, ProductAttributeValue):
        for signal in (post_save, post_delete):
            signal.connect(product_row_changed, sender=sender)
    post_save.connect(category_changed, sender=Category)
