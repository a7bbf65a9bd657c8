"""`bench/scale.py`: bulk data for benchmarks, at a small size."""

import pytest
from wagtail.models import Page, ReferenceIndex
from wagtail.search.backends import get_search_backend

from bench.scale import load_scale_data
from blog.models import ArticleIndexPage, ArticlePage
from shop.catalogue.models import Product, ProductImage
from shop.partner.models import StockRecord
from tests.conftest import ensure_site_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(db):
    return ensure_site_tree()[1]


def load(products, articles, callouts=10):
    return load_scale_data(products, articles, callouts)


def test_scale_data_builds_a_valid_tree_of_live_articles(client, index):
    created, pages, _ = load(products=30, articles=5, callouts=10)
    assert (len(created), len(pages)) == (30, 5)
    assert Product.objects.count() == 30
    assert StockRecord.objects.count() == 30
    assert ProductImage.objects.count() == 30
    assert Product.objects.filter(categories__isnull=True).count() == 0
    articles = ArticlePage.objects.live().child_of(index)
    assert articles.count() == 5
    # treebeard's own consistency check: paths, depths and numchild agree.
    assert Page.find_problems() == ([], [], [], [], [])
    assert ArticleIndexPage.objects.get(pk=index.pk).numchild == 5
    for article in articles:
        response = client.get(article.url)
        assert response.status_code == 200
        assert response.content.count(b'data-callout="') == 10


def test_scale_articles_are_indexed_for_references_and_search(index):
    load(products=30, articles=5, callouts=10)
    article = ArticlePage.objects.child_of(index).first()

    def stored():
        return set(
            ReferenceIndex.objects.filter(
                object_id=str(article.pk), base_content_type__model="page"
            ).values_list(
                "id", "to_content_type_id", "to_object_id", "model_path", "content_path"
            )
        )

    before = stored()
    assert any(row[3].startswith("body.product") for row in before)
    # Exactly what Wagtail records saving the article itself: indexing it
    # again adds and removes no row.
    ReferenceIndex.create_or_update_for_object(article)
    assert stored() == before
    results = get_search_backend().search(article.title, ArticlePage)
    assert article.pk in [r.pk for r in results]
    product = Product.objects.first()
    assert product.pk in [
        r.pk for r in get_search_backend().search(product.title, Product)
    ]


def test_running_twice_adds_more_instead_of_failing(index):
    load(products=6, articles=2, callouts=3)
    load(products=6, articles=2, callouts=3)
    assert Product.objects.count() == 12
    assert ArticlePage.objects.child_of(index).count() == 4
    assert Page.find_problems() == ([], [], [], [], [])


def test_rejects_nonsense_sizes(index):
    with pytest.raises(ValueError):
        load(products=-1, articles=0)
    with pytest.raises(ValueError):
        load(products=1, articles=2, callouts=3)
