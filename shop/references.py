"""Which pages feature a product, from Wagtail's ReferenceIndex.

Callout blocks choose products with chooser blocks, and Wagtail records every
chooser reference in its generic ReferenceIndex. The shop asks that index, so
it never imports the content side (``blog``): it only names the page types
that count as articles.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import IntegerField, Q
from django.db.models.functions import Cast
from wagtail.models import Page, ReferenceIndex

from shop.catalogue.models import Product

#: Page types listed as "featured in" ("app_label.model"); other pages that
#: show products (the home page) are not articles.
ARTICLE_PAGE_TYPES = ("blog.articlepage",)


def _content_type(model):
    return ContentType.objects.get_for_model(model, for_concrete_model=False)


def product_references(product_ids=None):
    """ReferenceIndex rows from pages to products (optionally some products)."""
    references = ReferenceIndex.objects.filter(
        to_content_type=_content_type(Product),
        base_content_type=_content_type(Page),
    )
    if product_ids is not None:
        references = references.filter(to_object_id__in=[str(pk) for pk in product_ids])
    return references


def article_pages():
    query = Q()
    for page_type in ARTICLE_PAGE_TYPES:
        app_label, model = page_type.split(".")
        query |= Q(content_type__app_label=app_label, content_type__model=model)
    return Page.objects.filter(query)


def articles_featuring(product, live_only=True):
    """Articles with a callout for the product, newest first (one query).

    ``live_only`` keeps the live, public ones a shopper can read; the
    dashboard passes False to warn staff about drafts too.
    """
    page_ids = product_references([product.pk]).values(
        page_id=Cast("object_id", IntegerField())
    )
    pages = article_pages().filter(pk__in=page_ids)
    if live_only:
        pages = pages.live().public()
    return pages.order_by("-first_published_at", "-pk")
