"""The project's search backend returns exactly what Wagtail's own does.

``site_project.search_backend`` swaps Wagtail's database backend for one with
a faster plan (FTS-first on SQLite, index-driven on PostgreSQL). Each test
here runs the same search through the project's backend and through the
stock backend of the same database, on the same index, and compares matches,
scores, counts, order and pages. The last tests (PostgreSQL only) read the
plan: a chooser search finds products through the primary key index instead
of scanning the catalogue.
"""

import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from modelsearch.backends.database import SearchBackend as StockDatabaseBackend
from modelsearch.query import Not, PlainText
from wagtail.search.backends import get_search_backend

from shop import choosers
from shop.catalogue.models import Product
from site_search import query as search_query
from site_search.query import searchable_articles, searchable_products, site_search
from tests.factories_shop import ProductClassFactory

pytestmark = pytest.mark.django_db

FAST_BACKEND = {
    "sqlite": "FastSQLiteSearchBackend",
    "postgresql": "IndexDrivenPostgresSearchBackend",
}
RESULTS = "/cms/product-chooser/results/"
CHOSEN_RE = re.compile(r"product-chooser/chosen/(\d+)/")

WORDS = ["lumbar", "support", "cushion", "posture", "brace", "roller", "strap"]


def stock_backend():
    """Wagtail's own database backend for this database, same settings."""
    params = {
        key: value
        for key, value in settings.WAGTAILSEARCH_BACKENDS["default"].items()
        if key != "BACKEND"
    }
    return StockDatabaseBackend(params)


def analyze():
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def make_catalogue(count=60):
    """Products whose titles share words in many combinations: unique titles
    (the chooser orders by title alone), some exact score ties (same words,
    different number), hidden products and a parent with variants."""
    product_class = ProductClassFactory()
    products = []
    for index in range(count):
        first = WORDS[index % len(WORDS)]
        second = WORDS[(index * 3 + 1) % len(WORDS)]
        products.append(
            Product(
                title=f"{first.title()} {second} model {index:03d}",
                description=(
                    f"A {second} for the lower back. " * (1 + index % 4)
                    + ("Firm lumbar hold." if index % 5 == 0 else "")
                ),
                upc=f"IDX-{index:04d}",
                slug=f"idx-product-{index:04d}",
                structure=Product.STANDALONE,
                product_class=product_class,
                is_public=index % 9 != 4,
            )
        )
    # Same words in the same places: equal scores, ordered by primary key.
    for index in range(4):
        products.append(
            Product(
                title=f"Lumbar support cushion {index}",
                description="Soft lumbar support cushion for long drives.",
                upc=f"IDX-TIE-{index}",
                slug=f"idx-tie-{index}",
                structure=Product.STANDALONE,
                product_class=product_class,
                is_public=True,
            )
        )
    Product.objects.bulk_create(products)
    parent = Product.objects.create(
        title="Lumbar roller set",
        slug="idx-parent",
        structure=Product.PARENT,
        product_class=product_class,
        is_public=True,
    )
    for index in range(3):
        Product.objects.create(
            title=f"Lumbar roller size {index}",
            slug=f"idx-child-{index}",
            structure=Product.CHILD,
            parent=parent,
            is_public=True,
        )
    get_search_backend().add_bulk(Product, list(Product.objects.all()))
    analyze()


def scored(results):
    return [(obj.pk, obj._score) for obj in results]


def test_the_project_backend_is_the_fast_one_for_this_database():
    assert type(get_search_backend()).__name__ == FAST_BACKEND[connection.vendor]
    assert type(stock_backend()).__name__ != FAST_BACKEND[connection.vendor]


@pytest.mark.parametrize(
    "query",
    ["lumbar", "lumbar support", "cushion back", "strap", "nothingmatches"],
)
def test_relevance_search_matches_scores_order_and_pages_equal_wagtails(query):
    make_catalogue()
    ours, stock = get_search_backend(), stock_backend()

    def run(backend):
        return backend.search(query, searchable_products()).annotate_score("_score")

    expected = scored(run(stock))
    assert scored(run(ours)) == expected
    assert run(ours).count() == run(stock).count() == len(expected)
    for start, stop in [(0, 3), (3, 8), (7, 40), (50, 60)]:
        assert scored(run(ours)[start:stop]) == expected[start:stop]
        assert run(ours)[start:stop].count() == len(expected[start:stop])
    if query == "lumbar":
        # Hidden products and variants are not matched; ties keep pk order.
        pks = [pk for pk, _ in expected]
        assert not Product.objects.filter(pk__in=pks, is_public=False).exists()
        assert not Product.objects.filter(pk__in=pks, structure="child").exists()
        ties = list(
            Product.objects.filter(upc__startswith="IDX-TIE").values_list(
                "pk", flat=True
            )
        )
        tie_positions = [pks.index(pk) for pk in sorted(ties, reverse=True)]
        assert tie_positions == sorted(tie_positions)


def test_count_after_a_ranked_page_equals_wagtails():
    """A relevance-ordered page counts the matches while ranking them (on
    PostgreSQL in the same query, on SQLite from the scores it reads); any
    slice's count is still Wagtail's."""
    make_catalogue()
    stock_total = stock_backend().search("lumbar", searchable_products()).count()
    assert stock_total > 10
    for start, stop in [(0, 10), (3, 8), (stock_total - 2, stock_total + 5)]:
        results = get_search_backend().search("lumbar", searchable_products())
        page = results[start:stop]
        assert len(list(page)) == min(stop, stock_total) - start
        with CaptureQueriesContext(connection) as queries:
            assert results.count() == stock_total
            assert page.count() == min(stop, stock_total) - start
            assert results[5:9].count() == 4
        assert len(queries.captured_queries) == 0
    # Past the end: no rows, so the count is a query of its own.
    results = get_search_backend().search("lumbar", searchable_products())
    assert list(results[stock_total + 1 :]) == []
    assert results.count() == stock_total


@pytest.mark.parametrize("query", ["lumbar", "cushion back", "nothingmatches"])
def test_ranked_values_rows_equal_wagtails(query):
    """``values()`` rows (what the site search ranks on) and ``values_list()``
    rows come back as Wagtail's do: the same rows, scores, order and pages."""
    make_catalogue()
    ours, stock = get_search_backend(), stock_backend()

    def run(backend, rows):
        return backend.search(query, rows(searchable_products())).annotate_score(
            "_score"
        )

    def plain(results):
        # Wagtail's PostgreSQL backend also leaks its matched vector into
        # values() rows (``_vector_``, before the score in a tuple); what was
        # asked for is compared.
        return [
            {key: row[key] for key in ("pk", "title", "_score") if key in row}
            if isinstance(row, dict)
            else (*row[:2], row[-1])
            for row in results
        ]

    for rows in (
        lambda products: products.values("pk", "title"),
        lambda products: products.values("title"),
        lambda products: products.values_list("pk", "title"),
    ):
        expected = plain(run(stock, rows))
        assert plain(run(ours, rows)) == expected
        assert run(ours, rows).count() == len(expected)
        for start, stop in [(0, 3), (3, 8), (50, 60)]:
            assert plain(run(ours, rows)[start:stop]) == expected[start:stop]
    if query == "lumbar":
        assert len(expected) > 10
        assert expected[0][0] == scored(run(stock, lambda products: products))[0][0]


def test_search_without_scores_and_negated_queries_equal_wagtails():
    make_catalogue()
    ours, stock = get_search_backend(), stock_backend()
    for query in ["support", PlainText("brace roller", operator="or")]:
        assert list(ours.search(query, searchable_products())) == list(
            stock.search(query, searchable_products())
        )
    if connection.vendor == "postgresql":
        # Negation is a tsquery operator on PostgreSQL (SQLite's FTS5
        # backend does not support a bare NOT).
        negated = Not(PlainText("lumbar"))
        mine = ours.search(negated, searchable_products(), order_by_relevance=False)
        theirs = stock.search(negated, searchable_products(), order_by_relevance=False)
        assert list(mine) == list(theirs)
        assert mine.count() == theirs.count() > 0


@pytest.mark.parametrize("query", ["lum", "lumbar sup", "roller", "str"])
def test_chooser_autocomplete_in_title_order_equals_wagtails(query):
    make_catalogue()
    ours, stock = get_search_backend(), stock_backend()
    products = Product.objects.filter(
        structure__in=[Product.STANDALONE, Product.PARENT]
    ).order_by("title")

    def run(backend):
        return backend.autocomplete(query, products, order_by_relevance=False)

    expected = [product.pk for product in run(stock)]
    assert expected, "the query should match something"
    assert [product.pk for product in run(ours)] == expected
    assert run(ours).count() == len(expected)
    for start, stop in [(0, 10), (10, 20), (5, 7)]:
        page = run(ours)[start:stop]
        assert [product.pk for product in page] == expected[start:stop]
        assert page.count() == len(expected[start:stop])


def test_ranked_autocomplete_suggestions_equal_wagtails():
    make_catalogue()
    ours, stock = get_search_backend(), stock_backend()
    for query in ["lum", "cushion su"]:
        mine = ours.autocomplete(query, searchable_products())[:5]
        theirs = stock.autocomplete(query, searchable_products())[:5]
        assert [p.pk for p in mine] == [p.pk for p in theirs]


def chooser_pages(client, query):
    """Product ids of every results page of a chooser search."""
    pages = []
    for number in range(1, 10):
        response = client.get(RESULTS, {"q": query, "p": number})
        if response.status_code == 404:
            break
        assert response.status_code == 200
        ids = [int(pk) for pk in CHOSEN_RE.findall(response.content.decode())]
        if not ids or (pages and ids == pages[-1]):
            break
        pages.append(ids)
    return pages


def test_chooser_pages_equal_wagtails(admin_client, monkeypatch):
    make_catalogue()
    ours = chooser_pages(admin_client, "lumbar")
    monkeypatch.setattr(choosers, "get_search_backend", stock_backend)
    stock = chooser_pages(admin_client, "lumbar")

    assert ours == stock
    assert len(ours) >= 2, "the word should fill more than one page"
    titles = dict(Product.objects.values_list("pk", "title"))
    listed = [titles[pk] for page in ours for pk in page]
    assert listed == sorted(listed)
    assert "Lumbar roller set" in listed  # the parent, not its variants
    assert not any(title.startswith("Lumbar roller size") for title in listed)


def site_search_pages(query, kind):
    pages, number = [], 1
    while True:
        result = site_search(query, kind=kind, page=number)
        pages.append(
            (
                result.article_count,
                result.product_count,
                [
                    (hit.kind, hit.article.pk if hit.article else hit.card.id)
                    for hit in result.hits
                ],
            )
        )
        if not result.has_next:
            return pages
        number += 1


def test_site_search_pages_equal_wagtails(make_article, monkeypatch):
    make_catalogue(count=30)
    make_article("Lumbar support at the desk", standfirst="Sit well.")
    make_article("Core work", standfirst="Lumbar support from the inside.")
    make_article("Draft about lumbar support", live=False)
    for index in range(12):
        make_article(f"Walking note {index}", standfirst="A lumbar tip. " * index)
    analyze()
    ours = {kind: site_search_pages("lumbar", kind) for kind in search_query.KINDS}
    monkeypatch.setattr(search_query, "get_search_backend", stock_backend)
    stock = {kind: site_search_pages("lumbar", kind) for kind in search_query.KINDS}

    assert ours == stock
    article_count, product_count, first_hits = ours["all"][0]
    assert article_count == 13  # live articles holding the word
    assert product_count > 10
    assert len(first_hits) == search_query.RESULTS_PER_PAGE


def test_article_search_scores_equal_wagtails(make_article):
    for index in range(6):
        make_article(
            f"Stretch {index}", standfirst="Stretch the hamstrings. " * (index + 1)
        )
    make_article("Stretch", standfirst="Stretch.")
    ours, stock = get_search_backend(), stock_backend()

    def run(backend):
        return backend.search("stretch", searchable_articles()).annotate_score("_score")

    expected = scored(run(stock))
    assert len(expected) == 7
    assert scored(run(ours)) == expected


def explain(sql, params):
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def bulk_catalogue(count):
    """``count`` products, one in fifty titled with the word "roller"."""
    product_class = ProductClassFactory()
    Product.objects.bulk_create(
        Product(
            title=f"{'Roller' if index % 50 == 0 else 'Cushion'} item {index:05d}",
            upc=f"PLAN-{index:05d}",
            slug=f"plan-{index:05d}",
            structure=Product.STANDALONE,
            product_class=product_class,
            is_public=True,
        )
        for index in range(count)
    )
    get_search_backend().add_bulk(Product, list(Product.objects.all()))
    analyze()


def product_selects(queries):
    return [
        query
        for query in queries.captured_queries
        if query["sql"].startswith("SELECT") and '"catalogue_product"' in query["sql"]
    ]


@pytest.mark.postgres
def test_chooser_search_finds_products_through_the_primary_key_index():
    bulk_catalogue(3000)
    products = Product.objects.filter(
        structure__in=[Product.STANDALONE, Product.PARENT]
    ).order_by("title")
    results = get_search_backend().autocomplete(
        "roller", products, order_by_relevance=False
    )

    with CaptureQueriesContext(connection) as queries:
        assert results.count() == 60
        page = list(results[:10])
    assert [p.title for p in page] == [
        f"Roller item {i:05d}" for i in range(0, 500, 50)
    ]

    selects = product_selects(queries)
    assert len(selects) == 2  # the count and the page
    for query in selects:
        # No join on the product id cast to text (what made PostgreSQL hash
        # the whole catalogue); the matches' ids drive a primary key lookup.
        assert "::varchar" not in query["sql"]
        assert "= ANY(ARRAY(SELECT" in query["sql"]
        plan = explain(query["sql"], None)
        assert "catalogue_product_pkey" in plan, plan
        assert "Seq Scan on catalogue_product" not in plan, plan


@pytest.mark.postgres
def test_ranked_search_finds_products_and_their_scores_through_indexes():
    bulk_catalogue(3000)
    results = get_search_backend().search("roller", searchable_products())

    with CaptureQueriesContext(connection) as queries:
        assert results.count() == 60
        found = list(results.annotate_score("_score")[:10])
    assert len(found) == 10
    # Titles are equal but for their number: equal scores, newest pk first.
    assert len({product._score for product in found}) == 1
    assert [p.pk for p in found] == sorted((p.pk for p in found), reverse=True)

    selects = product_selects(queries)
    assert len(selects) == 2  # the count and the ranked page
    (ranked,) = [query["sql"] for query in selects if "ts_rank" in query["sql"]]
    # No join to the index entries (each row's score is a lookup of its
    # own entry) and the matched vector is not selected.
    assert "JOIN" not in ranked
    assert "_vector_" not in ranked
    plan = explain(ranked, None)
    assert "catalogue_product_pkey" in plan, plan
    assert "Seq Scan on catalogue_product" not in plan, plan
    assert "wagtailsearch_indexentry_content_type_id_object_i" in plan, plan


def test_a_page_past_the_last_reachable_one_ranks_nothing():
    """Ranking comes before counting now; a page number past MAX_PAGE must
    still not make the backend rank (and load) every match."""
    make_catalogue()
    with (
        CaptureQueriesContext(connection) as queries,
        pytest.raises(search_query.PageNotFound),
    ):
        site_search("lumbar", page=search_query.MAX_PAGE + 1)
    ranking = [
        query["sql"]
        for query in queries.captured_queries
        if "ts_rank" in query["sql"] or "bm25" in query["sql"]
    ]
    assert ranking == []
    assert site_search("nothingmatches", page=search_query.MAX_PAGE + 1).count == 0
