"""The product chooser with a 10,000-product catalogue."""

import json
import time
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.search.backends import get_search_backend

from shop.catalogue.models import Product
from shop.partner.models import StockRecord
from tests.factories_shop import PartnerFactory, ProductClassFactory

pytestmark = pytest.mark.django_db

CATALOGUE_SIZE = 10_000
# 100 kinds of product, so a kind word matches 1% of the catalogue.
KINDS = [f"kind{number:03d}" for number in range(100)]


@pytest.fixture
def big_catalogue():
    product_class = ProductClassFactory()
    partner = PartnerFactory()
    products = Product.objects.bulk_create(
        Product(
            title=f"Support {KINDS[index % 100]} model {index:05d}",
            upc=f"SC-{index:05d}",
            slug=f"support-cushion-{index:05d}",
            structure=Product.STANDALONE,
            product_class=product_class,
            is_public=True,
        )
        for index in range(CATALOGUE_SIZE)
    )
    if products[0].pk is None:  # backends that do not return ids
        products = list(Product.objects.order_by("pk"))
    StockRecord.objects.bulk_create(
        StockRecord(
            product=product,
            partner=partner,
            partner_sku=f"SKU-{product.pk}",
            price=D("20.00"),
            num_in_stock=product.pk % 7,
        )
        for product in products
    )
    backend = get_search_backend()
    backend.add_bulk(Product, products)
    if connection.vendor == "postgresql":
        # A live database has planner statistics; freshly bulk-loaded test
        # tables do not, and without them PostgreSQL picks a nested loop.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return products


def _timed_get(client, url, params):
    client.get(url, params)  # warm caches (content types, thumbnails)
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(url, params)
        elapsed = time.perf_counter() - started
    assert response.status_code == 200
    return response, len(queries.captured_queries), elapsed


def test_chooser_stays_fast_with_ten_thousand_products(editor_client, big_catalogue):
    response, listing_queries, listing_seconds = _timed_get(
        editor_client, "/cms/product-chooser/", {}
    )
    html = json.loads(response.content)["html"]
    assert "Support kind000 model 00000" in html
    assert listing_queries <= 20

    response, search_queries, search_seconds = _timed_get(
        editor_client, "/cms/product-chooser/results/", {"q": "SC-04321"}
    )
    assert "Support kind021 model 04321" in response.content.decode()
    assert search_queries <= 20

    response, word_queries, word_seconds = _timed_get(
        editor_client, "/cms/product-chooser/results/", {"q": "kind042"}
    )
    assert "Support kind042 model 00042" in response.content.decode()

    _, page_queries, page_seconds = _timed_get(
        editor_client, "/cms/product-chooser/results/", {"p": 400}
    )
    assert page_queries <= 20
    print(
        f"\nchooser, {CATALOGUE_SIZE} products: list {listing_queries} queries "
        f"{listing_seconds:.3f}s; search {search_queries} queries "
        f"{search_seconds:.3f}s; word matching 1% {word_queries} queries "
        f"{word_seconds:.3f}s; page 400 {page_queries} queries {page_seconds:.3f}s"
    )
    # Generous bounds for a shared CI machine; typical runs are far below.
    assert max(listing_seconds, search_seconds, page_seconds) < 3
    # SQLite's FTS runs the match once per product row (about 3.5 s here);
    # ranking by relevance as well took minutes, hence title order.
    assert word_seconds < 15
