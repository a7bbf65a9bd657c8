"""The home page's hero and featured articles, and articles in the sitemap."""

import datetime
import json
import xml.etree.ElementTree as ET  # noqa: N817

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from blog.models import HomePageFeaturedArticle
from tests.factories_blog import ArticlePageFactory, ImageFactory

pytestmark = pytest.mark.django_db


def featured_titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [t.get_text() for t in soup.select("[data-featured-articles] h3")]


def test_home_shows_hero_and_newest_articles(client, home_page, article_index):
    home_page.hero_image = ImageFactory()
    home_page.hero_alt = "A runner"
    home_page.save()
    for day in range(1, 5):
        ArticlePageFactory(
            parent=article_index,
            title=f"Day {day}",
            date_published=datetime.date(2026, 1, day),
        )
    response = client.get("/")
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.get_text() == home_page.title
    assert soup.select_one(".home-hero__image img")["alt"] == "A runner"
    assert featured_titles(response) == ["Day 4", "Day 3", "Day 2"]


def test_editor_chosen_articles_come_first(client, home_page, article_index):
    old = ArticlePageFactory(
        parent=article_index, title="Old", date_published=datetime.date(2020, 1, 1)
    )
    for day in range(1, 4):
        ArticlePageFactory(
            parent=article_index,
            title=f"Day {day}",
            date_published=datetime.date(2026, 1, day),
        )
    draft = ArticlePageFactory(parent=article_index, title="Draft")
    draft.unpublish()
    HomePageFeaturedArticle.objects.create(page=home_page, article=draft, sort_order=0)
    HomePageFeaturedArticle.objects.create(page=home_page, article=old, sort_order=1)
    assert featured_titles(client.get("/")) == ["Old", "Day 3", "Day 2"]


def test_home_has_website_json_ld_and_a_featured_products_slot(client, home_page):
    response = client.get("/")
    soup = BeautifulSoup(response.content, "html.parser")
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@type"] == "WebSite"
    assert data["publisher"]["@type"] == "Organization"
    assert data["potentialAction"]["target"].endswith("/search/?q={search_term_string}")
    assert soup.find("link", rel="canonical")["href"] == "http://localhost/"


def test_home_query_count_is_bounded(client, home_page, article_index):
    for _ in range(4):
        ArticlePageFactory(parent=article_index, hero_image=ImageFactory())
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    assert len(queries) <= 10, "\n".join(q["sql"] for q in queries)


def test_sitemap_lists_live_articles_with_lastmod(client, article_index):
    article = ArticlePageFactory(parent=article_index, title="In the sitemap")
    article.save_revision().publish()
    article.refresh_from_db()
    ArticlePageFactory(parent=article_index, title="Draft").unpublish()

    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.fromstring(response.content)  # noqa: S314
    entries = {
        url.find("s:loc", ns).text: url.find("s:lastmod", ns)
        for url in root.findall("s:url", ns)
    }
    assert article.full_url in entries
    lastmod = entries[article.full_url]
    assert lastmod is not None
    assert lastmod.text.startswith(article.last_published_at.date().isoformat())
    assert "http://localhost/articles/draft/" not in entries


def test_home_has_the_site_organization_json_ld(client, home_page):
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    found = [
        json.loads(script.string)
        for script in soup.find_all("script", type="application/ld+json")
    ]
    [organization] = [data for data in found if data["@type"] == "Organization"]
    assert organization["@context"] == "https://schema.org"
    assert organization["url"] == "http://localhost/"
    assert organization["name"]
    assert organization["logo"]["url"].endswith(".svg")
