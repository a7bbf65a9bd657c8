"""An article as a reader sees it: fields, blocks, contents, SEO, related."""

import datetime
import json
import re

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from tests.factories_blog import (
    ArticlePageFactory,
    AuthorFactory,
    ImageFactory,
    ReviewerFactory,
    TopicFactory,
    body_json,
)

pytestmark = pytest.mark.django_db


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def json_ld_blocks(soup):
    return [
        json.loads(script.string)
        for script in soup.find_all("script", type="application/ld+json")
    ]


def every_block_body(image):
    return body_json(
        ("heading", {"text": "Why it hurts", "level": "h2", "anchor": "why"}),
        ("heading", {"text": "Discs & joints", "level": "h3", "anchor": ""}),
        ("paragraph", '<p>First <a href="/shop/">link</a>.</p><ul><li>One</li></ul>'),
        ("image", {"image": image.pk, "alt_text": "A foam roller", "caption": "Roll"}),
        ("pull_quote", {"quote": "Motion is lotion.", "attribution": "A physio"}),
        ("note", {"kind": "warning", "title": "", "text": "<p>See a doctor if</p>"}),
        ("note", {"kind": "tip", "title": "Try this", "text": "<p>Walk daily</p>"}),
        ("video", {"video": "https://video.example/watch/1", "caption": "How to"}),
    )


def test_article_shows_byline_review_and_hero(client, article_index, hero_image):
    author = AuthorFactory(name="Jo Physio", role="Physiotherapist")
    article = ArticlePageFactory(
        parent=article_index,
        title="Easing lower back pain",
        standfirst="What helps, and when to get help.",
        author=author,
        hero_image=hero_image,
        hero_alt="A person stretching on a mat",
        hero_caption="Gentle stretches help.",
        reviewer=ReviewerFactory(name="Dr Lee Example", credentials="GP"),
        last_reviewed="2026-03-01",
    )
    soup = soup_of(client.get(article.url))

    assert soup.h1.get_text() == "Easing lower back pain"
    assert (
        "What helps, and when to get help."
        in soup.select_one(".article__standfirst").get_text()
    )
    byline = soup.select_one(".article__byline").get_text(" ", strip=True)
    assert "Jo Physio" in byline and "Physiotherapist" in byline
    assert "min read" in byline
    review = " ".join(soup.select_one(".article__review").get_text().split())
    assert "Last reviewed 1 March 2026 by Dr Lee Example, GP" in review
    hero = soup.select_one(".article__hero")
    img = hero.find("img")
    assert img["alt"] == "A person stretching on a mat"
    assert img["loading"] == "eager"
    webp = hero.find("source", type="image/webp")
    assert len(webp["srcset"].split(",")) == 4
    assert hero.figcaption.get_text() == "Gentle stretches help."
    assert (
        soup.select_one(".author-box").get_text(" ", strip=True).startswith("Jo Physio")
    )


def test_every_body_block_renders_with_its_template(client, article_index):
    Embed.objects.create(
        hash=get_embed_hash("https://video.example/watch/1"),
        url="https://video.example/watch/1",
        max_width=None,
        type="video",
        html='<iframe title="Stretching video" src="https://video.example/e/1"></iframe>',
        title="Stretching",
        width=640,
        height=360,
    )
    image = ImageFactory()
    article = ArticlePageFactory(parent=article_index, body=every_block_body(image))
    soup = soup_of(client.get(article.url))
    body = soup.select_one(".article__body")

    assert body.find("h2", id="why").get_text() == "Why it hurts"
    assert body.find("h3", id="discs-joints").get_text() == "Discs & joints"
    assert body.select_one(".block-rich-text a")["href"] == "/shop/"
    assert body.select_one(".block-rich-text li").get_text() == "One"
    figure = body.select_one(".block-image")
    assert figure.img["alt"] == "A foam roller"
    assert figure.img["loading"] == "lazy"
    assert figure.find("source", type="image/webp")["srcset"].count("w,") == 2
    assert figure.figcaption.get_text() == "Roll"
    quote = body.select_one(".block-pull-quote")
    assert quote.blockquote.get_text(strip=True) == "Motion is lotion."
    assert quote.figcaption.get_text() == "A physio"
    warning = body.select_one('[data-note-kind="warning"]')
    assert "block-note--warning" in warning["class"]
    assert warning.select_one(".block-note__title").get_text() == "Warning"
    assert "See a doctor if" in warning.get_text()
    tip = body.select_one('[data-note-kind="tip"]')
    assert tip.select_one(".block-note__title").get_text() == "Try this"
    video = body.select_one(".block-video")
    assert video.iframe["src"] == "https://video.example/e/1"
    assert video.figcaption.get_text() == "How to"


def test_unreachable_video_falls_back_to_a_link(client, article_index):
    article = ArticlePageFactory(
        parent=article_index,
        body=body_json(
            ("video", {"video": "https://unknown.invalid/v/2", "caption": ""})
        ),
    )
    soup = soup_of(client.get(article.url))
    link = soup.select_one(".block-video__fallback a")
    assert link["href"] == "https://unknown.invalid/v/2"


def test_table_of_contents_links_land_on_h2_headings(client, article_index):
    article = ArticlePageFactory(
        parent=article_index,
        body=body_json(
            ("heading", {"text": "Why it hurts", "level": "h2", "anchor": ""}),
            ("heading", {"text": "Details", "level": "h3", "anchor": ""}),
            ("heading", {"text": "When to see a GP", "level": "h2", "anchor": "gp"}),
        ),
    )
    soup = soup_of(client.get(article.url))
    links = soup.select(".article__toc a")
    assert [link.get_text() for link in links] == ["Why it hurts", "When to see a GP"]
    for link in links:
        target = soup.find(id=link["href"].removeprefix("#"))
        assert target is not None and target.name == "h2"
    assert [href["href"] for href in links] == ["#why-it-hurts", "#gp"]


def test_reading_time_is_shown_from_the_body(client, article_index):
    words = " ".join(["word"] * 1000)
    article = ArticlePageFactory(
        parent=article_index,
        standfirst="",
        body=body_json(("paragraph", f"<p>{words}</p>")),
    )
    soup = soup_of(client.get(article.url))
    assert soup.select_one(".article__reading-time").get_text() == "5 min read"


def test_empty_body_and_no_hero_still_render(client, article_index):
    article = ArticlePageFactory(
        parent=article_index, body="[]", hero_image=None, author=None, standfirst=""
    )
    soup = soup_of(client.get(article.url))
    assert soup.select_one(".article__hero") is None
    assert soup.select_one(".article__toc") is None
    assert soup.select_one(".article__reading-time").get_text() == "1 min read"


def test_deleted_author_topic_and_images_still_render(client, article_index):
    image = ImageFactory()
    hero = ImageFactory()
    author = AuthorFactory()
    topic = TopicFactory(name="Sciatica", slug="sciatica")
    article = ArticlePageFactory(
        parent=article_index,
        author=author,
        hero_image=hero,
        topics=[topic],
        body=body_json(("image", {"image": image.pk, "alt_text": "", "caption": ""})),
    )
    author.delete()
    topic.delete()
    image.delete()
    hero.delete()
    soup = soup_of(client.get(article.url))
    assert soup.select_one(".author-box") is None
    assert soup.select_one(".article__topics") is None
    assert soup.select_one(".block-image") is None
    data = json_ld_blocks(soup)[0]
    assert data["author"]["@type"] == "Organization"


def test_json_ld_article_has_the_required_keys(client, article_index, hero_image):
    article = ArticlePageFactory(
        parent=article_index,
        title='Core strength: "planks" </script> explained',
        author=AuthorFactory(name="Jo Physio"),
        hero_image=hero_image,
    )
    soup = soup_of(client.get(article.url))
    assert (
        "</script> explained"
        not in soup.find("script", type="application/ld+json").decode_contents()
    )
    article_data, breadcrumbs = json_ld_blocks(soup)
    assert article_data["@context"] == "https://schema.org"
    assert article_data["@type"] == ["MedicalWebPage", "Article"]
    assert article_data["headline"] == 'Core strength: "planks" </script> explained'
    assert article_data["author"] == {
        "@type": "Person",
        "name": "Jo Physio",
        "jobTitle": "Physiotherapist",
        "url": f"{article_index.full_url}authors/{article.author.pk}/",
    }
    assert re.match(r"^\d{4}-\d{2}-\d{2}T", article_data["datePublished"])
    assert re.match(r"^\d{4}-\d{2}-\d{2}T", article_data["dateModified"])
    assert article_data["image"][0].startswith("http://")
    assert ".fill-1200x630" in article_data["image"][0]
    assert article_data["publisher"]["@type"] == "Organization"
    assert article_data["publisher"]["logo"]["url"].startswith("http://")
    assert article_data["mainEntityOfPage"] == article.full_url
    assert breadcrumbs["@type"] == "BreadcrumbList"
    assert [item["name"] for item in breadcrumbs["itemListElement"]] == [
        "Backbone",
        "Articles",
        article.title,
    ]


def test_title_description_canonical_and_social_cards(
    client, article_index, hero_image
):
    article = ArticlePageFactory(
        parent=article_index,
        title="Sitting well",
        seo_title="How to sit without back pain",
        search_description="Desk set-up & habits that help.",
        hero_image=hero_image,
        hero_alt="A desk chair",
    )
    soup = soup_of(client.get(article.url))
    assert soup.title.get_text() == "How to sit without back pain | Backbone"
    assert soup.find("meta", attrs={"name": "description"})["content"] == (
        "Desk set-up & habits that help."
    )
    assert soup.find("link", rel="canonical")["href"] == article.full_url
    og = {
        meta["property"]: meta["content"]
        for meta in soup.find_all("meta", property=True)
    }
    assert og["og:type"] == "article"
    assert og["og:title"] == "How to sit without back pain"
    assert og["og:url"] == article.full_url
    assert og["og:image"].startswith("http://") and og["og:image"].endswith(".jpg")
    assert og["og:image:alt"] == "A desk chair"
    twitter = {
        meta["name"]: meta["content"]
        for meta in soup.find_all("meta", attrs={"name": re.compile("^twitter:")})
    }
    assert twitter["twitter:card"] == "summary_large_image"
    assert twitter["twitter:image"] == og["og:image"]


def test_breadcrumbs_lead_home_and_to_the_index(client, article_index):
    article = ArticlePageFactory(parent=article_index, title="Posture myths")
    soup = soup_of(client.get(article.url))
    crumbs = soup.select(".breadcrumbs li")
    assert [crumb.get_text(strip=True) for crumb in crumbs] == [
        "Backbone",
        "Articles",
        "Posture myths",
    ]
    assert [a["href"] for a in soup.select(".breadcrumbs a")] == ["/", "/articles/"]


def test_related_articles_share_topics_and_tags_never_self(client, article_index):
    back, core = TopicFactory(name="Back"), TopicFactory(name="Core")
    article = ArticlePageFactory(
        parent=article_index, topics=[back, core], tags=["planks"]
    )
    ArticlePageFactory(
        parent=article_index, title="Best", topics=[back, core], tags=["planks"]
    )
    ArticlePageFactory(parent=article_index, title="Good", topics=[back, core])
    ArticlePageFactory(parent=article_index, title="Ok", tags=["planks"])
    # Shares as much as "Ok" but is older, so it loses the tie.
    fourth = ArticlePageFactory(
        parent=article_index,
        title="Fourth",
        topics=[core],
        date_published=datetime.date(2020, 1, 1),
    )
    ArticlePageFactory(parent=article_index, title="Unrelated")
    draft = ArticlePageFactory(parent=article_index, title="Draft", topics=[back])
    draft.unpublish()

    assert [a.title for a in article.related_articles()] == ["Best", "Good", "Ok"]
    soup = soup_of(client.get(article.url))
    titles = [t.get_text() for t in soup.select(".related-articles h3")]
    assert titles == ["Best", "Good", "Ok"]
    assert fourth.title not in titles and article.title not in titles


def test_article_page_query_count_is_bounded(client, article_index, hero_image):
    topics = [TopicFactory(), TopicFactory()]
    article = ArticlePageFactory(
        parent=article_index,
        hero_image=hero_image,
        topics=topics,
        tags=["posture", "desk"],
        body=every_block_body(ImageFactory()),
    )
    for _ in range(5):
        ArticlePageFactory(
            parent=article_index, hero_image=ImageFactory(), topics=topics
        )
    client.get(article.url)  # first view creates the renditions
    with CaptureQueriesContext(connection) as queries:
        response = client.get(article.url)
    assert response.status_code == 200
    assert len(queries) <= 22, "\n".join(q["sql"] for q in queries)
