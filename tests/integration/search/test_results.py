"""/search/ answers one query with articles and products, ranked together."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from site_search.query import RESULTS_PER_PAGE

pytestmark = pytest.mark.django_db


def result_order(response):
    """The (kind, id) of each result in page order, read from the markup."""
    html = response.content.decode()
    return re.findall(
        r'data-result-kind="(article|product)">\s*<(?:article|div) class="[^"]*" '
        r'data-(?:article|product)-id="(\d+)"',
        html,
    )


def count_of(response, kind):
    match = re.search(rf'data-count="{kind}">(\d+)<', response.content.decode())
    return int(match.group(1))


def test_shared_term_returns_articles_and_products_on_one_page(
    client, make_article, make_product
):
    article = make_article("Decompression for a tired spine")
    product = make_product("Inversion table", "Gentle decompression at home.")
    make_article("Sleeping positions for sciatica")

    response = client.get("/search/", {"q": "decompression"})

    assert response.status_code == 200
    assert set(result_order(response)) == {
        ("article", str(article.pk)),
        ("product", str(product.pk)),
    }
    assert count_of(response, "all") == 2
    assert count_of(response, "articles") == 1
    assert count_of(response, "products") == 1


def test_article_card_shows_title_standfirst_and_date(client, make_article):
    make_article("Lower back stretches", "Five gentle stretches for mornings.")

    response = client.get("/search/", {"q": "stretches"})

    html = response.content.decode()
    assert "Lower back stretches" in html
    assert "Five gentle stretches for mornings." in html
    assert re.search(r'<time datetime="\d{4}-\d{2}-\d{2}">', html)


def test_product_card_shows_live_price_stock_and_add_to_basket(client, make_product):
    product = make_product("Lumbar support cushion", num_in_stock=3)

    response = client.get("/search/", {"q": "lumbar"})

    html = response.content.decode()
    assert f'data-product-id="{product.pk}"' in html
    assert "£20.00" in html
    assert 'data-availability="instock"' in html
    assert f'action="/shop/basket/add/{product.pk}/"' in html
    # Adding to the basket comes back to these results.
    assert 'name="next" value="/search/?q=lumbar"' in html


def test_title_match_ranks_first(client, make_article, make_product):
    make_product("Foam roller", "Rolls out tension after sciatica flare-ups.")
    make_product("Heat wrap", "Warmth for sciatica and stiff hips.")
    make_article("Why hips get stiff", "Sitting all day and sciatica explained.")
    title_match = make_article("Sciatica")

    response = client.get("/search/", {"q": "sciatica"})

    order = result_order(response)
    assert len(order) == 4
    assert order[0] == ("article", str(title_match.pk))


def test_results_with_every_word_come_before_results_with_some(client, make_article):
    some = make_article("Upper back tension")
    both = make_article("Lower back pain at work")
    make_article("Neck stiffness")

    response = client.get("/search/", {"q": "lower back"})

    assert result_order(response) == [
        ("article", str(both.pk)),
        ("article", str(some.pk)),
    ]
    assert "data-search-partial" not in response.content.decode()


def test_results_with_some_words_only_fill_a_short_first_page(client, make_article):
    make_article("Upper back tension")
    for n in range(RESULTS_PER_PAGE):
        make_article(f"Lower back pain, part {n}")

    response = client.get("/search/", {"q": "lower back"})

    assert response.context["search"].count == RESULTS_PER_PAGE
    assert "Upper back tension" not in response.content.decode()


def test_when_no_result_has_every_word_the_page_says_so(client, make_article):
    some = make_article("Upper back tension")

    response = client.get("/search/", {"q": "lower back"})

    assert result_order(response) == [("article", str(some.pk))]
    assert "data-search-partial" in response.content.decode()


@pytest.mark.parametrize(
    ("kind", "expected_kinds"),
    [("articles", {"article"}), ("products", {"product"}), ("all", None)],
)
def test_kind_filter_shows_one_kind_but_counts_both(
    client, make_article, make_product, kind, expected_kinds
):
    make_article("Posture at the desk")
    make_product("Posture corrector")

    response = client.get("/search/", {"q": "posture", "kind": kind})

    kinds = {k for k, _ in result_order(response)}
    assert kinds == (expected_kinds or {"article", "product"})
    assert count_of(response, "articles") == 1
    assert count_of(response, "products") == 1
    assert f'data-search-kind="{kind}"' in response.content.decode()


def test_results_are_paginated(client, make_product):
    for number in range(RESULTS_PER_PAGE + 3):
        make_product(f"Kinesiology tape roll {number}")

    first = client.get("/search/", {"q": "kinesiology"})
    second = client.get("/search/", {"q": "kinesiology", "page": 2})

    first_ids = {pk for _, pk in result_order(first)}
    second_ids = {pk for _, pk in result_order(second)}
    assert len(first_ids) == RESULTS_PER_PAGE
    assert len(second_ids) == 3
    assert not first_ids & second_ids
    assert 'rel="next" href="/search/?q=kinesiology&amp;page=2"' in (
        first.content.decode()
    )
    assert 'rel="prev" href="/search/?q=kinesiology"' in second.content.decode()


def test_mixed_pages_together_hold_every_result_once(
    client, make_article, make_product
):
    articles = [make_article(f"Core strength part {n}") for n in range(6)]
    products = [make_product(f"Core strength band {n}") for n in range(8)]

    seen = []
    for page in (1, 2):
        response = client.get("/search/", {"q": "core strength", "page": page})
        seen += result_order(response)

    expected = {("article", str(a.pk)) for a in articles}
    expected |= {("product", str(p.pk)) for p in products}
    assert len(seen) == len(expected)
    assert set(seen) == expected


def test_no_results_page_suggests_articles_and_categories(client, make_article):
    from oscar.apps.catalogue.categories import create_from_breadcrumbs

    make_article("Getting started with core work")
    create_from_breadcrumbs("Supports")

    response = client.get("/search/", {"q": "xylophone"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "data-search-empty" in html
    assert "Nothing matches “xylophone”" in html
    popular = html.split("data-popular-articles", 1)[1]
    assert "Getting started with core work" in popular
    categories = html.split("data-popular-categories", 1)[1]
    assert "Supports" in categories


def test_a_half_typed_word_still_leads_to_the_title(client, make_article):
    """Without JavaScript, a half-typed word still leads somewhere: a fuzzy
    match where the backend has one (PostgreSQL), else the no-results page's
    titles starting with the word."""
    article = make_article("Decompression therapy explained")

    response = client.get("/search/", {"q": "decompr"})

    html = response.content.decode()
    if "data-search-fuzzy" in html:
        assert f'data-article-id="{article.pk}"' in html
    else:
        suggestions = html.split("data-search-suggestions", 1)[1]
        assert "Decompression therapy explained" in suggestions


def test_header_box_keeps_the_query(client, make_article):
    response = client.get("/search/", {"q": "neck"})

    assert 'id="site-search-q" type="search" name="q" value="neck"' in (
        response.content.decode()
    )


def test_results_page_query_count_does_not_grow_with_results(
    client, make_article, make_product
):
    def queries_for(query):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get("/search/", {"q": query})
        assert response.status_code == 200
        return len(ctx.captured_queries), len(result_order(response))

    make_article("Hamstring stretch")
    make_product("Hamstring strap")
    for n in range(4):
        make_article(f"Pelvic tilt guide {n}")
        make_product(f"Pelvic tilt cushion {n}")
    client.get("/search/", {"q": "warm up"})  # session, basket and caches

    few_queries, few = queries_for("hamstring")
    many_queries, many = queries_for("pelvic")

    assert (few, many) == (2, 8)
    assert many_queries == few_queries
    # View restrictions; per kind, the count and the ranked primary keys and
    # titles; the editors' picks for the query; the matching categories; the
    # page's articles; product cards (products, stock records, images); the
    # site root.
    assert many_queries == 12
    # A query of several words whose every-word results leave the page short
    # also finds what holds some of them: per kind, their count and ranked
    # rows, and the categories.
    assert queries_for("pelvic tilt") == (17, 8)


def test_only_the_shown_articles_are_loaded_in_full(client, make_article):
    """Ranking reads titles; only the page's own articles are built whole."""
    for n in range(RESULTS_PER_PAGE + 5):
        make_article(f"Pelvic floor routine {n}")
    client.get("/search/", {"q": "warm up"})  # session, basket and caches

    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/search/", {"q": "pelvic floor"})

    assert len(result_order(response)) == RESULTS_PER_PAGE
    full_loads = [
        query["sql"]
        for query in ctx.captured_queries
        if '"blog_articlepage"."standfirst"' in query["sql"]
    ]
    assert len(full_loads) == 1
    shown = {int(pk) for _, pk in result_order(response)}
    loaded = {
        int(pk) for pk in re.findall(r"\b(\d+)\b", full_loads[0].split(" IN (")[-1])
    }
    assert loaded == shown


def test_long_article_titled_with_the_query_beats_a_product_mentioning_it(
    client, make_article, make_product
):
    """Full-text scores favour short texts; a title match still comes first."""
    make_product("Heat wrap", "Soothes the lower back.")
    filler = " ".join(["Practical advice on desks, chairs and walking."] * 8)
    article = make_article("Lower back pain at the desk", filler)

    response = client.get("/search/", {"q": "lower back"})

    assert result_order(response)[0] == ("article", str(article.pk))
