"""Health content a reader can trust: reviewers and authors with their own
pages, references, the review schedule, the product disclosure, the
structured data saying so, and the editor's checks."""

import datetime
import json

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.utils import timezone
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

from blog.blocks import ARTICLE_TEXT_FEATURES, ReferenceBlock
from blog.models import add_months
from blog.reports import review_due_rows
from tests.factories_blog import (
    ArticlePageFactory,
    AuthorFactory,
    ReviewerFactory,
    body_json,
)
from tests.factories_shop import make_product

pytestmark = pytest.mark.django_db

HOSTILE = '</script><script>alert("x")</script>&amp; <b>'
NG59_URL = "https://www.nice.org.uk/guidance/ng59"


def reference(title="Low back pain and sciatica in over 16s", **fields):
    return {
        "authors": "National Institute for Health and Care Excellence",
        "title": title,
        "publisher": "NICE",
        "year": 2016,
        "doi": "",
        "pmid": "",
        "url": NG59_URL,
        **fields,
    }


def references_json(*values):
    return json.dumps(
        [
            {"type": "reference", "value": value, "id": f"ref-{n}"}
            for n, value in enumerate(values)
        ]
    )


def callout(product_id):
    return (
        "product_callout",
        {
            "product": product_id,
            "headline": "",
            "note": "",
            "layout": "inline",
            "if_unavailable": "hide",
            "fallback_product": None,
            "fallback_category": None,
            "button_label": "",
        },
    )


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def json_ld(soup):
    return [
        json.loads(script.string)
        for script in soup.find_all("script", type="application/ld+json")
    ]


def test_article_is_a_medical_web_page_with_reviewer_and_citations(
    client, article_index
):
    reviewer = ReviewerFactory(
        name="Dr Ada Example",
        credentials="Consultant rheumatologist, FRCP",
        registration_body="General Medical Council",
        profile_url="https://clinic.example/ada",
    )
    article = ArticlePageFactory(
        parent=article_index,
        author=AuthorFactory(name="Jo Writer"),
        reviewer=reviewer,
        last_reviewed=datetime.date(2026, 3, 1),
        references=references_json(
            reference(),
            reference(title="A trial", url="", doi="10.1000/xyz123", pmid="123"),
        ),
    )
    data, breadcrumbs = json_ld(soup_of(client.get(article.url)))
    assert data["@type"] == ["MedicalWebPage", "Article"]
    for key in ("headline", "image", "datePublished", "dateModified", "publisher"):
        assert data[key], key
    author_url = f"{article_index.full_url}authors/{article.author.pk}/"
    assert data["author"] == {"@type": "Person", "name": "Jo Writer"} | {
        "jobTitle": "Physiotherapist",
        "url": author_url,
    }
    reviewed_by = data["reviewedBy"]
    assert reviewed_by["@type"] == "Person"
    assert reviewed_by["name"] == "Dr Ada Example"
    assert reviewed_by["jobTitle"] == "Consultant rheumatologist, FRCP"
    assert reviewed_by["hasCredential"]["name"] == "Consultant rheumatologist, FRCP"
    assert reviewed_by["memberOf"]["name"] == "General Medical Council"
    assert reviewed_by["sameAs"] == ["https://clinic.example/ada"]
    assert reviewed_by["url"] == f"{article_index.full_url}reviewers/{reviewer.pk}/"
    assert data["lastReviewed"] == "2026-03-01"
    first, second = data["citation"]
    assert first["@type"] == "CreativeWork" and first["url"] == NG59_URL
    assert first["datePublished"] == "2016" and first["publisher"] == "NICE"
    assert second["url"] == "https://doi.org/10.1000/xyz123"
    assert second["identifier"] == ["doi:10.1000/xyz123", "pmid:123"]
    assert breadcrumbs["@type"] == "BreadcrumbList"


def test_an_unreviewed_article_claims_no_review(client, article_index):
    article = ArticlePageFactory(parent=article_index, reviewer=None)
    (data, _) = json_ld(soup_of(client.get(article.url)))
    assert "reviewedBy" not in data and "lastReviewed" not in data
    assert "citation" not in data


def test_byline_links_author_and_reviewer_pages_which_list_their_articles(
    client, article_index
):
    reviewer = ReviewerFactory(
        name="Dr Ada Example",
        credentials="GP",
        registration_body="General Medical Council",
        registration_number="1234567",
    )
    article = ArticlePageFactory(
        parent=article_index,
        title="Walking helps",
        reviewer=reviewer,
        last_reviewed=datetime.date(2026, 3, 1),
    )
    ArticlePageFactory(parent=article_index, title="Someone else's")
    ArticlePageFactory(
        parent=article_index, title="Draft", reviewer=reviewer
    ).unpublish()
    soup = soup_of(client.get(article.url))
    review = " ".join(soup.select_one(".article__review").get_text().split())
    assert review == "Last reviewed 1 March 2026 by Dr Ada Example, GP"
    reviewer_url = soup.select_one(".article__review a")["href"]
    author_url = soup.select_one(".article__byline a")["href"]
    assert reviewer_url == f"/articles/reviewers/{reviewer.pk}/"
    assert author_url == f"/articles/authors/{article.author.pk}/"

    for url, kind, name in (
        (reviewer_url, "reviewer", "Dr Ada Example"),
        (author_url, "author", article.author.name),
    ):
        page = soup_of(client.get(url))
        assert page.h1.get_text() == name
        assert page.select_one("[data-person]")["data-person"] == kind
        titles = [a.get_text() for a in page.select(".article-card__title a")]
        assert titles == ["Walking helps"]
        (profile,) = json_ld(page)
        assert profile["@type"] == "ProfilePage"
        assert profile["mainEntity"]["@type"] == "Person"
        assert profile["mainEntity"]["name"] == name
        assert (
            profile["url"] == profile["mainEntity"]["url"] == f"http://localhost{url}"
        )
    registration = soup_of(client.get(reviewer_url)).select_one(".person__registration")
    assert registration.get_text() == (
        "Registered with General Medical Council, 1234567"
    )


def test_unknown_people_are_404(client, article_index):
    for url in ("/articles/authors/999/", "/articles/reviewers/999/"):
        assert client.get(url).status_code == 404
    assert client.get("/articles/reviewers/x/").status_code == 404


def test_references_are_numbered_with_links_both_ways(client, article_index):
    article = ArticlePageFactory(
        parent=article_index,
        body=body_json(
            (
                "paragraph",
                '<p>Stay active<a linktype="reference" number="2">[2]</a>.</p>',
            )
        ),
        references=references_json(
            reference(title="First"), reference(title="Second", url="", pmid="42")
        ),
    )
    soup = soup_of(client.get(article.url))
    section = soup.select_one(".article__references")
    assert section.h2.get_text() == "References"
    entries = section.select("ol > li")
    assert [entry["id"] for entry in entries] == ["ref-1", "ref-2"]
    assert entries[0].a["href"] == NG59_URL and "First" in entries[0].get_text()
    assert entries[1].a["href"] == "https://pubmed.ncbi.nlm.nih.gov/42/"
    marker = soup.select_one(".article__body a.reference-marker")
    assert marker["href"] == "#ref-2" and marker["id"] == "cite-ref-2"
    assert marker.get_text() == "[2]"
    assert not entries[0].select(".references__back")
    assert entries[1].select_one(".references__back")["href"] == "#cite-ref-2"


def test_reference_marker_survives_the_editor():
    converter = ContentstateConverter(features=ARTICLE_TEXT_FEATURES)
    stored = '<p>Stay active<a linktype="reference" number="3">[3]</a>.</p>'
    contentstate = converter.from_database_format(stored)
    (entity,) = json.loads(contentstate)["entityMap"].values()
    assert entity["type"] == "REFERENCE" and entity["data"] == {"number": "3"}
    assert '<a linktype="reference" number="3">[3]</a>' in (
        converter.to_database_format(contentstate)
    )


def test_a_reference_needs_a_doi_pmid_or_url_and_checks_them():
    block = ReferenceBlock()
    block.clean(block.to_python(reference()))
    for bad in (
        {"url": ""},
        {"url": "", "doi": "not-a-doi"},
        {"url": "", "pmid": "12ab"},
        {"url": "javascript:alert(1)"},
    ):
        with pytest.raises(ValidationError):
            block.clean(block.to_python(reference(**bad)))


def test_disclosure_shows_exactly_when_the_article_has_a_callout(
    client, article_index, settings
):
    settings.BLOG_PRODUCT_DISCLOSURE = "We sell things in this article."
    product = make_product()
    plain = ArticlePageFactory(parent=article_index)
    selling = ArticlePageFactory(
        parent=article_index,
        body=body_json(("paragraph", "<p>Try a roller.</p>"), callout(product.pk)),
    )
    assert not soup_of(client.get(plain.url)).select("[data-disclosure]")
    soup = soup_of(client.get(selling.url))
    (disclosure,) = soup.select("[data-disclosure]")
    assert disclosure.get_text() == "We sell things in this article."
    # Near the top: in the header, before the body and its callouts.
    assert disclosure.find_parent("header", class_="article__header")


def make_due(article_index, title, last_reviewed, months=24, **fields):
    return ArticlePageFactory(
        parent=article_index,
        title=title,
        last_reviewed=last_reviewed,
        review_interval_months=months,
        **fields,
    )


def test_reviews_due_at_the_boundaries(article_index):
    make_due(article_index, "Reviewed", datetime.date(2026, 1, 15))
    due = datetime.date(2028, 1, 15)
    state = {
        today: {row.page_title: row.state for row in review_due_rows(today)}
        for today in (
            due - datetime.timedelta(days=31),
            due - datetime.timedelta(days=30),
            due,
            due + datetime.timedelta(days=1),
        )
    }
    assert list(state.values()) == [
        {},
        {"Reviewed": "Due in 30 days"},
        {"Reviewed": "Due today"},
        {"Reviewed": "Overdue by 1 day"},
    ]


def test_review_interval_counts_from_publication_when_never_reviewed(
    article_index,
):
    article = make_due(article_index, "Never", None, months=6)
    article.date_published = datetime.date(2025, 8, 31)
    article.save()
    (row,) = review_due_rows(datetime.date(2026, 2, 28))
    assert row.review_due == datetime.date(2026, 2, 28)
    assert add_months(datetime.date(2024, 2, 29), 12) == datetime.date(2025, 2, 28)


def test_default_interval_comes_from_settings(article_index, settings):
    settings.BLOG_REVIEW_INTERVAL_MONTHS = 18
    assert ArticlePageFactory(parent=article_index).review_interval_months == 18


@pytest.fixture
def editor_client(client, django_user_model):
    editor = django_user_model.objects.create_superuser(
        "editor", "editor@example.com", "pw"
    )
    client.force_login(editor)
    client.user = editor
    return client


def test_reviews_due_report_and_dashboard_count(editor_client, article_index):
    today = timezone.localdate()
    make_due(article_index, "Overdue <one>", add_months(today, -25))
    make_due(article_index, "Fresh", today)
    response = editor_client.get("/cms/reports/reviews-due/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Overdue &lt;one&gt;" in html and "Overdue by" in html
    assert "Fresh" not in html
    dashboard = soup_of(editor_client.get("/cms/"))
    assert dashboard.select_one("[data-reviews-due]")["data-reviews-due"] == "1"
    assert dashboard.select_one("[data-reviews-due] a")["href"] == (
        "/cms/reports/reviews-due/"
    )


def test_article_checks_report_lists_the_broken_rules(editor_client, article_index):
    today = timezone.localdate()
    make_due(article_index, "Unchecked", add_months(today, -25), reviewer=None)
    ArticlePageFactory(
        parent=article_index, title="Sound", references=references_json(reference())
    )
    soup = soup_of(editor_client.get("/cms/reports/article-checks/"))
    rows = {
        row.select("td")[0].get_text(strip=True): row.select("td")[1].get_text(
            strip=True
        )
        for row in soup.select("tbody tr")
    }
    assert rows["Unchecked"] == (
        "No medical reviewer; No references; Medical review overdue"
    )
    assert rows["Sound"] == "None"


def test_preview_carries_the_checks_for_the_content_checker(
    editor_client, article_index
):
    article = ArticlePageFactory(parent=article_index, reviewer=None)
    # The editor's checks panel previews with the editor's session.
    session = editor_client.cookies["sessionid"].value
    request = RequestFactory().get("/", HTTP_COOKIE=f"sessionid={session}")
    response = article.make_preview_request(
        request, extra_request_attrs={"in_preview_panel": True}
    )
    html = response.render().content.decode()
    soup = BeautifulSoup(html, "html.parser")
    checks = [
        span["data-article-check"] for span in soup.select("[data-article-check]")
    ]
    assert checks == ["article-no-reviewer", "article-no-references"]
    assert '"article-no-reviewer"' in html and "has-visible-text" in html
    live = soup_of(editor_client.get(article.url))
    assert not live.select("[data-article-check]")


def test_every_new_field_is_escaped_in_html_json_ld_and_rss(client, article_index):
    reviewer = ReviewerFactory(
        name=HOSTILE[:120],
        credentials=HOSTILE,
        registration_body=HOSTILE,
        registration_number=HOSTILE[:40],
        bio=HOSTILE,
    )
    article = ArticlePageFactory(
        parent=article_index,
        reviewer=reviewer,
        last_reviewed=datetime.date(2026, 3, 1),
        references=references_json(
            reference(authors=HOSTILE, title=HOSTILE, publisher=HOSTILE)
        ),
    )
    for url in (article.url, f"/articles/reviewers/{reviewer.pk}/"):
        html = client.get(url).content.decode()
        assert '<script>alert("x")' not in html, url
        assert "<b>" not in html, url
        (data, *_) = json_ld(BeautifulSoup(html, "html.parser"))
        names = json.dumps(data)
        assert HOSTILE.replace('"', '\\"') in names, url
    soup = soup_of(client.get(article.url))
    assert soup.select_one(".article__reviewer").get_text() == HOSTILE[:120]
    assert HOSTILE in soup.select_one("#ref-1").get_text()
    response = client.get("/articles/feed/")
    assert b'<script>alert("x")' not in response.content
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.entries[0].contributors[0]["name"] == HOSTILE[:120]


def test_editing_a_reviewer_purges_their_page_and_their_articles(
    article_index, settings
):
    from urllib.parse import urlsplit

    from tests import purge_recorder

    settings.WAGTAILFRONTENDCACHE = {
        "test": {"BACKEND": "tests.purge_recorder.RecordingBackend"}
    }
    reviewer = ReviewerFactory()
    article = ArticlePageFactory(parent=article_index, reviewer=reviewer)
    article.save_revision().publish()
    purge_recorder.PURGED.clear()
    reviewer.credentials = "Consultant physiotherapist"
    reviewer.save()
    paths = {urlsplit(url).path for url in purge_recorder.PURGED}
    assert {article.url, f"/articles/reviewers/{reviewer.pk}/"} <= paths
