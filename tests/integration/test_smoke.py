"""The URL map in DESIGN.md answers, on both sides of the site."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_page_is_wagtail_and_shows_mini_basket(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    assert response.context["page"].specific.__class__.__name__ == "HomePage"
    assert b"data-mini-basket" in response.content


def test_article_index_answers(client, article_index):
    response = client.get("/articles/")
    assert response.status_code == 200
    assert response.context["page"].pk == article_index.pk


def test_shop_root_redirects_to_catalogue(client, home_page):
    response = client.get("/shop/")
    assert response.status_code == 302
    assert response["Location"] == "/shop/catalogue/"


def test_oscar_page_uses_shared_base_with_mini_basket(client, home_page):
    response = client.get(reverse("catalogue:index"))
    assert response.status_code == 200
    templates = [t.name for t in response.templates]
    assert "base.html" in templates
    assert "oscar/layout.html" in templates
    assert b"data-mini-basket" in response.content
    assert b'class="skip-link"' in response.content


def test_cms_login_answers(client):
    assert client.get("/cms/login/").status_code == 200


def test_dashboard_sends_anonymous_users_to_login(client):
    response = client.get("/shop/dashboard/")
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_django_admin_sends_anonymous_users_to_login(client):
    response = client.get("/django-admin/")
    assert response.status_code == 302
    assert "/django-admin/login/" in response["Location"]


def test_sitemap_lists_pages(client, article_index):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    assert b"/articles/" in response.content


def test_robots_txt_points_at_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert b"Sitemap: http://testserver/sitemap.xml" in response.content
    assert b"Disallow: /cms/" in response.content


def test_mini_basket_counts_items_on_wagtail_and_oscar_pages(client, home_page):
    from oscar.test.factories import create_product

    product = create_product(price=12, num_in_stock=5)
    response = client.post(
        reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 2}
    )
    assert response.status_code == 302
    # Public pages leave the count to site.js, which reads /visitor/.
    for url in ("/", reverse("catalogue:index")):
        assert b"data-mini-basket-count></span>" in client.get(url).content, url
    assert client.get("/visitor/").json()["basket"]["num_items"] == 2
    basket_page = client.get(reverse("basket:summary"))
    assert b"data-mini-basket-count>2<" in basket_page.content


class AssetCollector(HTMLParser):
    """Collects the URLs a browser would fetch to render a page."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in {"script", "img", "iframe", "source"} and attrs.get("src"):
            self.urls.append(attrs["src"])
        if tag == "link" and attrs.get("rel") in {"stylesheet", "icon", "preload"}:
            self.urls.append(attrs.get("href", ""))


def test_no_asset_comes_from_another_host(client, home_page):
    """Scripts, styles and images are served by the site itself (no CDN)."""
    for url in (
        "/",
        reverse("catalogue:index"),
        "/cms/login/",
        reverse("basket:summary"),
    ):
        collector = AssetCollector()
        collector.feed(client.get(url).content.decode())
        assert collector.urls, url
        foreign = [u for u in collector.urls if u.startswith(("http:", "https:", "//"))]
        assert not foreign, (url, foreign)
