"""Which pages feature a product, from Wagtail's ReferenceIndex.

Callout blocks choose products with chooser blocks, and Wagtail records every
chooser reference in its ReferenceIndex. The shop asks that index, so it
never imports the content side (``blog``): it only names the page type that
counts as an article.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import IntegerField
from django.db.models.functions import Cast
from wagtail.models import Page, ReferenceIndex

from shop.catalogue.models import Product

#: Pages listed as "featured in"; others that show products (the home
#: page) are not articles.
ARTICLE_PAGE_TYPE = {
    "content_type__app_label": "blog",
    "content_type__model": "articlepage",
}


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
    """Articles with a callout for the product, newest first (one query).

    ``live_only`` keeps the live, public ones a shopper can read; the
    dashboard passes False to warn staff about drafts too.
    """
    page_ids = product_references([product.pk]).values(
        page_id=Cast("object_id", IntegerField())
    )
    pages = Page.objects.filter(pk__in=page_ids, **ARTICLE_PAGE_TYPE)
    if live_only:
        pages = pages.live().public()
    return pages.order_by("-first_published_at", "-pk")
