"""The product chooser's work does not grow with the catalogue.

The same requests are made with a small catalogue and with ten times as
many products; each must cost exactly the same number of queries and still
find the right products. Speed itself is measured in bench/ (timings in tests
are forbidden: shared machines are noisy).
"""

import json
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.search.backends import get_search_backend

from shop.catalogue.models import Product
from shop.partner.models import StockRecord
from tests.factories_shop import PartnerFactory, ProductClassFactory

pytestmark = pytest.mark.django_db

SMALL = 30
LARGE = 300
# 10 kinds of product, so a kind word matches a tenth of the catalogue and
# fills more than one results page in both catalogues.
KINDS = [f"kind{number:03d}" for number in range(10)]

REQUESTS = {
    "listing": ("/cms/product-chooser/", {}),
    "upc": ("/cms/product-chooser/results/", {"q": "SC-00021"}),
    "word": ("/cms/product-chooser/results/", {"q": "kind004"}),
    "words": ("/cms/product-chooser/results/", {"q": "support kind004"}),
    "page": ("/cms/product-chooser/results/", {"p": 2}),
}


def add_products(start, stop):
    product_class = ProductClassFactory()
    partner = PartnerFactory()
    Product.objects.bulk_create(
        Product(
            title=f"Support {KINDS[index % len(KINDS)]} model {index:05d}",
            upc=f"SC-{index:05d}",
            slug=f"support-cushion-{index:05d}",
            structure=Product.STANDALONE,
            product_class=product_class,
            is_public=True,
        )
        for index in range(start, stop)
    )
    products = list(
        Product.objects.filter(upc__gte=f"SC-{start:05d}", upc__lt=f"SC-{stop:05d}")
    )
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
    get_search_backend().add_bulk(Product, products)
    if connection.vendor == "postgresql":
        # Freshly bulk-loaded tables have no planner statistics.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def query_counts(client):
    """Queries per request, and each response's HTML."""
    counts, pages = {}, {}
    for name, (url, params) in REQUESTS.items():
        client.get(url, params)  # warm caches (content types, thumbnails)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, params)
        assert response.status_code == 200, name
        counts[name] = len(queries.captured_queries)
        content = response.content.decode()
        # The chooser opens as JSON for the modal; its results are HTML.
        pages[name] = (
            json.loads(content)["html"] if url.endswith("chooser/") else content
        )
    return counts, pages


def test_chooser_queries_do_not_grow_with_the_catalogue(editor_client):
    add_products(0, SMALL)
    small_counts, _ = query_counts(editor_client)

    add_products(SMALL, LARGE)
    large_counts, pages = query_counts(editor_client)

    assert large_counts == small_counts
    assert max(large_counts.values()) <= 20

    assert "Support kind000 model 00000" in pages["listing"]
    assert "Support kind001 model 00021" in pages["upc"]
    assert "Support kind002 model 00022" not in pages["upc"]
    # A word search lists only its kind, in title order, across pages.
    for html in (pages["word"], pages["words"]):
        assert "Support kind004 model 00004" in html
        assert "Support kind004 model 00294" not in html  # on page 2
        assert "kind005" not in html
