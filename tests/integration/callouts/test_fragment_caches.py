"""An article's cached fragments (hero, body between callouts, related
articles) never outlive what they show: each change is on the next render."""

from decimal import Decimal as D

import pytest
from bs4 import BeautifulSoup

from blog.models import ArticlePage
from tests.factories_blog import TopicFactory
from tests.factories_shop import make_product

from .conftest import body, paragraph, product_callout

pytestmark = pytest.mark.django_db


def page_text(client, url):
    # Twice: the second render is served from the fragments the first cached.
    client.get(url)
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def related_titles(soup):
    return [a.text for a in soup.select(".related-articles .article-card__title a")]


def publish(index, title, *blocks, topics=()):
    article = index.add_child(
        instance=ArticlePage(title=title, body=body(*blocks), live=False)
    )
    article.topics.set(topics)
    article.save_revision().publish()
    return ArticlePage.objects.get(pk=article.pk)


def test_price_change_shows_on_the_next_render(client, make_article):
    product = make_product(price="24.00", num_in_stock=3)
    article = make_article(paragraph("Support helps."), product_callout(product.pk))
    assert "£24.00" in page_text(client, article.url).select_one("[data-callout]").text
    stockrecord = product.stockrecords.get()
    stockrecord.price = D("19.00")
    stockrecord.num_in_stock = 0
    stockrecord.save()
    soup = page_text(client, article.url)
    # The rule is "hide": out of stock, the callout is gone.
    assert soup.select("[data-callout]") == []
    stockrecord.num_in_stock = 5
    stockrecord.save()
    callout = page_text(client, article.url).select_one("[data-callout]")
    assert "£19.00" in callout.text and "£24.00" not in callout.text


def test_related_article_published_edited_and_unpublished(client, article_index):
    topic = TopicFactory()
    article = publish(
        article_index, "Desk posture", paragraph("Sit well."), topics=[topic]
    )
    assert related_titles(page_text(client, article.url)) == []

    other = publish(
        article_index, "Standing desks", paragraph("Stand."), topics=[topic]
    )
    assert related_titles(page_text(client, article.url)) == ["Standing desks"]

    other.title = "Standing desks, reviewed"
    other.save_revision().publish()
    assert related_titles(page_text(client, article.url)) == [
        "Standing desks, reviewed"
    ]

    other.unpublish()
    assert related_titles(page_text(client, article.url)) == []


def test_edit_of_the_article_itself_shows_on_the_next_render(client, article_index):
    product = make_product(price="12.00")
    article = publish(
        article_index,
        "Lifting safely",
        paragraph("Bend your knees."),
        product_callout(product.pk),
        paragraph("Keep the load close."),
    )
    soup = page_text(client, article.url)
    assert "Bend your knees." in soup.text and "Keep the load close." in soup.text

    article.body = body(
        paragraph("Hinge at the hips."),
        product_callout(product.pk),
        paragraph("Keep the load close."),
        paragraph("Breathe out as you lift."),
    )
    article.save_revision().publish()
    soup = page_text(client, article.url)
    assert "Bend your knees." not in soup.text
    assert "Hinge at the hips." in soup.text and "Breathe out as you lift." in soup.text
    assert len(soup.select("[data-callout]")) == 1


def test_draft_edit_stays_off_the_live_page_but_shows_in_preview(
    editor_client, article_index
):
    article = publish(
        article_index, "Sleeping positions", paragraph("Lie on your side.")
    )
    page_text(editor_client, article.url)
    article.body = body(paragraph("Try a pillow between your knees."))
    article.save_revision()
    assert "Lie on your side." in page_text(editor_client, article.url).text
    # The draft has the live page's cache key: a preview renders uncached.
    preview = article.get_latest_revision_as_object().make_preview_request()
    assert preview.status_code == 200
    assert b"Try a pillow between your knees." in preview.content
