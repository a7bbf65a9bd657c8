"""Hostile input everywhere a visitor, customer or editor can type, shown to
be inert on every page, email, RSS item and JSON-LD block that repeats it."""

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.models import Page

from blog.models import ArticlePage
from shop.dashboard.catalogue.forms import ProductForm
from tests.factories_blog import AuthorFactory, ReviewerFactory
from tests.factories_shop import make_product
from tests.integration.callouts.conftest import body, product_callout

pytestmark = pytest.mark.django_db

PAYLOAD = (
    '"><script>alert(1)</script><img src=x onerror=alert(2)>'
    '<a href="javascript:alert(3)">x</a></script><svg onload=alert(4)>'
)
JSON_LD = re.compile(
    r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL | re.IGNORECASE
)


class MarkupAudit(HTMLParser):
    """Collects what the browser would treat as live markup."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.findings = []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.findings.append(f"<{tag} {name}=...>")
            if name in {"href", "src", "action", "formaction"} and (
                (value or "").strip().lower().startswith("javascript:")
            ):
                self.findings.append(f"<{tag} {name}={value!r}>")
        if tag == "svg":
            self.findings.append("<svg>")
        # JSON-LD is data, checked separately: it must parse as JSON.
        self.in_script = tag == "script" and dict(attrs).get("type") != (
            "application/ld+json"
        )

    def handle_endtag(self, tag):
        self.in_script = False

    def handle_data(self, data):
        if self.in_script and "alert(" in data:
            self.findings.append(f"script running {data.strip()[:40]!r}")


def assert_inert(html, where):
    """No markup from PAYLOAD survives as markup."""
    audit = MarkupAudit()
    audit.feed(html)
    audit.close()
    assert not audit.findings, f"live markup in {where}: {audit.findings}"
    for block in JSON_LD.findall(html):
        json.loads(block)  # a </script> inside would have cut it short


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    html = response.content.decode()
    assert_inert(html, url)
    return html


def rich_text_as_saved_by_the_editor(text):
    """What Wagtail's Draftail editor stores when an editor types or pastes
    ``text`` and links it to a javascript: URL."""
    features = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]
    contentstate = {
        "blocks": [
            {
                "key": "a1",
                "type": "unstyled",
                "depth": 0,
                "text": text,
                "inlineStyleRanges": [],
                "entityRanges": [{"offset": 0, "length": 10, "key": 0}],
                "data": {},
            }
        ],
        "entityMap": {
            "0": {
                "type": "LINK",
                "mutability": "MUTABLE",
                "data": {"url": "javascript:alert(5)"},
            }
        },
    }
    converter = ContentstateConverter(features=features)
    return converter.to_database_format(json.dumps(contentstate))


@pytest.fixture
def hostile_product(home_page):
    product = make_product(title=f"Roller {PAYLOAD}", num_in_stock=20)
    form = ProductForm(product.product_class, instance=product)
    cleaned = ProductForm(
        product.product_class,
        instance=product,
        data={**form.initial, "title": product.title, "description": PAYLOAD},
    )
    cleaned.is_valid()
    product.description = cleaned.clean_description()
    product.save()
    return product


@pytest.fixture
def hostile_article(article_index, hostile_product):
    # PAYLOAD fills the name's 120 characters exactly (PostgreSQL enforces it).
    author = AuthorFactory(name=PAYLOAD, role=PAYLOAD, bio=PAYLOAD)
    article = ArticlePage(
        title=f"Back pain {PAYLOAD}",
        slug="hostile",
        standfirst=f"Standfirst {PAYLOAD}",
        author=author,
        reviewer=ReviewerFactory(
            name=PAYLOAD, credentials=PAYLOAD, registration_body=PAYLOAD, bio=PAYLOAD
        ),
        search_description=PAYLOAD,
        body=body(
            ("heading", {"text": PAYLOAD, "level": "h2", "anchor": ""}),
            ("paragraph", rich_text_as_saved_by_the_editor(f"Read this {PAYLOAD}")),
            product_callout(hostile_product.pk, headline=PAYLOAD, note=PAYLOAD),
        ),
    )
    article_index.add_child(instance=article)
    article.save_revision().publish()
    return Page.objects.get(pk=article.pk).specific


def test_editor_rich_text_keeps_no_script_handler_or_javascript_link():
    html = rich_text_as_saved_by_the_editor(f"Read this {PAYLOAD}")
    assert_inert(html, "rich text as stored")
    assert "&lt;script&gt;" in html


def test_dashboard_product_description_is_cleaned_on_save(hostile_product):
    assert_inert(hostile_product.description, "stored description")
    assert "<script" not in hostile_product.description


def test_article_pages_escape_hostile_text(client, hostile_article):
    html = page(client, hostile_article.url)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    values = set()

    def collect(node):
        if isinstance(node, dict):
            node = list(node.values())
        if isinstance(node, list):
            for child in node:
                collect(child)
        else:
            values.add(node)

    for block in JSON_LD.findall(html):
        collect(json.loads(block))
    # The JSON-LD carries the hostile title intact, as data.
    assert hostile_article.title in values
    page(client, "/articles/")
    page(client, "/")


def test_rss_items_carry_hostile_text_as_text(client, hostile_article):
    response = client.get("/articles/feed/")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    item = root.find("channel/item")
    assert item.findtext("title") == hostile_article.title
    # Readers render <description> as HTML: it must be escaped HTML.
    description = item.findtext("description")
    assert_inert(description, "RSS description")
    assert "&lt;script&gt;" in description


def test_product_pages_escape_hostile_titles_and_descriptions(client, hostile_product):
    html = page(client, hostile_product.get_absolute_url())
    assert "Roller &quot;&gt;&lt;script&gt;" in html
    page(client, reverse("catalogue:index"))


def test_search_escapes_hostile_queries_and_results(client, hostile_article):
    html = page(client, f"/search/?q={PAYLOAD}")
    assert "&lt;script&gt;" in html
    page(client, "/search/?q=Roller")
    page(client, "/search/?q=Back+pain")
    response = client.get("/search/suggest/", {"q": PAYLOAD})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_approved_review_text_is_escaped(client, hostile_product, django_user_model):
    from oscar.apps.catalogue.reviews.models import ProductReview

    user = django_user_model.objects.create_user("rev", "rev@example.com", "x")
    ProductReview.objects.create(
        product=hostile_product,
        user=user,
        title=PAYLOAD,
        body=PAYLOAD,
        score=4,
        status=ProductReview.APPROVED,
    )
    html = page(client, hostile_product.get_absolute_url())
    assert "&lt;script&gt;alert(1)" in html
    page(
        client,
        reverse(
            "catalogue:reviews-list",
            kwargs={
                "product_slug": hostile_product.slug,
                "product_pk": hostile_product.pk,
            },
        ),
    )


HOSTILE_ADDRESS = {
    "first_name": PAYLOAD[:200],
    "last_name": "Walker",
    "line1": PAYLOAD[:250],
    "line2": "javascript:alert(6)",
    "line4": "Leeds",
    "postcode": "LS1 1AA",
    "country": "GB",
    "phone_number": "",
    "notes": PAYLOAD,
}


def test_checkout_pages_emails_and_dashboard_escape_hostile_addresses(
    hostile_product, django_user_model
):
    from shop.order.models import Order

    client = Client()
    response = client.post(
        reverse("basket:add", kwargs={"pk": hostile_product.pk}),
        {"quantity": 1, "next": "/shop/basket/"},
    )
    assert response.status_code == 302
    page(client, reverse("basket:summary"))
    client.post(
        reverse("checkout:index"),
        {"username": "guest@example.com", "options": "anonymous"},
    )
    response = client.post(reverse("checkout:shipping-address"), HOSTILE_ADDRESS)
    assert response.status_code == 302, response.content[:2000]
    client.post(reverse("checkout:shipping-method"), {"method_code": "standard"})
    client.post(reverse("checkout:payment-method"), {"method": "bank-transfer"})
    preview = page(client, reverse("checkout:preview"))
    assert "&lt;script&gt;" in preview
    response = client.post(reverse("checkout:preview"), {"action": "place_order"})
    assert response.status_code == 302
    page(client, reverse("checkout:thank-you"))

    assert mail.outbox, "the confirmation email was not sent"
    for message in mail.outbox:
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                assert_inert(content, f"HTML email {message.subject!r}")

    order = Order.objects.get(guest_email="guest@example.com")
    staff = django_user_model.objects.create_superuser("boss", "b@example.com", "x")
    client.force_login(staff)
    page(client, reverse("dashboard:order-detail", kwargs={"number": order.number}))
    page(client, reverse("dashboard:order-list"))
