"""Which pages feature a product, from Wagtail's ReferenceIndex, where every
callout's chooser is recorded: the shop never imports the content side."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import IntegerField
from django.db.models.functions import Cast
from wagtail.models import Page, ReferenceIndex

from shop.catalogue.models import Product


def product_references(product_ids=None):
    """ReferenceIndex rows from pages to products (optionally some products)."""
    references = ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(Product),
        base_content_type=ContentType.objects.get_for_model(Page),
    )
    if product_ids is not None:
        references = references.filter(to_object_id__in=[str(pk) for pk in product_ids])
    return references


def articles_featuring(product, live_only=True):
    """Articles (not the home page) with a callout for the product, newest
    first, in one query; ``live_only``: those a shopper can read."""
    pages = Page.objects.filter(
        pk__in=product_references([product.pk]).values(
            page_id=Cast("object_id", IntegerField())
        ),
        content_type__app_label="blog",
        content_type__model="articlepage",
    )
    if live_only:
        pages = pages.live().public()
    return pages.order_by("-first_published_at", "-pk")
