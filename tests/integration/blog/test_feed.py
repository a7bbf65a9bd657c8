"""The RSS feed at /articles/feed/."""

import datetime

import feedparser
import pytest

from tests.factories_blog import ArticlePageFactory, AuthorFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_feed_lists_live_articles_newest_first_with_absolute_urls(
    client, article_index
):
    topic = TopicFactory(name="Posture")
    older = ArticlePageFactory(
        parent=article_index,
        title="Older",
        standfirst="An older one.",
        date_published=datetime.date(2026, 1, 5),
    )
    newer = ArticlePageFactory(
        parent=article_index,
        title="Newer & better",
        standfirst="A newer one.",
        author=AuthorFactory(name="Jo Physio"),
        topics=[topic],
        date_published=datetime.date(2026, 2, 5),
    )
    ArticlePageFactory(parent=article_index, title="Draft").unpublish()

    response = client.get("/articles/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == "Backbone: Articles"
    assert feed.feed.link == "http://localhost/articles/"
    assert [entry.title for entry in feed.entries] == ["Newer & better", "Older"]
    first = feed.entries[0]
    assert first.link == newer.full_url == "http://localhost/articles/newer-better/"
    assert first.id == newer.full_url
    assert first.summary == "A newer one."
    assert first.author == "Jo Physio"
    assert [tag.term for tag in first.tags] == ["Posture"]
    assert first.published_parsed[:3] == (2026, 2, 5)
    assert feed.entries[1].link == older.full_url


def test_feed_of_an_empty_index_is_valid(client, article_index):
    feed = feedparser.parse(client.get("/articles/feed/").content)
    assert not feed.bozo
    assert feed.entries == []


def test_article_cannot_take_the_feed_slug(article_index):
    from django.core.exceptions import ValidationError

    article = ArticlePageFactory.build(title="Feed", slug="feed")
    with pytest.raises(ValidationError) as error:
        article_index.add_child(instance=article)
    assert "slug" in error.value.message_dict


def test_feed_query_count_does_not_grow_with_items(client, article_index):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    topic = TopicFactory()

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/articles/feed/").status_code == 200
        return len(queries)

    ArticlePageFactory(parent=article_index, topics=[topic])
    client.get("/articles/feed/")
    few = count()
    for _ in range(5):
        ArticlePageFactory(parent=article_index, topics=[topic])
    assert count() == few <= 10
