"""A guest follows the order-status link in the confirmation email: it names
this site, asks for the email address ordered with, then shows the order; a
tampered link or a wrong address shows nothing and never errors."""

import re
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.test import Client
from django.urls import reverse

from shop.order.models import Order
from tests.factories_shop import make_product
from tests.integration.shop.helpers import guest_checkout

pytestmark = pytest.mark.django_db

HOST = "shop.backbone.test"


@pytest.fixture
def placed_order(client):
    client.defaults["HTTP_HOST"] = HOST
    product = make_product(title="Lumbar wedge & strap", price="22.00")
    guest_checkout(client, product, payment="bank-transfer")
    return Order.objects.get()


def status_links(email):
    text = re.findall(r"Follow your order at (\S+)", email.body)
    soup = BeautifulSoup(email.alternatives[0][0], "html.parser")
    html = [a["href"] for a in soup.find_all("a", string=re.compile("Follow your"))]
    return text, html


def follow(url, email_address="ada@example.com"):
    """A new browser (no session) opens the link and gives its address."""
    browser = Client(HTTP_HOST=HOST)
    path = urlsplit(url).path
    response = browser.get(path, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else path
    return browser.post(form_url, {"email": email_address}, follow=True)


def test_email_links_to_this_sites_order_status_page(placed_order):
    [email] = mail.outbox
    expected = f"http://{HOST}" + reverse(
        "customer:anon-order",
        kwargs={
            "order_number": placed_order.number,
            "hash": placed_order.verification_hash(),
        },
    )
    text, html = status_links(email)
    assert text == [expected]
    assert html == [expected]
    assert "example.com" not in email.body
    assert "The Backbone team" in email.alternatives[0][0]


def test_status_link_shows_the_order_after_the_email_address(placed_order):
    [url], _ = status_links(mail.outbox[0])
    response = follow(url)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == urlsplit(url).path
    content = response.content.decode()
    assert placed_order.number in content
    assert "Lumbar wedge &amp; strap" in content


@pytest.mark.parametrize(
    "tamper",
    [
        lambda url, order: url.replace(order.number, str(int(order.number) + 1)),
        lambda url, order: url[:-8] + "AAAAAAA/",
        lambda url, order: url.replace(order.verification_hash(), "not-a-hash"),
    ],
    ids=["other-number", "edited-signature", "no-signature"],
)
def test_tampered_link_shows_no_order(placed_order, tamper):
    [url], _ = status_links(mail.outbox[0])
    response = follow(tamper(url, placed_order))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Order not found" in content
    assert "Lumbar wedge" not in content


def test_wrong_email_address_shows_no_order(placed_order):
    [url], _ = status_links(mail.outbox[0])
    response = follow(url, email_address="someone@example.com")
    assert "Order not found" in response.content.decode()
    assert "Lumbar wedge" not in response.content.decode()


@pytest.mark.parametrize("path", ["%2F..%2F", "a.b", "a:b%00", "<script>"])
def test_malformed_status_links_are_not_found(client, path):
    url = f"/shop/accounts/order-status/100001/{path}/"
    assert client.get(url).status_code == 404


def test_email_address_in_another_case_shows_the_order(placed_order):
    [url], _ = status_links(mail.outbox[0])
    response = follow(url, email_address="  ADA@Example.COM ")
    content = response.content.decode()
    assert placed_order.number in content
    assert "Lumbar wedge &amp; strap" in content
    assert "Order not found" not in content
