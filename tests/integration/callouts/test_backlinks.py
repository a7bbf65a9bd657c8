"""Back links: articles featuring a product, the dashboard, and the report."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from blog.models import HomePage
from blog.reports import callout_problems
from shop.catalogue.models import Product
from tests.factories_shop import make_product

from .conftest import body, product_callout, product_grid

pytestmark = pytest.mark.django_db


def render_featured_in(product):
    template = Template("{% load shop_featured %}{% featured_in product %}")
    request = RequestFactory().get("/")
    return template.render(Context({"product": product, "request": request}))


def test_featured_in_lists_only_live_articles(make_article, article_index):
    product = make_product()
    other = make_product()
    live = make_article(product_callout(product.pk), title="Sitting well")
    in_grid = make_article(product_grid([other.pk, product.pk]), title="Desk setup")
    make_article(product_callout(product.pk), title="Draft piece", live=False)
    unpublished = make_article(product_callout(product.pk), title="Withdrawn")
    unpublished.unpublish()
    make_article(product_callout(other.pk), title="Other product")

    html = render_featured_in(product)
    soup = BeautifulSoup(html, "html.parser")
    titles = [a.text for a in soup.select("[data-featured-in] a")]
    assert sorted(titles) == ["Desk setup", "Sitting well"]
    assert soup.select_one(f'a[href="{live.url}"]')
    assert soup.select_one(f'a[href="{in_grid.url}"]')


def test_featured_in_is_empty_for_unfeatured_product():
    assert "Featured in" not in render_featured_in(make_product())


def test_featured_in_ignores_the_home_page(home_page):
    product = make_product()
    home = HomePage.objects.get(pk=home_page.pk)
    home.featured_products = body(product_callout(product.pk))
    home.save_revision().publish()
    assert "Featured in" not in render_featured_in(product)


def test_article_draft_edit_updates_featured_in_only_when_published(make_article):
    product = make_product()
    article = make_article(product_callout(product.pk), title="Core basics")
    assert "Core basics" in render_featured_in(product)
    replacement = make_product()
    article.body = body(product_callout(replacement.pk))
    article.save_revision().publish()
    assert "Core basics" not in render_featured_in(product)
    assert "Core basics" in render_featured_in(replacement)


def test_dashboard_product_page_shows_usage(editor_client, make_article):
    product = make_product()
    make_article(product_callout(product.pk), title="Sleep and back pain")
    make_article(product_callout(product.pk), title="Unfinished", live=False)
    response = editor_client.get(f"/shop/dashboard/catalogue/products/{product.pk}/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    usage = soup.select_one("[data-product-usage]")
    assert usage["data-product-usage"] == "2"
    assert "Used in 2 articles" in usage.text
    assert "Sleep and back pain" in usage.text and "(draft)" in usage.text
    assert soup.select_one("form#create_update_product_form")


def test_dashboard_delete_confirmation_names_articles(editor_client, make_article):
    product = make_product()
    make_article(product_callout(product.pk), title="Lifting safely")
    url = f"/shop/dashboard/catalogue/products/{product.pk}/delete/"
    page = editor_client.get(url)
    soup = BeautifulSoup(page.content, "html.parser")
    assert "Used in 1 article" in soup.select_one("[data-product-usage]").text
    assert "Lifting safely" in soup.select_one("[data-product-usage]").text
    assert soup.select_one("form#delete_product_form")
    editor_client.post(url, {})
    assert not Product.objects.filter(pk=product.pk).exists()


def test_unfeatured_product_dashboard_has_no_usage(editor_client):
    product = make_product()
    page = editor_client.get(f"/shop/dashboard/catalogue/products/{product.pk}/")
    assert b"data-product-usage" not in page.content


def test_report_lists_pages_with_unavailable_products(editor_client, make_article):
    fine = make_product(title="Fine roller")
    sold_out = make_product(title="Sold out belt", num_in_stock=0)
    hidden = make_product(title="Hidden wedge", is_public=False)
    deleted = make_product(title="Deleted mat")
    deleted_pk = deleted.pk
    make_article(product_callout(fine.pk), title="All good")
    make_article(product_callout(sold_out.pk), title="Needs restock")
    make_article(product_grid([fine.pk, hidden.pk]), title="Has hidden")
    gone = make_article(product_callout(deleted.pk), title="Lost product")
    deleted.delete()

    problems = {(p.page_title, p.problem) for p in callout_problems()}
    assert problems == {
        ("Needs restock", "Out of stock"),
        ("Has hidden", "Not public"),
        ("Lost product", "Deleted"),
    }

    response = editor_client.get("/cms/reports/product-callouts/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    text = soup.text
    assert "Needs restock" in text and "Sold out belt" in text
    assert f"Product #{deleted_pk}" in text
    assert "All good" not in text
    assert soup.select_one(f'a[href="/cms/pages/{gone.pk}/edit/"]')
    assert soup.select_one(
        f'a[href="/shop/dashboard/catalogue/products/{sold_out.pk}/"]'
    )


def test_report_query_count_is_fixed(editor_client, make_article):
    for _index in range(2):
        make_article(product_callout(make_product(num_in_stock=0).pk))
    editor_client.get("/cms/reports/product-callouts/")
    with CaptureQueriesContext(connection) as few:
        editor_client.get("/cms/reports/product-callouts/")
    for _index in range(8):
        make_article(product_callout(make_product(num_in_stock=0).pk))
    editor_client.get("/cms/reports/product-callouts/")
    with CaptureQueriesContext(connection) as many:
        editor_client.get("/cms/reports/product-callouts/")
    assert len(many.captured_queries) == len(few.captured_queries)


def test_report_needs_page_permissions(client, django_user_model):
    user = django_user_model.objects.create_user(
        username="shopper", email="s@example.com", password="pw"
    )
    client.force_login(user)
    response = client.get("/cms/reports/product-callouts/")
    assert response.status_code in {302, 403}


def test_product_page_shows_featured_in_live_articles(client, make_article):
    product = make_product(title="Standing desk mat")
    make_article(product_callout(product.pk), title="Standing at work")
    make_article(product_callout(product.pk), title="Still a draft", live=False)
    response = client.get(product.get_absolute_url())
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    featured = soup.select_one("[data-featured-in]")
    assert featured is not None
    assert [a.text for a in featured.select("a")] == ["Standing at work"]


def featured_titles(client, product):
    response = client.get(product.get_absolute_url())
    soup = BeautifulSoup(response.content, "html.parser")
    return sorted(a.text for a in soup.select("[data-featured-in] a"))


def test_product_page_featured_in_follows_publishing_despite_its_cache(
    client, make_article
):
    """The product page caches its "featured in" list; publishing, editing,
    unpublishing and deleting an article each show on the next render."""
    product = make_product()
    assert featured_titles(client, product) == []
    article = make_article(product_callout(product.pk), title="Core basics")
    assert featured_titles(client, product) == ["Core basics"]
    article.title = "Core basics, revised"
    article.save_revision().publish()
    assert featured_titles(client, product) == ["Core basics, revised"]
    draft = article.get_latest_revision_as_object()
    draft.body = body(product_callout(make_product().pk))
    draft.save_revision().publish()
    assert featured_titles(client, product) == []
    other = make_article(product_callout(product.pk), title="Desk setup")
    assert featured_titles(client, product) == ["Desk setup"]
    other.unpublish()
    assert featured_titles(client, product) == []
    other.save_revision().publish()
    assert featured_titles(client, product) == ["Desk setup"]
    other.delete()
    assert featured_titles(client, product) == []
