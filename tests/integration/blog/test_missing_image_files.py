"""Pages still render when an image's original file is gone from storage
(a database restored without its media): the image is left out, not a 500
and not a broken <img>."""

import logging

import pytest
from bs4 import BeautifulSoup

from blog.models import HomePage, HomePageFeaturedArticle
from tests.factories_blog import (
    ArticlePageFactory,
    AuthorFactory,
    ImageFactory,
    TopicFactory,
    body_json,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_cached_renditions():
    """Wagtail caches renditions by image id, and ids come round again from
    one test to the next: an earlier test's renditions would stand in."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


def lose_file(image):
    """Delete the original from storage, as a restore without media would."""
    image.file.storage.delete(image.file.name)
    assert not image.file.storage.exists(image.file.name)
    return image


def images_in(response):
    """The <img> and <source> tags of uploaded images (not the static logo)."""
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [
        tag
        for tag in soup.find_all(["img", "source"])
        if "/static/" not in (tag.get("src") or tag.get("srcset") or "")
    ]


def test_article_with_missing_hero_renders_without_it(client, article_index, caplog):
    image = lose_file(ImageFactory(title="Gone hero"))
    article = ArticlePageFactory(
        parent=article_index, hero_image=image, hero_alt="A stretch on a mat"
    )
    with caplog.at_level(logging.WARNING):
        response = client.get(article.url)
    content = response.content.decode()
    assert response.status_code == 200
    assert images_in(response) == []
    assert "not-found" not in content
    assert "A stretch on a mat" not in content
    assert 'class="article__hero"' not in content
    assert 'property="og:image"' not in content
    assert f"image {image.pk} " in caplog.text


def test_home_with_missing_hero_renders_without_it(client, home_page):
    home = HomePage.objects.get(pk=home_page.pk)
    home.hero_image = lose_file(ImageFactory(title="Gone home hero"))
    home.hero_alt = "A sunny walk"
    home.save()
    response = client.get(home.url)
    content = response.content.decode()
    assert response.status_code == 200
    assert images_in(response) == []
    assert "A sunny walk" not in content
    assert "home-hero--with-image" not in content


def test_image_block_with_missing_file_renders_nothing(client, article_index):
    kept = ImageFactory(title="Still here")
    gone = lose_file(ImageFactory(title="Gone block image"))
    article = ArticlePageFactory(
        parent=article_index,
        body=body_json(
            (
                "image",
                {"image": gone.pk, "alt_text": "A lost roller", "caption": "Lost"},
            ),
            ("image", {"image": kept.pk, "alt_text": "A kept roller", "caption": ""}),
        ),
    )
    response = client.get(article.url)
    content = response.content.decode()
    assert response.status_code == 200
    assert "A lost roller" not in content
    assert "Lost</figcaption>" not in content
    assert "not-found" not in content
    assert content.count('class="block-image"') == 1
    assert 'alt="A kept roller"' in content


def test_article_cards_with_missing_hero_render_without_image(
    client, article_index, home_page, caplog
):
    gone = lose_file(ImageFactory(title="Gone card image"))
    topic = TopicFactory()
    article = ArticlePageFactory(
        parent=article_index,
        title="A card without its picture",
        hero_image=gone,
        topics=[topic],
    )
    HomePageFeaturedArticle.objects.create(page=home_page, article=article)
    # Related articles on another article show the same card.
    neighbour = ArticlePageFactory(parent=article_index, topics=[topic])

    for url in (article_index.url, home_page.url, neighbour.url):
        with caplog.at_level(logging.WARNING):
            response = client.get(url)
        content = response.content.decode()
        assert response.status_code == 200, url
        assert "A card without its picture" in content, url
        assert "article-card__image" not in content, url
        assert "not-found" not in content, url
        assert images_in(response) == [], url
    assert f"image {gone.pk} " in caplog.text


def test_author_photo_missing_renders_the_box_without_it(client, article_index):
    author = AuthorFactory(name="Pat Lost", photo=lose_file(ImageFactory()))
    article = ArticlePageFactory(parent=article_index, author=author)
    response = client.get(article.url)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Pat Lost" in content
    assert "author-box__photo" not in content
    assert "not-found" not in content
