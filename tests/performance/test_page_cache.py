"""Anonymous pages come from the cache, fresh per visitor, invalidated exactly."""

import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.http import HttpResponse
from django.template import engines
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from site_project.page_cache import store

from .conftest import feature, make_article, make_product

pytestmark = pytest.mark.django_db

BASKET_QUERY = re.compile(r'"(basket_|offer_)', re.IGNORECASE)


def cache_state(response):
    return response.headers.get("X-Page-Cache")


def mini_basket_count(response):
    match = re.search(
        rb"data-mini-basket-count>\s*(\d+)\s*<", response.content, re.IGNORECASE
    )
    assert match, "the page has no mini-basket"
    return int(match.group(1))


def test_second_anonymous_visit_is_a_hit_without_queries(client, page_cache, home_page):
    first = client.get("/")
    assert first.status_code == 200
    assert cache_state(first) == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = Client().get("/")
    assert cache_state(second) == "hit"
    assert len(queries) == 0, [q["sql"] for q in queries]
    assert second.content == first.content


def test_articles_and_index_are_cached(client, page_cache, article_index):
    make_article(article_index, "sitting-well")
    for path in ("/articles/", "/articles/sitting-well/"):
        assert cache_state(client.get(path)) == "miss"
        assert cache_state(client.get(path)) == "hit"


def test_query_string_variants_are_stored_apart(client, page_cache, article_index):
    client.get("/articles/")
    assert cache_state(client.get("/articles/?page=2")) == "miss"
    assert cache_state(client.get("/articles/?page=2")) == "hit"


def test_page_cache_off_stores_nothing(client, settings, home_page):
    settings.PAGE_CACHE_ENABLED = False
    client.get("/")
    assert cache_state(client.get("/")) is None


def test_signed_in_visitors_neither_get_nor_fill_the_cache(
    client, page_cache, home_page
):
    user = get_user_model().objects.create_user(
        "reader", "reader@example.com", "a-long-password-123"
    )
    client.get("/")  # stored for anonymous visitors
    client.force_login(user)
    signed_in = client.get("/")
    assert cache_state(signed_in) is None
    assert b"Your account" in signed_in.content
    assert b"Your account" not in Client().get("/").content


def test_a_signed_in_render_is_never_served_to_anonymous_visitors(
    client, page_cache, home_page
):
    user = get_user_model().objects.create_user(
        "editor", "editor@example.com", "a-long-password-123"
    )
    client.force_login(user)
    client.get("/")
    anonymous = Client().get("/")
    assert cache_state(anonymous) == "miss"
    assert b"Your account" not in anonymous.content


def test_visitor_with_pending_messages_gets_a_live_page(client, page_cache, home_page):
    client.get("/")
    client.cookies[CookieStorage.cookie_name] = "anything"
    assert cache_state(client.get("/")) is None


def test_errors_are_not_stored(client, page_cache, home_page):
    client.get("/articles/no-such-article/")
    assert cache_state(client.get("/articles/no-such-article/")) is None


def test_mini_basket_is_filled_in_per_visitor(page_cache, home_page):
    product = make_product()
    shopper = Client()
    added = shopper.post(
        reverse("basket:add", kwargs={"pk": product.pk}),
        {"quantity": 2, "next": "/"},
    )
    assert added.status_code == 302
    shopper.get("/")  # shows their messages: live, not stored
    stranger = Client().get("/")
    assert cache_state(stranger) == "miss"
    assert mini_basket_count(stranger) == 0
    again = shopper.get("/")
    assert cache_state(again) == "hit"
    assert mini_basket_count(again) == 2
    assert mini_basket_count(Client().get("/")) == 0


def test_anonymous_visitor_without_basket_cookie_costs_no_basket_query(
    client, home_page
):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert response.status_code == 200
    assert mini_basket_count(response) == 0
    basket_queries = [q["sql"] for q in queries if BASKET_QUERY.search(q["sql"])]
    assert basket_queries == []


def test_shopper_with_basket_cookie_sees_their_basket_on_live_pages(client, home_page):
    product = make_product()
    client.post(
        reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 3, "next": "/"}
    )
    assert mini_basket_count(client.get("/")) == 3


def test_stored_page_holds_no_csrf_token_and_each_visitor_gets_a_valid_one(
    page_cache,
):
    """The stored copy has a placeholder; each visitor's copy has a token that
    matches their own CSRF cookie."""
    from django.middleware.csrf import _does_token_match, _unmask_cipher_token

    factory = RequestFactory()
    template = engines["django"].from_string(
        '<form method="post">{% csrf_token %}</form><p>{% csrf_token %}</p>'
    )
    first = factory.get("/articles/x/")
    first.page_cache_versions = store.current_versions(["page:1"])
    first.META["CSRF_COOKIE"] = "a" * 32
    rendered = HttpResponse(template.render({}, first))
    assert store.store(first, rendered)
    entry = store.lookup(factory.get("/articles/x/"))
    stored = store.content_of(entry)
    assert "a" * 32 not in stored
    assert store.CSRF_PLACEHOLDER in stored
    assert not any(
        _unmask_cipher_token(token) == "a" * 32
        for token in store.MASKED_TOKEN.findall(stored)
    )
    second = factory.get("/articles/x/")
    html = store.personalise(second, entry).decode()
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert len(tokens) == 2
    assert all(_does_token_match(t, second.META["CSRF_COOKIE"]) for t in tokens)


def test_price_change_invalidates_exactly_the_articles_featuring_it(
    client, page_cache, article_index
):
    product = make_product(price="19.00")
    featuring = make_article(article_index, "lifting-safely")
    other = make_article(article_index, "sleeping-positions")
    feature(featuring, product)
    for path in (featuring.url, other.url, "/articles/"):
        client.get(path)
    stockrecord = product.stockrecords.get()
    with page_cache():
        stockrecord.price = Decimal("14.00")
        stockrecord.save()
    assert cache_state(client.get(featuring.url)) == "miss"
    assert cache_state(client.get(other.url)) == "hit"
    assert cache_state(client.get("/articles/")) == "hit"


def test_stock_and_public_flag_changes_invalidate_too(
    client, page_cache, article_index
):
    product = make_product()
    article = make_article(article_index, "core-basics")
    feature(article, product)
    client.get(article.url)
    with page_cache():
        stockrecord = product.stockrecords.get()
        stockrecord.num_in_stock = 0
        stockrecord.save()
    assert cache_state(client.get(article.url)) == "miss"
    with page_cache():
        product.is_public = False
        product.save()
    assert cache_state(client.get(article.url)) == "miss"


def test_product_change_invalidates_articles_featuring_its_category(
    client, page_cache, article_index
):
    from oscar.test.factories import create_product

    from shop.catalogue.models import Category, ProductCategory

    parent = Category.add_root(name="Supports")
    child = parent.add_child(name="Lumbar supports")
    product = create_product(title="Seat wedge", price=Decimal("20.00"))
    ProductCategory.objects.create(product=product, category=child)
    article = make_article(article_index, "desk-setup")
    feature(article, parent)
    category_path = child.get_absolute_url()
    parent_path = parent.get_absolute_url()
    for path in (article.url, category_path, parent_path):
        client.get(path)
        assert cache_state(client.get(path)) == "hit", path
    with page_cache():
        product.stockrecords.update(price=Decimal("22.00"))
        product.stockrecords.get().save()
    for path in (article.url, category_path, parent_path):
        assert cache_state(client.get(path)) == "miss", path


def test_category_page_is_cached_and_follows_its_products(
    client, page_cache, home_page
):
    from shop.catalogue.models import Category, ProductCategory

    category = Category.add_root(name="Massage")
    other = Category.add_root(name="Heat packs")
    product = make_product(title="Massage ball", price="9.00")
    ProductCategory.objects.create(product=product, category=category)
    for path in (category.get_absolute_url(), other.get_absolute_url()):
        assert cache_state(client.get(path)) == "miss"
    with page_cache():
        product.stockrecords.update(price=Decimal("7.00"))
        product.stockrecords.get().save()
    assert cache_state(client.get(category.get_absolute_url())) == "miss"
    assert cache_state(client.get(other.get_absolute_url())) == "hit"


def test_publishing_invalidates_the_page_its_index_and_home(
    client, page_cache, home_page, article_index
):
    article = make_article(article_index, "stretching")
    bystander = make_article(article_index, "walking")
    paths = ["/", "/articles/", article.url, bystander.url]
    for path in paths:
        client.get(path)
    with page_cache():
        article.title = "Stretching, revised"
        article.save_revision().publish()
    assert [cache_state(client.get(path)) for path in paths] == [
        "miss",
        "miss",
        "miss",
        "hit",
    ]
    with page_cache():
        article.unpublish()
    assert client.get(article.url).status_code == 404
    assert cache_state(client.get("/articles/")) == "miss"


def test_category_edit_empties_the_whole_page_cache(client, page_cache, home_page):
    from shop.catalogue.models import Category

    client.get("/")
    with page_cache():
        Category.add_root(name="New in")
    response = client.get("/")
    assert cache_state(response) == "miss"
    assert b"New in" in response.content


def test_healthz_is_the_trivial_baseline(client, db):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert len(queries) == 0


@pytest.fixture
def basket_middleware_runs(monkeypatch):
    """How many requests went through Oscar's basket middleware (it asks its
    module's strategy selector once per request)."""
    from oscar.apps.basket import middleware

    calls = []
    strategy = middleware.selector.strategy

    def counted(*args, **kwargs):
        calls.append(1)
        return strategy(*args, **kwargs)

    monkeypatch.setattr(middleware.selector, "strategy", counted)
    return calls


def test_first_visit_hit_skips_session_auth_and_basket_middleware(
    page_cache, home_page, basket_middleware_runs
):
    Client().get("/")
    basket_middleware_runs.clear()
    visitor = Client()
    response = visitor.get("/")
    assert cache_state(response) == "hit"
    assert basket_middleware_runs == []
    assert "sessionid" not in response.cookies
    assert "Cookie" not in response.headers.get("Vary", "")


def test_first_visit_hit_has_every_header_a_rendered_page_has(page_cache, home_page):
    """The CSRF cookie matches the page's tokens, the CSP nonce matches the
    page's scripts, and the outer middleware's headers are all there."""
    from django.middleware.csrf import _does_token_match

    from shop.catalogue.models import Category, ProductCategory

    category = Category.add_root(name="Massage")
    product = make_product(title="Massage ball", price="9.00")
    ProductCategory.objects.create(product=product, category=category)
    path = category.get_absolute_url()
    rendered = Client().get(path)
    response = Client().get(path)
    assert cache_state(response) == "hit"
    for header in ("X-Frame-Options", "Content-Type", "Referrer-Policy"):
        assert response.headers.get(header) == rendered.headers.get(header), header
    html = response.content.decode()
    nonces = set(re.findall(r'nonce="([^"]+)"', html))
    assert len(nonces) == 1
    nonce = nonces.pop()
    assert nonce not in rendered.content.decode()
    assert f"'nonce-{nonce}'" in response.headers["Content-Security-Policy"]
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    secret = response.cookies["csrftoken"].value
    assert tokens
    assert all(_does_token_match(token, secret) for token in tokens)


def test_visitor_with_a_session_but_no_login_still_gets_stored_pages(
    page_cache, home_page, basket_middleware_runs
):
    """A session without a user or messages (say, after a basket was emptied)
    is served from the cache by the later middleware, through the basket."""
    from django.contrib.sessions.backends.db import SessionStore

    Client().get("/")
    session = SessionStore()
    session["seen"] = True
    session.save()
    visitor = Client()
    visitor.cookies["sessionid"] = session.session_key
    basket_middleware_runs.clear()
    response = visitor.get("/")
    assert cache_state(response) == "hit"
    assert basket_middleware_runs == [1]


def test_a_miss_is_looked_up_once(page_cache, home_page, monkeypatch):
    lookups = []
    lookup = store.lookup

    def counted(request):
        lookups.append(request.path)
        return lookup(request)

    monkeypatch.setattr(store, "lookup", counted)
    assert cache_state(Client().get("/")) == "miss"
    assert lookups == ["/"]


def test_entries_of_another_storage_format_are_never_read(page_cache, home_page):
    """A release that stored pages differently (say, the one before pages
    were kept as pieces) shares the cache during a deploy: its entries live
    under other keys, so neither release reads what it cannot serve."""
    from django.core.cache import cache

    request = RequestFactory().get("/")
    old_key = store.entry_key(request).replace(f":{store.ENTRY_FORMAT}:", ":")
    cache.set(old_key, {"versions": {}, "content": "<p>old format</p>"})
    response = Client().get("/")
    assert cache_state(response) == "miss"
    assert b"old format" not in response.content
