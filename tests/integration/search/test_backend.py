"""One search backend, chosen by configuration: the database unless told."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from site_project.settings.base import search_backends_from_env


def test_no_search_url_means_the_database_backend(monkeypatch):
    monkeypatch.delenv("SEARCH_BACKEND_URL", raising=False)

    config = search_backends_from_env()["default"]

    assert config["BACKEND"] == "wagtail.search.backends.database"
    assert config["SEARCH_CONFIG"] == "english"


def test_search_url_selects_a_search_server(monkeypatch):
    monkeypatch.setenv(
        "SEARCH_BACKEND_URL", "opensearch3+https://app:s3cret@search.internal:9200/bb_"
    )

    config = search_backends_from_env()["default"]

    assert config == {
        "BACKEND": "wagtail.search.backends.opensearch3",
        "URLS": ["https://app:s3cret@search.internal:9200"],
        "INDEX_PREFIX": "bb_",
        "TIMEOUT": 5,
    }


@pytest.mark.parametrize(
    "url", ["solr://search:8983/", "elasticsearch8+ftp://search/", "elasticsearch8:///"]
)
def test_bad_search_url_stops_start_up_naming_the_variable(monkeypatch, url):
    monkeypatch.setenv("SEARCH_BACKEND_URL", url)

    with pytest.raises(ImproperlyConfigured, match="SEARCH_BACKEND_URL"):
        search_backends_from_env()


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgres_search_understands_english_word_forms(client, make_article):
    """PostgreSQL's English configuration stems words: "stretching" finds
    "stretches" (SQLite's FTS5 matches exact words only)."""
    article = make_article("Morning stretches for the lower back")

    response = client.get("/search/", {"q": "stretching"})

    assert f'data-article-id="{article.pk}"' in response.content.decode()


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgres_matches_through_the_search_vector_index():
    """The expression the PostgreSQL backend matches has its own GIN index
    (blog migration 0004), so a search does not scan every index entry."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = %s",
            ["blog_search_indexentry_vector"],
        )
        (definition,) = cursor.fetchone()
        assert "gin" in definition.lower()
        assert "(title || body)" in definition
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM wagtailsearch_indexentry "
            "WHERE (title || body) @@ to_tsquery('english', 'back')"
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "blog_search_indexentry_vector" in plan
