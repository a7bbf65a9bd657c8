"""Category and catalogue pages: sorting, pagination, sale prices, queries."""

import re
from decimal import Decimal as D

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shop.catalogue.models import ProductCategory
from shop.purge import renew_catalogue_generation
from tests.factories_shop import create_user, make_category, make_product

pytestmark = pytest.mark.django_db


def put_in(category, *products):
    for product in products:
        ProductCategory.objects.create(product=product, category=category)


def titles(response):
    return [card.title for card in response.context["products"]]


@pytest.fixture
def category_with_products():
    category = make_category("Massage")
    sub = make_category("Massage balls", parent=category)
    prices = ["30.00", "10.00", "50.00", "20.00", "40.00"]
    for n, price in enumerate(prices):
        put_in(category, make_product(title=f"Massager {n}", price=price))
    put_in(sub, make_product(title="Spiky ball", price="5.00"))
    put_in(category, make_product(title="Hidden thing", is_public=False))
    return category


def test_category_lists_public_products_of_it_and_its_children(
    client, category_with_products
):
    response = client.get(category_with_products.get_absolute_url())
    assert response.status_code == 200
    assert "Spiky ball" in titles(response)
    assert "Hidden thing" not in titles(response)
    assert len(titles(response)) == 6
    assert response.content.decode().count("data-product-id=") == 6


@pytest.mark.parametrize(
    ("sort", "first", "last"),
    [
        ("price-asc", "Spiky ball", "Massager 2"),
        ("price-desc", "Massager 2", "Spiky ball"),
        ("title-asc", "Massager 0", "Spiky ball"),
    ],
)
def test_category_sorting(client, category_with_products, sort, first, last):
    url = category_with_products.get_absolute_url()
    response = client.get(url, {"sort_by": sort})
    assert titles(response)[0] == first
    assert titles(response)[-1] == last


def test_unknown_sort_falls_back_to_featured(client, category_with_products):
    url = category_with_products.get_absolute_url()
    response = client.get(url, {"sort_by": "'; drop table"})
    assert response.status_code == 200
    assert len(titles(response)) == 6


def test_pagination_and_bad_page_numbers(client, settings):
    category = make_category("Rollers")
    for n in range(14):
        put_in(category, make_product(title=f"Roller {n:02d}"))
    url = category.get_absolute_url()
    first = client.get(url, {"sort_by": "title-asc"})
    assert len(titles(first)) == 12
    second = client.get(url, {"sort_by": "title-asc", "page": 2})
    assert titles(second) == ["Roller 12", "Roller 13"]
    for bad in ("3", "99", "abc", "-1", "0", "1.5", "99999999999999999999", "²"):
        response = client.get(url, {"page": bad})
        assert response.status_code == 302
        assert response["Location"] == url


def test_sale_shows_was_and_now_on_list(client):
    category = make_category("Sale")
    put_in(category, make_product(title="Brace", price="15.00", was_price="25.00"))
    content = client.get(category.get_absolute_url()).content.decode()
    assert "<s>£25.00</s>" in content
    assert "£15.00" in content


def test_hidden_category_is_404(client):
    category = make_category("Secret")
    category.is_public = False
    category.save()
    assert client.get(category.get_absolute_url()).status_code == 404


def test_category_page_query_count_does_not_grow_with_products(client):
    small = make_category("Small")
    for _ in range(2):
        put_in(small, make_product())
    big = make_category("Big")
    for _ in range(12):
        put_in(big, make_product())
    client.get(small.get_absolute_url())  # warm caches (navigation, sorl)
    client.get(big.get_absolute_url())
    renew_catalogue_generation()  # as a product change does: lists uncached
    with CaptureQueriesContext(connection) as few:
        client.get(small.get_absolute_url())
    with CaptureQueriesContext(connection) as many:
        client.get(big.get_absolute_url())
    assert len(many) == len(few)
    # The category; the number of products; the filters' attribute values
    # and their price and stock counts; the page's ids; the products, their
    # stock records and their images.
    assert len(many) == 8, [q["sql"] for q in many]
    # With the list and filters cached: the category and the number of
    # products.
    with CaptureQueriesContext(connection) as cached:
        client.get(big.get_absolute_url())
    assert len(cached) == 2, [q["sql"] for q in cached]


def all_pages(client, url, sort):
    """Every product id the pages of a list show, page after page."""
    first = client.get(url, {"sort_by": sort})
    ids = [card.id for card in first.context["products"]]
    for number in range(2, first.context["paginator"].num_pages + 1):
        response = client.get(url, {"sort_by": sort, "page": number})
        ids += [card.id for card in response.context["products"]]
    return ids


def test_every_page_in_every_order_shows_the_next_products(client):
    """Pages in the second half are read from the end of the list in reverse
    (and pages in the default order by walking the browse index): together
    the pages still show each product once, in order."""
    category = make_category("Heat packs")
    other = make_category("Elsewhere")
    products = []
    for n in range(29):
        # Three priorities; creation times tie in pairs, so pk decides.
        product = make_product(
            title=f"Pack {n % 7:02d}", price=f"{10 + n % 5}.00", priority=n % 3
        )
        if n % 6 == 0:
            product.stockrecords.all().delete()  # no price: sorts last
        products.append(product)
        put_in(category, product)
    put_in(other, make_product(title="Not in the category"))
    Product = type(products[0])
    Product.objects.filter(pk__in=[p.pk for p in products[::2]]).update(
        date_created=products[0].date_created
    )
    for product in products:
        product.refresh_from_db()

    def price(product):
        record = product.stockrecords.first()
        return record.price if record else None

    expected = {
        "featured": sorted(
            products,
            key=lambda p: (-p.priority, -p.date_created.timestamp(), p.pk),
        ),
        "price-asc": sorted(
            products,
            key=lambda p: (price(p) is None, price(p) or 0, p.title, p.pk),
        ),
        "title-asc": sorted(products, key=lambda p: (p.title, p.pk)),
    }
    url = category.get_absolute_url()
    for sort, ordered in expected.items():
        assert all_pages(client, url, sort) == [p.pk for p in ordered], sort


def test_the_default_order_walks_the_browse_index(client):
    """The page query of the default order reads the browse index in order
    and sorts nothing: EXPLAIN names the index and shows no sort (SQLite's
    temporary B-tree, PostgreSQL's Sort node). PostgreSQL is told to avoid
    sorts and whole-table scans where it can, since these tables are tiny:
    what is checked is that the index can serve the order."""
    category = make_category("Braces")
    for n in range(3):
        put_in(category, make_product(title=f"Brace {n}"))
    with CaptureQueriesContext(connection) as queries:
        client.get(category.get_absolute_url())
    page_query = next(
        q["sql"]
        for q in queries
        if q["sql"].startswith('SELECT "catalogue_product"."id"')
        and "EXISTS" in q["sql"]
        and "ORDER BY" in q["sql"]
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET enable_seqscan = off")
            cursor.execute("SET enable_sort = off")
            cursor.execute("SET enable_incremental_sort = off")
            cursor.execute("EXPLAIN " + page_query)
            plan = " ".join(row[0] for row in cursor.fetchall())
            cursor.execute("RESET enable_seqscan")
            cursor.execute("RESET enable_sort")
            cursor.execute("RESET enable_incremental_sort")
            assert "catalogue_product_browse " in plan, plan
            assert "Sort" not in plan, plan
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + page_query)
            plan = " ".join(row[3] for row in cursor.fetchall())
            assert "catalogue_product_browse_all" in plan, plan
            assert "TEMP B-TREE FOR ORDER BY" not in plan, plan


def test_the_count_reads_only_the_listed_index(client):
    """Counting a category's products checks each one (no parent, public) in
    the listed index alone on SQLite: a covering index, so no product row is
    read. PostgreSQL plans the count with its own statistics (on these tiny
    tables, the browse index); told to avoid whole-table scans, it must still
    find the products through an index, never by scanning the catalogue."""
    category = make_category("Rollers")
    for n in range(3):
        put_in(category, make_product(title=f"Roller {n}"))
    with CaptureQueriesContext(connection) as queries:
        client.get(category.get_absolute_url())
    count_query = next(q["sql"] for q in queries if "COUNT(*)" in q["sql"])
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET enable_seqscan = off")
            cursor.execute("EXPLAIN " + count_query)
            plan = " ".join(row[0] for row in cursor.fetchall())
            cursor.execute("RESET enable_seqscan")
            assert "Seq Scan on catalogue_product " not in plan, plan
            # An index scan, or a bitmap heap scan fed by an index (the
            # planner picks either, by its statistics of the moment).
            by_index = (
                r"Index (Only )?Scan using \S+ on catalogue_product "
                r"|Bitmap Heap Scan on catalogue_product "
            )
            assert re.search(by_index, plan), plan
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + count_query)
            plan = " ".join(row[3] for row in cursor.fetchall())
            assert "USING COVERING INDEX catalogue_product_listed" in plan, plan


def test_cached_list_shows_each_price_stock_and_visibility_change(client):
    """The list's HTML (cached on public pages), not the view's context."""
    category = make_category("Heat")
    kept, hidden = make_product(title="Heat pad"), make_product(title="Wheat bag")
    put_in(category, kept, hidden)
    url = category.get_absolute_url()

    def cards():
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        return {
            card.select_one(".product-card__title").text.strip(): (
                card.select_one("[data-product-price]").text.split(),
                card.select_one("[data-availability]")["data-availability"],
            )
            for card in soup.select("[data-product-id]")
        }

    cards()
    assert cards()["Heat pad"] == (["£24.00"], "instock")
    stockrecord = kept.stockrecords.get()
    stockrecord.price = D("9.50")
    stockrecord.num_in_stock = 0
    stockrecord.save()
    assert cards()["Heat pad"] == (["£9.50"], "outofstock")
    hidden.is_public = False
    hidden.save()
    assert list(cards()) == ["Heat pad"]


def test_signed_in_visitor_gets_add_forms_with_their_token(client):
    category = make_category("Cold")
    put_in(category, make_product(title="Ice pack"))
    url = category.get_absolute_url()
    client.get(url)  # the public list, cached
    client.force_login(create_user())
    content = client.get(url).content.decode()
    assert 'method="post"' in content and "csrfmiddlewaretoken" in content
