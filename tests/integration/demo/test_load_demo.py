"""`manage.py load_demo`: what `make run` shows a new user."""

import io
import json
import re
import shutil

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex, Revision

from blog.models import ArticlePage, Author, HomePage, Topic
from blog.reports import review_due_rows
from demo.images import draw_article_image
from demo.pages import ARTICLES_DIR
from demo.products import PRODUCTS
from shop.catalogue.models import Category, Product, ProductImage
from shop.partner.models import StockRecord
from tests.conftest import ensure_site_tree

pytestmark = pytest.mark.django_db

ARTICLE_FILES = sorted(ARTICLES_DIR.glob("*.md"))
SHORTCODE_RE = re.compile(r"^\[(?:product|products|product_category) .*\]$", re.M)
IMAGE_RE = re.compile(r"images/([\w-]+)\.png")
CALLOUT_TYPES = {"product_callout", "product_grid", "category_callout"}

COUNTED = (
    Product,
    StockRecord,
    ProductImage,
    Category,
    ArticlePage,
    Page,
    Author,
    Topic,
    Revision,
    ReferenceIndex,
    Group,
)


def counts():
    counts = {model.__name__: model.objects.count() for model in COUNTED}
    counts["Image"] = get_image_model().objects.count()
    return counts


@pytest.fixture
def demo(db):
    ensure_site_tree()
    output = io.StringIO()
    call_command("load_demo", stdout=output)
    return output.getvalue()


def test_load_demo_twice_changes_nothing(demo):
    first = counts()
    call_command("load_demo", stdout=io.StringIO())
    assert counts() == first
    assert first["Product"] == len(PRODUCTS) >= 16
    assert first["Category"] >= 4
    assert first["ArticlePage"] == len(ARTICLE_FILES) >= 6
    assert first["StockRecord"] == len(PRODUCTS)


def test_every_product_has_a_drawn_image_and_every_callout_state_exists(demo):
    products = Product.objects.prefetch_related("images")
    assert all(product.images.all() for product in products)
    records = StockRecord.objects.all()
    assert any(r.num_in_stock == 0 for r in records)
    assert any(r.was_price and r.was_price > r.price for r in records)
    assert Product.objects.filter(is_public=False).exists()
    for product in Product.objects.all():
        assert product.categories.exists(), product.title
        assert product.attribute_values.exists(), product.title


def test_every_demo_article_renders_with_its_callouts(client, demo):
    articles = ArticlePage.objects.live().public()
    assert articles.count() == len(ARTICLE_FILES)
    assert not ArticlePage.objects.filter(has_unpublished_changes=True).exists()
    for article in articles:
        assert article.author and article.author.bio
        assert article.reviewer and article.reviewer.credentials
        assert article.last_reviewed and article.references
        assert article.topics.exists() and article.tags.exists()
        assert article.hero_image is not None and article.hero_alt
        source = (ARTICLES_DIR / f"{article.slug}.md").read_text()
        callouts = [b for b in article.body if b.block_type in CALLOUT_TYPES]
        assert len(callouts) == len(SHORTCODE_RE.findall(source)) >= 1, article.slug
        images = [b.value for b in article.body if b.block_type == "image"]
        assert images, article.slug
        assert all(image["image"] and image["alt_text"] for image in images)
        response = client.get(article.url)
        assert response.status_code == 200, article.url
        assert response.content.count(b"data-callout=") >= len(callouts), article.url
        assert b"data-product-id=" in response.content, article.url
        for image in images:
            assert f'alt="{image["alt_text"]}"'.encode() in response.content


def test_every_demo_markdown_file_imports_without_warnings(demo, tmp_path):
    """What the importer reports for each demo file, on a dry run with the
    illustrations the files name drawn beside them."""
    assert "warning" not in demo.lower()
    for path in ARTICLE_FILES:
        shutil.copy(path, tmp_path)
        images = tmp_path / "images"
        images.mkdir(exist_ok=True)
        for motif in IMAGE_RE.findall(path.read_text()):
            (images / f"{motif}.png").write_bytes(draw_article_image(motif))
    output = io.StringIO()
    call_command("import_articles", tmp_path, dry_run=True, json=True, stdout=output)
    reports = json.loads(output.getvalue())
    assert sorted(r["file"] for r in reports) == [p.name for p in ARTICLE_FILES]
    for report in reports:
        assert report["warnings"] == [], report["file"]
        source = (ARTICLES_DIR / report["file"]).read_text()
        types = [block["type"] for block in report["blocks"]]
        assert len([t for t in types if t in CALLOUT_TYPES]) == len(
            SHORTCODE_RE.findall(source)
        )
        assert {"heading", "paragraph", "note", "image"} <= set(types)


def test_home_page_features_articles_and_products(client, demo):
    home = HomePage.objects.get()
    assert home.featured_articles.count() == 3
    response = client.get("/")
    assert response.status_code == 200
    for item in home.featured_articles.all():
        assert item.article.url.encode() in response.content
    assert b"data-product-id=" in response.content


def test_callouts_are_in_the_reference_index_and_staff_groups_exist(demo):
    from django.contrib.auth import get_user_model

    product_ids = {
        int(object_id)
        for object_id in ReferenceIndex.objects.filter(
            base_content_type__model="page",
            to_content_type__model="product",
        ).values_list("to_object_id", flat=True)
    }
    assert len(product_ids) >= 10
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Editors", "Catalogue managers"} <= names
    assert not get_user_model().objects.exists()


def test_demo_articles_cite_real_guidance_and_two_are_due_for_review(client, demo):

    for article in ArticlePage.objects.live():
        urls = [reference.value["url"] for reference in article.references]
        assert "https://www.nice.org.uk/guidance/ng59" in urls, article.slug
        assert not any(r.value["doi"] or r.value["pmid"] for r in article.references)
        html = client.get(article.url).content.decode()
        assert 'id="ref-1"' in html and "data-disclosure" in html, article.slug
    due = {row.page_title: row.state for row in review_due_rows()}
    assert len(due) == 2
    assert sorted(state.split()[0] for state in due.values()) == ["Due", "Overdue"]
