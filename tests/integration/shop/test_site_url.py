"""Finding 6 (issue 17): the sites framework's Site is set from SITE_URL, so
password-reset links and the sitemap's shop URLs name the public address;
`check --deploy` refuses a placeholder."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.sites.models import Site
from django.core import mail
from django.core.checks import run_checks

from shop.site_url import sync_site_with_site_url
from tests.factories_shop import make_product

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def customer(home_page):
    return get_user_model().objects.create_user(
        "ada", email="ada@example.com", password="a-long-pass-phrase-42"
    )


def reset_link(client):
    response = client.post("/shop/password-reset/", {"email": "ada@example.com"})
    assert response.status_code == 302
    [email] = mail.outbox
    [link] = re.findall(r"\S+/password-reset/confirm/\S+", email.body)
    return link


@pytest.fixture
def public_https_address(settings):
    """What production sets: SITE_URL, and the Site set from it on migrate."""
    settings.SITE_URL = "https://shop.backbone.test"
    settings.OSCAR_URL_SCHEMA = "https"
    sync_site_with_site_url(apps.get_app_config("sites"))
    yield settings.SITE_URL
    Site.objects.clear_cache()


def test_migrate_sets_the_site_from_site_url(settings):
    site = Site.objects.get(pk=settings.SITE_ID)
    assert (site.domain, site.name) == ("testserver", "testserver")


def test_reset_email_links_to_site_url(client, customer, settings):
    link = reset_link(client)
    assert link.startswith(f"{settings.SITE_URL}/shop/password-reset/confirm/")
    assert "example.com" not in mail.outbox[0].body


def test_reset_email_links_over_https_when_site_url_is_https(
    client, customer, public_https_address
):
    link = reset_link(client)
    assert link.startswith("https://shop.backbone.test/shop/password-reset/confirm/")
    # The link works on the site it names.
    path = link.removeprefix("https://shop.backbone.test")
    assert client.get(path, follow=True).status_code == 200


def sitemap_locations(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return [loc.text for loc in root.findall("s:url/s:loc", SITEMAP_NS)]


def test_sitemap_shop_urls_name_site_url(client, home_page, public_https_address):
    product = make_product(title="Lumbar roll")
    locations = sitemap_locations(client)
    assert f"https://shop.backbone.test{product.get_absolute_url()}" in locations
    shop_urls = [url for url in locations if "/shop/" in url]
    assert shop_urls
    assert all(url.startswith("https://shop.backbone.test/") for url in shop_urls)


def deploy_errors(databases=None):
    return [
        problem.id
        for problem in run_checks(include_deployment_checks=True, databases=databases)
        if problem.id.startswith("shop.")
    ]


@pytest.mark.parametrize(
    "site_url, expected",
    [
        ("", ["shop.E001"]),
        ("backbone.example", ["shop.E001"]),
        ("http://example.com", ["shop.E002"]),
        ("https://127.0.0.1:8000", ["shop.E002"]),
        ("http://backbone.example", ["shop.W001"]),
        ("https://backbone.example", []),
    ],
)
def test_deploy_check_refuses_a_placeholder_site_url(settings, site_url, expected):
    settings.SITE_URL = site_url
    assert deploy_errors() == expected


def test_deploy_check_refuses_a_site_still_at_example_com(settings):
    settings.SITE_URL = "https://backbone.example"
    Site.objects.filter(pk=settings.SITE_ID).update(domain="example.com")
    assert deploy_errors(databases=["default"]) == ["shop.E003"]
    sync_site_with_site_url(apps.get_app_config("sites"))
    assert deploy_errors(databases=["default"]) == []
