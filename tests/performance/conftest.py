"""Articles, products and references for the query-count pins."""

import uuid
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from oscar.test.factories import create_product
from wagtail.models import Page, ReferenceIndex

from blog.models import ArticlePage


def make_article(index, slug, title=None):
    article = index.add_child(
        instance=ArticlePage(title=title or slug.replace("-", " ").title(), slug=slug)
    )
    article.save_revision().publish()
    return article


def make_product(title="Lumbar roll", price="19.00", stock=5):
    return create_product(
        title=title, price=Decimal(price), num_in_stock=stock, partner_sku=title
    )


def feature(page, obj):
    """Record that ``page`` chooses ``obj`` in its content, as a chooser
    block in a StreamField does through Wagtail's ReferenceIndex."""
    path = f"body.{uuid.uuid4()}"
    ReferenceIndex.objects.create(
        content_type=ContentType.objects.get_for_model(page.specific_class),
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id=str(page.pk),
        to_content_type=ContentType.objects.get_for_model(type(obj)),
        to_object_id=str(obj.pk),
        model_path="body.product",
        content_path=path,
        content_path_hash=uuid.uuid5(uuid.NAMESPACE_URL, path),
    )


def article_with_callouts(index, slug, product_ids):
    """A live article with one product callout per id (raw StreamField data,
    as the callout blocks store it)."""
    body = [
        {"type": "paragraph", "value": "<p>Move a little, often.</p>", "id": "intro"}
    ] + [
        {"type": "product_callout", "value": {"product": pk}, "id": f"c{number}"}
        for number, pk in enumerate(product_ids)
    ]
    article = index.add_child(
        instance=ArticlePage(title=slug.replace("-", " ").title(), slug=slug, body=body)
    )
    article.save_revision().publish()
    return article
