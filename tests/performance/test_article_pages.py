"""Articles with real product callouts: bounded queries whatever their number
of callouts."""

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
# category callout), anonymous, Django's cache warm (Wagtail
# renditions, sorl's thumbnail store, site root paths). Where the queries go:
#   Wagtail: site for the host; root page (specific); article index and
#     article (child by slug, then specific: the article with its hero image
#     and author with photo, blog.models.ArticlePageManager); alias check and
#     view restrictions of the ancestors (Page.get_view_restrictions).
#     Breadcrumbs climb the parents routing kept: no ancestors query.
#   Article: topics and tags in one UNION. The related articles (the view
#     restrictions for .public() and the scored query) are read only when
#     their cached fragment is missing, as on the first visit.
#   Callouts, whatever their number: the categories; every product of
#     every callout and the first few of each category in ONE product query,
#     their stock records and images (shop.cards.product_cards).
REALISTIC_ARTICLE_QUERIES = 13


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
