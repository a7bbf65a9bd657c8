"""The article index at /articles/: order, cards, filters, pages."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories_blog import ArticlePageFactory, ImageFactory, TopicFactory

pytestmark = pytest.mark.django_db


def card_titles(response):
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [title.get_text() for title in soup.select(".article-card__title")]


def dated_articles(parent, count, **kwargs):
    start = datetime.date(2026, 1, 1)
    return [
        ArticlePageFactory(
            parent=parent,
            title=f"Article {n:02d}",
            date_published=start + datetime.timedelta(days=n),
            **kwargs,
        )
        for n in range(count)
    ]


def test_index_lists_newest_first_with_full_cards(client, article_index):
    dated_articles(article_index, 2)
    ArticlePageFactory(
        parent=article_index,
        title="Newest",
        standfirst="The newest article's standfirst.",
        date_published=datetime.date(2026, 6, 1),
        hero_image=ImageFactory(),
    )
    response = client.get("/articles/")
    assert card_titles(response) == ["Newest", "Article 01", "Article 00"]
    card = BeautifulSoup(response.content, "html.parser").select_one(".article-card")
    srcset = card.find("source", type="image/webp")["srcset"].split(", ")
    assert [candidate.split()[1] for candidate in srcset] == ["400w", "800w"]
    assert card.img["loading"] == "lazy"
    assert "The newest article's standfirst." in card.get_text()
    assert card.time["datetime"] == "2026-06-01"
    assert card.select_one(".article-card__reading-time").get_text() == "1 min read"


def test_index_hides_drafts(client, article_index):
    ArticlePageFactory(parent=article_index, title="Published")
    ArticlePageFactory(parent=article_index, title="Draft").unpublish()
    assert card_titles(client.get("/articles/")) == ["Published"]


def test_index_is_paginated_and_past_the_end_gives_the_last_page(client, article_index):
    dated_articles(article_index, 14)
    assert len(card_titles(client.get("/articles/"))) == 12
    assert card_titles(client.get("/articles/?page=2")) == ["Article 01", "Article 00"]
    assert card_titles(client.get("/articles/?page=99")) == [
        "Article 01",
        "Article 00",
    ]
    assert len(card_titles(client.get("/articles/?page=abc"))) == 12
    assert len(card_titles(client.get("/articles/?page=-3"))) == 2


def test_index_filters_by_topic_and_by_tag(client, article_index):
    sciatica = TopicFactory(name="Sciatica", slug="sciatica")
    ArticlePageFactory(parent=article_index, title="Nerve pain", topics=[sciatica])
    ArticlePageFactory(parent=article_index, title="Planks", tags=["core"])
    ArticlePageFactory(
        parent=article_index, title="Both", topics=[sciatica], tags=["core"]
    )
    assert sorted(card_titles(client.get("/articles/?topic=sciatica"))) == [
        "Both",
        "Nerve pain",
    ]
    assert sorted(card_titles(client.get("/articles/?tag=core"))) == [
        "Both",
        "Planks",
    ]
    assert card_titles(client.get("/articles/?topic=sciatica&tag=core")) == ["Both"]


def test_unknown_filters_give_an_empty_list_not_an_error(client, article_index):
    ArticlePageFactory(parent=article_index)
    queries = (
        "?topic=nope",
        "?tag=nope",
        "?topic=<script>",
        "?tag=%00&page=x",
        "?topic=a%00b",
        "?topic=" + "a" * 500,
    )
    for query in queries:
        response = client.get(f"/articles/{query}")
        assert card_titles(response) == []
        assert b"No articles match" in response.content
        assert b"<script>" not in response.content.split(b"<main")[1]


def test_index_query_count_does_not_grow_with_articles(client, article_index):
    topic = TopicFactory()

    def count_queries():
        client.get("/articles/")  # warm up: renditions are created once
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/articles/")
        assert response.status_code == 200
        return len(queries)

    ArticlePageFactory(parent=article_index, hero_image=ImageFactory(), topics=[topic])
    few = count_queries()
    for _ in range(10):
        ArticlePageFactory(
            parent=article_index, hero_image=ImageFactory(), topics=[topic]
        )
    many = count_queries()
    assert many == few
    assert many <= 12
