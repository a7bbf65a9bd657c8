"""Drafts, unpublished changes, scheduled publishing and previews."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from blog.models import ArticlePage
from tests.factories_blog import ArticlePageFactory

pytestmark = pytest.mark.django_db


def new_draft(article_index, **fields):
    """A never-published article, as the admin's "Save draft" leaves it."""
    article = ArticlePage(title="Draft article", slug="draft-article", live=False)
    for name, value in fields.items():
        setattr(article, name, value)
    article_index.add_child(instance=article)
    article.save_revision()
    return article


def test_a_draft_is_not_visible_to_anonymous_readers(client, article_index):
    new_draft(article_index)
    assert client.get("/articles/draft-article/").status_code == 404
    assert b"Draft article" not in client.get("/articles/").content
    assert b"Draft article" not in client.get("/articles/feed/").content
    assert b"Draft article" not in client.get("/").content


def test_unpublished_changes_are_not_visible(client, article_index):
    article = ArticlePageFactory(parent=article_index, title="Live title")
    article.save_revision().publish()
    article.title = "Edited but unpublished title"
    article.standfirst = "A secret new standfirst."
    article.save_revision()

    response = client.get(article.url)
    assert response.status_code == 200
    assert b"Live title" in response.content
    assert b"Edited but unpublished" not in response.content
    assert b"secret new standfirst" not in response.content
    assert b"Edited but unpublished" not in client.get("/articles/").content


def test_scheduled_article_is_hidden_until_its_go_live_time(client, article_index):
    go_live = timezone.now() + datetime.timedelta(hours=2)
    article = new_draft(article_index, go_live_at=go_live)
    article.latest_revision.publish()
    article.refresh_from_db()
    assert not article.live
    assert article.scheduled_revision is not None

    assert client.get("/articles/draft-article/").status_code == 404
    assert b"Draft article" not in client.get("/articles/").content

    call_command("publish_scheduled")  # not yet due: nothing happens
    assert client.get("/articles/draft-article/").status_code == 404

    # Time passes: the go-live time is now in the past.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision = article.scheduled_revision
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    call_command("publish_scheduled")
    assert client.get("/articles/draft-article/").status_code == 200
    assert b"Draft article" in client.get("/articles/").content


def test_previews_render_for_every_page_type(article_index, home_page):
    article = ArticlePageFactory(parent=article_index, body="[]")
    for page in (article, article_index, home_page):
        response = page.make_preview_request()
        assert response.status_code == 200, page
