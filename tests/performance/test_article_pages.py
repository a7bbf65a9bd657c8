"""Articles with real product callouts: bounded queries, live prices, working
add-to-basket forms when served from the page cache."""

import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from oscar.test.factories import CategoryFactory, ProductCategoryFactory

from tests.factories_blog import (
    ArticlePageFactory,
    AuthorFactory,
    ImageFactory,
    TopicFactory,
    body_json,
)

from .conftest import article_with_callouts, make_product

pytestmark = pytest.mark.django_db

COLD_ARTICLE_MAX_QUERIES = 15
# A realistic article (hero image, author with photo, 2 topics, 2 tags,
# 3 related articles with hero images, product callouts, a grid and a
# category callout), anonymous, page cache off, Django's cache warm (Wagtail
# renditions, sorl's thumbnail store, site root paths). Where the queries go:
#   Wagtail: site for the host; root page (specific); article index and
#     article (child by slug, then specific: the article with its hero image
#     and author with photo, blog.models.ArticlePageManager); alias check and
#     view restrictions of the ancestors (Page.get_view_restrictions).
#     Breadcrumbs climb the parents routing kept: no ancestors query.
#   Article: topics and tags in one UNION; related articles: the view
#     restrictions (.public()) and the scored query.
#   Callouts, whatever their number: the categories; every product of
#     every callout and the first few of each category in ONE product query,
#     their stock records and images (shop.cards.product_cards).
REALISTIC_ARTICLE_QUERIES = 15


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


def realistic_article(index, slug, product_callouts):
    """A live article like the demo's, with `product_callouts` product
    callouts plus a two-product grid and a category callout."""
    topics = [TopicFactory(), TopicFactory()]
    products = [
        make_product(title=f"{slug} product {n:02d}") for n in range(product_callouts)
    ]
    grid = [make_product(title=f"{slug} grid {n}") for n in range(2)]
    category = CategoryFactory(name=f"{slug} supports")
    for n in range(3):
        ProductCategoryFactory(
            product=make_product(title=f"{slug} category {n}"), category=category
        )
    blocks = [
        ("paragraph", "<p>Move a little, often.</p>"),
        ("heading", {"text": "What helps", "level": "h2", "anchor": "what-helps"}),
    ]
    blocks += [
        ("product_callout", {"product": product.pk, "if_unavailable": "hide"})
        for product in products
    ]
    blocks += [
        (
            "product_grid",
            {
                "products": [
                    {"type": "item", "value": p.pk, "id": f"g{p.pk}"} for p in grid
                ],
                "if_unavailable": "hide",
            },
        ),
        ("category_callout", {"category": category.pk, "limit": 3}),
    ]
    article = ArticlePageFactory(
        parent=index,
        slug=slug,
        hero_image=ImageFactory(),
        author=AuthorFactory(photo=ImageFactory()),
        topics=topics,
        tags=["posture", "desk"],
        body=body_json(*blocks),
    )
    for n in range(3):
        ArticlePageFactory(
            parent=index,
            slug=f"{slug}-related-{n}",
            hero_image=ImageFactory(),
            topics=topics,
        )
    return article


def test_realistic_article_costs_the_same_pinned_queries_with_1_or_20_callouts(
    article_index,
):
    one = realistic_article(article_index, "one", 1)
    twenty = realistic_article(article_index, "twenty", 20)
    for article, callouts in ((one, 1), (twenty, 20)):
        Client().get(article.url)  # warms renditions and thumbnails
        with CaptureQueriesContext(connection) as queries:
            response = Client().get(article.url)
        sql = "\n".join(query["sql"] for query in queries)
        assert len(queries) == REALISTIC_ARTICLE_QUERIES, sql
        html = response.content.decode()
        # Everything is still there: every callout's cards, the related
        # articles, the author's photo, the hero, the breadcrumbs.
        assert html.count('data-product-id="') == callouts + 2 + 3
        assert html.count('class="article-card"') == 3
        assert "author-box__photo" in html and "article__hero" in html
        crumbs = html.split('<nav class="breadcrumbs"')[1].split("</nav>")[0]
        assert 'href="/articles/"' in crumbs and 'href="/"' in crumbs
        assert "desk" in html and "posture" in html


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


def test_related_articles_skip_restricted_and_unpublished(
    article_index,
):
    from wagtail.models import PageViewRestriction

    topic = TopicFactory()
    article = ArticlePageFactory(parent=article_index, topics=[topic], tags=["desk"])
    shared_both = ArticlePageFactory(
        parent=article_index, topics=[topic], tags=["desk"]
    )
    shared_tag = ArticlePageFactory(parent=article_index, tags=["desk"])
    private = ArticlePageFactory(parent=article_index, topics=[topic], tags=["desk"])
    PageViewRestriction.objects.create(
        page=private, restriction_type="password", password="secret"
    )
    draft = ArticlePageFactory(parent=article_index, topics=[topic], tags=["desk"])
    draft.unpublish()
    with CaptureQueriesContext(connection) as queries:
        related = article.related_articles(topic_ids=[topic.pk], tag_ids=None)
    # tag ids looked up, the view restrictions (.public()), the scored query
    assert len(queries) == 3
    assert related == [shared_both.specific, shared_tag.specific]


def test_breadcrumbs_match_the_tree(article_index):
    article = ArticlePageFactory(parent=article_index, slug="crumbs")
    html = Client().get(article.url).content.decode()
    crumbs = html.split('<nav class="breadcrumbs"')[1].split("</nav>")[0]
    assert crumbs.index('href="/"') < crumbs.index('href="/articles/"')
    # An unknown slug under the index is still a 404, not a 500.
    assert Client().get("/articles/no-such-article/").status_code == 404
    assert Client().get("/no-such-section/").status_code == 404
