"""Articles with real product callouts: bounded queries, live prices, working
add-to-basket forms when served from the page cache."""

import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from .conftest import article_with_callouts, make_product

pytestmark = pytest.mark.django_db

COLD_ARTICLE_MAX_QUERIES = 15


def page_queries(path):
    """Queries of an anonymous visit with the page cache cold (other
    per-process caches warmed by a first visit)."""
    Client().get(path)
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(path)
    assert response.status_code == 200
    return [query["sql"] for query in queries]


def test_cold_article_page_costs_at_most_15_queries_with_1_or_20_callouts(
    article_index,
):
    products = [make_product(title=f"Support {n:02d}") for n in range(20)]
    one = article_with_callouts(article_index, "one-callout", [products[0].pk])
    twenty = article_with_callouts(
        article_index, "twenty-callouts", [p.pk for p in products]
    )
    one_queries = page_queries(one.url)
    twenty_queries = page_queries(twenty.url)
    assert len(twenty_queries) <= COLD_ARTICLE_MAX_QUERIES, "\n".join(twenty_queries)
    assert len(one_queries) <= COLD_ARTICLE_MAX_QUERIES, "\n".join(one_queries)


def test_first_ever_visit_with_every_cache_empty_is_bounded_too(article_index):
    products = [make_product(title=f"Roller {n:02d}") for n in range(10)]
    article = article_with_callouts(
        article_index, "ten-callouts", [p.pk for p in products]
    )
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert Client().get(article.url).status_code == 200
    assert len(queries) <= COLD_ARTICLE_MAX_QUERIES + 5, len(queries)


def test_callout_price_change_reaches_the_cached_article_at_once(
    page_cache, article_index
):
    product = make_product(title="Foam roller", price="24.00")
    bystander = make_product(title="Heat pad", price="15.00")
    article = article_with_callouts(article_index, "rolling", [product.pk])
    other = article_with_callouts(article_index, "heat", [bystander.pk])
    for path in (article.url, other.url):
        Client().get(path)
    assert Client().get(article.url).headers["X-Page-Cache"] == "hit"
    stockrecord = product.stockrecords.get()
    with page_cache():
        stockrecord.price = Decimal("19.50")
        stockrecord.save()
    response = Client().get(article.url)
    assert response.headers["X-Page-Cache"] == "miss"
    assert "£19.50" in response.content.decode()
    assert "£24.00" not in response.content.decode()
    assert Client().get(other.url).headers["X-Page-Cache"] == "hit"


def test_out_of_stock_reaches_the_cached_article_at_once(page_cache, article_index):
    product = make_product(title="Back brace", price="30.00", stock=3)
    article = article_with_callouts(article_index, "bracing", [product.pk])
    Client().get(article.url)
    assert (
        f'data-product-id="{product.pk}"' in Client().get(article.url).content.decode()
    )
    stockrecord = product.stockrecords.get()
    with page_cache():
        stockrecord.num_in_stock = 0
        stockrecord.save()
    response = Client().get(article.url)
    assert response.headers["X-Page-Cache"] == "miss"
    assert f"/shop/basket/add/{product.pk}/" not in response.content.decode()


def test_add_to_basket_form_on_a_cached_article_works_for_each_visitor(
    page_cache, article_index
):
    product = make_product(title="Seat wedge", price="21.00")
    article = article_with_callouts(article_index, "sitting", [product.pk])
    first = Client(enforce_csrf_checks=True)
    first_html = first.get(article.url).content.decode()
    second = Client(enforce_csrf_checks=True)
    response = second.get(article.url)
    assert response.headers["X-Page-Cache"] == "hit"
    html = response.content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    first_token = re.search(
        r'name="csrfmiddlewaretoken" value="([^"]+)"', first_html
    ).group(1)
    assert token != first_token
    assert "csrftoken" in response.cookies
    added = second.post(
        f"/shop/basket/add/{product.pk}/",
        {"csrfmiddlewaretoken": token, "quantity": 1, "next": article.url},
    )
    assert added.status_code == 302
    page = second.get(article.url).content.decode()
    assert re.search(r"data-mini-basket-count>\s*1\s*<", page)
    assert re.search(
        r"data-mini-basket-count>\s*0\s*<", Client().get(article.url).content.decode()
    )
