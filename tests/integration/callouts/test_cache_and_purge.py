"""Pages any HTTP cache can hold, and exact purges when what they show changes."""

from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import PageViewRestriction

from shop.catalogue.models import ProductCategory
from tests import purge_recorder
from tests.factories_shop import make_category, make_product

from .conftest import category_callout, paragraph, product_callout

pytestmark = pytest.mark.django_db


@pytest.fixture
def purged(settings):
    settings.WAGTAILFRONTENDCACHE = {
        "test": {"BACKEND": "tests.purge_recorder.RecordingBackend"}
    }
    purge_recorder.PURGED.clear()

    def paths():
        found = {urlsplit(url).path for url in purge_recorder.PURGED}
        purge_recorder.PURGED.clear()
        return found

    return paths


def test_anonymous_article_is_public_and_the_same_for_everyone(make_article):
    product = make_product(title="Foam roller")
    article = make_article(paragraph("Roll."), product_callout(product.pk))
    first, second = Client().get(article.url), Client().get(article.url)
    assert first.content == second.content
    cache_control = first["Cache-Control"]
    assert "public" in cache_control and "s-maxage=" in cache_control
    assert "stale-while-revalidate=" in cache_control
    assert not first.cookies
    html = first.content.decode()
    assert "csrfmiddlewaretoken" not in html and "nonce" not in html
    assert "nonce-" not in first["Content-Security-Policy"]


@pytest.mark.parametrize("path", ["/shop/basket/", "/shop/checkout/", "/visitor/"])
def test_personal_pages_are_private(path, home_page):
    assert "no-store" in Client().get(path)["Cache-Control"]


def test_signed_in_pages_are_private(make_article, django_user_model):
    article = make_article(paragraph("Hello."))
    client = Client()
    client.force_login(django_user_model.objects.create_user("reader", "r@x.invalid"))
    cache_control = client.get(article.url)["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control


def test_restricted_page_is_never_public(make_article, django_user_model):
    article = make_article(paragraph("Members only."))
    PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.LOGIN
    )
    response = Client().get(article.url)
    assert response.status_code == 302
    assert "public" not in response["Cache-Control"]
    member = Client()
    member.force_login(django_user_model.objects.create_user("m", "m@x.invalid"))
    response = member.get(article.url)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]


def test_visitor_endpoint_gives_the_personal_parts(home_page):
    visitor = Client().get("/visitor/").json()
    assert visitor["csrf_token"]
    assert visitor["signed_in"] is False
    basket = {"num_items": 0, "total": "£0.00", "url": "/shop/basket/"}
    assert visitor["basket"] == basket
    assert visitor["messages"] == []


def test_price_change_purges_exactly_the_pages_that_show_the_product(
    make_article, purged
):
    category = make_category("Rollers")
    product = make_product(title="Foam roller")
    ProductCategory.objects.create(product=product, category=category)
    bystander = make_product(title="Heat pad")
    article = make_article(paragraph("Roll."), product_callout(product.pk))
    other = make_article(paragraph("Heat."), product_callout(bystander.pk))
    purged()
    stockrecord = product.stockrecords.get()
    stockrecord.price = Decimal("19.50")
    stockrecord.save()
    paths = purged()
    assert {
        article.url,
        product.get_absolute_url(),
        category.get_absolute_url(),
        "/shop/catalogue/",
        "/search/",
    } <= paths
    assert other.url not in paths
    assert bystander.get_absolute_url() not in paths


def test_category_callout_page_is_purged_when_a_product_in_it_changes(
    make_article, purged
):
    category = make_category("Heat and cold", parent=make_category("Therapy"))
    product = make_product(title="Ice pack")
    ProductCategory.objects.create(product=product, category=category)
    article = make_article(category_callout(category.pk))
    purged()
    product.stockrecords.update(num_in_stock=0)
    product.title = "Ice pack, large"
    product.save()
    assert article.url in purged()


def test_publishing_purges_the_page_its_index_and_the_products_it_features(
    make_article, article_index, purged
):
    product = make_product(title="Seat wedge")
    article = make_article(paragraph("Sit."), product_callout(product.pk))
    purged()
    article.save_revision().publish()
    paths = purged()
    assert {article.url, article_index.url, "/", product.get_absolute_url()} <= paths
    assert {f"{article_index.url}feed/", "/sitemap.xml"} <= paths


def test_making_a_page_private_purges_it(make_article, purged):
    article = make_article(paragraph("Soon private."))
    purged()
    restriction = PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Members"))
    assert article.url in purged()


def test_unrelated_product_change_purges_no_article(make_article, purged):
    article = make_article(paragraph("Nothing sold here."))
    product = make_product(title="Massage ball")
    purged()
    product.title = "Massage ball, firm"
    product.save()
    assert article.url not in purged()


def test_editing_a_snippet_purges_the_pages_that_show_it(make_article, purged):
    from blog.models import Author

    author = Author.objects.create(name="Sam Physio")
    article = make_article(paragraph("By Sam."))
    article.author = author
    article.save_revision().publish()
    bystander = make_article(paragraph("By nobody."))
    purged()
    author.role = "Physiotherapist"
    author.save()
    paths = purged()
    assert article.url in paths
    assert bystander.url not in paths


def test_deleting_a_live_page_purges_it_and_its_index(
    make_article, article_index, purged
):
    article = make_article(paragraph("Going."))
    url = article.url
    purged()
    article.delete()
    assert {url, article_index.url} <= purged()


def test_product_page_is_public_and_sets_no_cookie(home_page):
    product = make_product(title="Posture cushion")
    response = Client().get(product.get_absolute_url())
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    assert not response.cookies
