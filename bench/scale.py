#!/usr/bin/env python
"""Bulk data for benchmarks: thousands of products and articles with callouts.

`bench/run.py` calls ``load_scale_data()`` with Django set up; by hand:
``python bench/scale.py --products 10000 --articles 2000`` (the settings and
database are those of ``manage.py``: DJANGO_SETTINGS_MODULE, DATABASE_URL).

Everything is inserted in batches instead of row by row:

- products, stock records, category links and image rows with
  ``bulk_create`` (four drawn images are saved once and shared);
- article pages with their tree paths computed here (treebeard's
  materialised path: parent path + a 4-character base-36 step, through
  ``Page.numconv_obj()``), the ``wagtailcore_page`` rows with ``bulk_create``
  and the ``blog_articlepage`` rows with one ``executemany`` INSERT per
  batch, then the parent's ``numchild``;
- no revisions: the pages are created live, as an import would;
- the search index entries are written in bulk, and each article's reference
  index rows (which articles feature which product) by Wagtail's own
  ``ReferenceIndex.create_or_update_for_object``.

Only public names of Django, Wagtail and treebeard are used (``_meta`` is
Django's documented model metadata API).

Numbering continues after any earlier run, so running twice adds more data
instead of failing on a duplicate slug or UPC.
"""

import argparse
import functools
import os
import random
import sys
import time
import uuid
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

if __name__ == "__main__":  # by hand: set Django up before the imports below
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_project.settings.dev")
    import django

    django.setup()

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.html import escape
from taggit.models import Tag
from wagtail.blocks import StreamValue
from wagtail.models import Page, ReferenceIndex
from wagtail.search.backends import get_search_backend

from blog.models import ArticleIndexPage, ArticlePage, ArticlePageTag
from demo import products as demo_products
from demo.callouts import scale_callout_blocks
from demo.catalogue import (
    ensure_categories,
    ensure_partner,
    ensure_product_classes,
)
from demo.images import draw_product_image
from demo.pages import (
    article_documents,
    ensure_authors,
    ensure_reviewers,
    ensure_topics,
)
from shop.catalogue.models import Product, ProductCategory, ProductImage
from shop.partner.models import StockRecord

UPC_PREFIX = "SCALE"
SLUG_PREFIX = "scale-article-"
BATCH_SIZE = 500

# Words for product titles, by category: "<adjective> <noun>, model <n>".
PRODUCT_WORDS = {
    "spinal-decompression": (
        ("Gentle", "Adjustable", "Compact", "Padded", "Folding", "Contoured"),
        ("Back Stretcher", "Traction Belt", "Inversion Bench", "Lumbar Arch"),
    ),
    "massage-tools": (
        ("Textured", "Dense", "Travel", "Vibrating", "Ridged", "Soft-Touch"),
        ("Foam Roller", "Massage Ball", "Hook Cane", "Acupressure Mat"),
    ),
    "core-training": (
        ("Cushioned", "Non-Slip", "Heavy", "Light", "Studio", "Home"),
        ("Exercise Mat", "Loop Band", "Stability Ball", "Balance Board"),
    ),
    "heat-and-cold": (
        ("Reusable", "Microwavable", "Flexible", "Large", "Contoured", "Quilted"),
        ("Gel Pack", "Wheat Wrap", "Heat Pad", "Therapy Wrap"),
    ),
}
CLASS_FOR_CATEGORY = {
    "spinal-decompression": "decompression-device",
    "massage-tools": "massage-tool",
    "core-training": "training-equipment",
    "heat-and-cold": "heat-cold-pack",
}
ARTICLE_SUBJECTS = (
    "core stability",
    "desk posture",
    "lower back stiffness",
    "neck tension",
    "balance training",
    "heat and cold",
    "massage at home",
    "gentle traction",
)


def _next_number(queryset, field, prefix):
    """The first free number after earlier scale runs (numbers are zero-padded,
    so the largest value sorts last)."""
    last = (
        queryset.filter(**{f"{field}__startswith": prefix})
        .order_by(f"-{field}")
        .values_list(field, flat=True)
        .first()
    )
    return int(last[len(prefix) :]) + 1 if last else 1


def _shared_product_images():
    """One drawn image per category, saved once and shared by every scale
    product of that category (sorl makes each thumbnail once)."""
    names = {}
    for spec in demo_products.CATEGORIES:
        jpeg = draw_product_image(spec.key, size=400)
        names[spec.key] = default_storage.save(
            f"images/products/scale/{spec.key}.jpg", ContentFile(jpeg)
        )
    return names


def _index_in_search(model, objects):
    backend = get_search_backend()
    for start in range(0, len(objects), BATCH_SIZE):
        backend.add_bulk(model, objects[start : start + BATCH_SIZE])


def create_products(count, rng):
    """`count` public products across the demo categories, each with a stock
    record (some out of stock, some on sale), a category and an image."""
    classes = ensure_product_classes()
    categories = ensure_categories()
    partner = ensure_partner()
    images = _shared_product_images()
    first = _next_number(Product.objects.all(), "upc", UPC_PREFIX)
    category_keys = [spec.key for spec in demo_products.CATEGORIES]

    products, product_categories = [], []
    for number in range(first, first + count):
        key = category_keys[number % len(category_keys)]
        adjectives, nouns = PRODUCT_WORDS[key]
        title = f"{rng.choice(adjectives)} {rng.choice(nouns)}, model {number}"
        products.append(
            Product(
                upc=f"{UPC_PREFIX}{number:08d}",
                title=title,
                slug=f"scale-product-{number}",
                description=(
                    f"<p>{escape(title)} for benchmarks: "
                    f"{escape(categories[key].description)}</p>"
                ),
                product_class=classes[CLASS_FOR_CATEGORY[key]],
                is_public=True,
            )
        )
        product_categories.append(key)
    Product.objects.bulk_create(products, batch_size=BATCH_SIZE)

    stock, links, image_rows = [], [], []
    for product, key in zip(products, product_categories, strict=True):
        price = Decimal(rng.randrange(500, 25000)) / 100
        on_sale = rng.random() < 0.1
        stock.append(
            StockRecord(
                product=product,
                partner=partner,
                partner_sku=product.upc,
                price=price,
                was_price=(price * Decimal("1.25")).quantize(Decimal("0.01"))
                if on_sale
                else None,
                num_in_stock=0 if rng.random() < 0.05 else rng.randrange(1, 200),
            )
        )
        links.append(ProductCategory(product=product, category=categories[key]))
        image_rows.append(
            ProductImage(
                product=product,
                original=images[key],
                caption=product.title,
                display_order=0,
            )
        )
    StockRecord.objects.bulk_create(stock, batch_size=BATCH_SIZE)
    ProductCategory.objects.bulk_create(links, batch_size=BATCH_SIZE)
    ProductImage.objects.bulk_create(image_rows, batch_size=BATCH_SIZE)
    _index_in_search(Product, products)
    return products


@functools.cache
def _demo_articles():
    """The demo articles (importer documents), whose text and reviewers the
    benchmark articles borrow."""
    return article_documents()


def _demo_article(number):
    return _demo_articles()[number % len(_demo_articles())]


def _article_body(number, rng, product_ids, category_ids, callouts):
    """Headings, paragraphs and `callouts` callout blocks, interleaved."""
    subject = ARTICLE_SUBJECTS[number % len(ARTICLE_SUBJECTS)]
    source = _demo_article(number)
    paragraphs = [value for kind, value in source.blocks if kind == "paragraph"]
    blocks = [
        ("heading", {"text": f"About {subject}", "level": "h2", "anchor": "about"}),
    ]
    callout_blocks = scale_callout_blocks(product_ids, category_ids, rng, callouts)
    for position, callout in enumerate(callout_blocks):
        blocks.append(("paragraph", paragraphs[position % len(paragraphs)]))
        blocks.append(callout)
    return [
        {
            "type": block_type,
            "value": value,
            "id": str(uuid.UUID(int=rng.getrandbits(128))),
        }
        for block_type, value in blocks
    ]


def _insert_article_rows(articles):
    """Insert `wagtailcore_page` then `blog_articlepage` rows in batches.

    ``bulk_create`` refuses multi-table-inherited models, so the parent rows
    are bulk-created as plain ``Page`` objects and the child rows (the page
    pointer plus the article's own columns) are inserted with one
    ``executemany`` per batch, each value prepared by its field as a save
    would (``pre_save``, ``get_db_prep_save``).
    """
    page_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    pages = [
        Page(**{f.attname: getattr(article, f.attname) for f in page_fields})
        for article in articles
    ]
    Page.objects.bulk_create(pages, batch_size=BATCH_SIZE)
    for article, page in zip(articles, pages, strict=True):
        article.page_ptr_id = page.pk
        article.id = page.pk
    fields = ArticlePage._meta.local_concrete_fields
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    # Table and column names come from the model, not from input.
    insert = (
        f"INSERT INTO {quote(ArticlePage._meta.db_table)} ({columns}) "
        f"VALUES ({placeholders})"
    )
    with connection.cursor() as cursor:
        for start in range(0, len(articles), BATCH_SIZE):
            cursor.executemany(
                insert,
                [
                    [
                        f.get_db_prep_save(f.pre_save(article, True), connection)
                        for f in fields
                    ]
                    for article in articles[start : start + BATCH_SIZE]
                ],
            )


def _convert_bodies(articles):
    """Turn the articles' raw bodies into block values with one
    ``bulk_to_python`` call per block type for the whole batch.

    This is what ``StreamValue`` does lazily for one article, batched across
    articles: the product chooser loads every product the batch features in
    one go instead of once per article. Each article's body becomes a
    ``StreamValue`` of those values, which the reference index and the search
    index then read.
    """
    stream_block = ArticlePage._meta.get_field("body").stream_block
    raw_bodies = [list(article.body.raw_data) for article in articles]
    pending = defaultdict(list)
    for raw_body in raw_bodies:
        for raw in raw_body:
            pending[raw["type"]].append(raw)
    converted = {}
    for block_type, items in pending.items():
        block = stream_block.child_blocks[block_type]
        values = block.bulk_to_python([raw["value"] for raw in items])
        for raw, value in zip(items, values, strict=True):
            converted[id(raw)] = value
    for article, raw_body in zip(articles, raw_bodies, strict=True):
        article.body = StreamValue(
            stream_block,
            [(raw["type"], converted[id(raw)], raw.get("id")) for raw in raw_body],
        )


def _index_references(articles):
    """Reference index rows for new articles: which products, categories,
    images and authors each one points at, recorded by the method Wagtail's
    post-save handler calls. Returns how many rows were written."""
    for article in articles:
        ReferenceIndex.create_or_update_for_object(article)
    return ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=[str(article.pk) for article in articles],
    ).count()


def create_articles(count, rng, product_ids, callouts_per_article):
    """`count` live articles under the article index, each with
    `callouts_per_article` callouts to the given products and categories."""
    index = ArticleIndexPage.objects.first()
    authors = list(ensure_authors().values())
    reviewers = list(ensure_reviewers().values())
    topics = list(ensure_topics().values())
    category_ids = [c.pk for c in ensure_categories().values()]
    tags = [Tag.objects.get_or_create(name=n)[0] for n in ("benchmark", "scale")]
    content_type = ContentType.objects.get_for_model(ArticlePage)
    first = _next_number(ArticlePage.objects.all(), "slug", SLUG_PREFIX)
    numconv = Page.numconv_obj()
    last_child = index.get_last_child()
    position = (
        numconv.str2int(last_child.path[-Page.steplen :]) + 1 if last_child else 1
    )
    now = timezone.now()

    articles = []
    for offset, number in enumerate(range(first, first + count)):
        subject = ARTICLE_SUBJECTS[number % len(ARTICLE_SUBJECTS)]
        title = f"Notes on {subject}, part {number}"
        slug = f"{SLUG_PREFIX}{number:06d}"
        articles.append(
            ArticlePage(
                title=title,
                draft_title=title,
                slug=slug,
                path=index.path
                + numconv.int2str(position + offset).rjust(
                    Page.steplen, Page.alphabet[0]
                ),
                depth=index.depth + 1,
                numchild=0,
                url_path=f"{index.url_path}{slug}/",
                content_type=content_type,
                locale_id=index.locale_id,
                translation_key=uuid.uuid4(),
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
                standfirst=f"A benchmark article about {subject}.",
                author=authors[number % len(authors)],
                date_published=date(2026, 1, 1) + timedelta(days=number % 300),
                reviewer=reviewers[number % len(reviewers)],
                body=_article_body(
                    number, rng, product_ids, category_ids, callouts_per_article
                ),
            )
        )
    _insert_article_rows(articles)
    Page.objects.filter(pk=index.pk).update(
        numchild=Page.objects.child_of(index).aggregate(n=Count("pk"))["n"]
    )
    topic_links = []
    for i, article in enumerate(articles):
        topic = topics[i % len(topics)]
        # Also kept on the instance, where the search indexer reads it.
        article.topics = [topic]
        topic_links.append(
            ArticlePage.topics.through(articlepage_id=article.pk, topic_id=topic.pk)
        )
    ArticlePage.topics.through.objects.bulk_create(topic_links, batch_size=BATCH_SIZE)
    tag_rows = [
        ArticlePageTag(content_object_id=article.pk, tag=tag)
        for article in articles
        for tag in tags
    ]
    ArticlePageTag.objects.bulk_create(tag_rows, batch_size=BATCH_SIZE)
    for i, article in enumerate(articles):
        article.tagged_items = tag_rows[i * len(tags) : (i + 1) * len(tags)]

    references = 0
    backend = get_search_backend()
    for start in range(0, len(articles), BATCH_SIZE):
        batch = articles[start : start + BATCH_SIZE]
        _convert_bodies(batch)
        references += _index_references(batch)
        backend.add_bulk(ArticlePage, batch)
    return articles, references


@transaction.atomic
def load_scale_data(products, articles, callouts_per_article=10, seed=2026):
    """Create the products, then the articles that feature them, all or
    nothing. Returns (products, articles, reference index rows)."""
    if products < 0 or articles < 0 or callouts_per_article < 0:
        raise ValueError("products, articles and callouts must be >= 0.")
    if articles and callouts_per_article and products < 3:
        raise ValueError("Articles with callouts need 3 or more products.")
    if not ArticleIndexPage.objects.exists():
        raise ValueError("The page tree is missing: run `manage.py migrate` first.")
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    created = create_products(products, rng)
    pool = [p.pk for p in created] or list(
        Product.objects.filter(is_public=True).values_list("pk", flat=True)[:1000]
    )
    pages, references = create_articles(articles, rng, pool, callouts_per_article)
    return created, pages, references


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--articles", type=int, default=2_000)
    parser.add_argument(
        "--callouts", type=int, default=10, help="callout blocks per article"
    )
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    started = time.perf_counter()
    try:
        created, pages, references = load_scale_data(
            args.products, args.articles, args.callouts, seed=args.seed
        )
    except ValueError as error:
        sys.exit(f"scale: {error}")
    print(
        f"Created {len(created)} products and {len(pages)} articles "
        f"({references} references) in {time.perf_counter() - started:.1f} s."
    )


if __name__ == "__main__":
    main()
