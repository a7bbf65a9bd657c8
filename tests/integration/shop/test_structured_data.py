"""JSON-LD on shop pages: built from the page's own price and stock."""

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from oscar.apps.catalogue.reviews.models import ProductReview

from shop.catalogue.models import ProductCategory
from tests.factories_shop import create_user, make_category, make_product
from tests.integration.shop.test_missing_product_images import product_with_image

pytestmark = pytest.mark.django_db


def json_ld(response):
    """The page's JSON-LD objects by @type, and the page's soup."""
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    found = {}
    for script in soup.find_all("script", type="application/ld+json"):
        data = json.loads(script.string)
        found[data["@type"]] = data
    return found, soup


def test_product_has_product_offer_and_breadcrumbs(client):
    top = make_category("Massage")
    balls = make_category("Massage balls", parent=top)
    product = make_product(
        title="Spiky ball",
        price="12.50",
        was_price="15.00",
        upc="5012345678900",
        description="<p>Firm &amp; <b>spiky</b>.</p><p>Two sizes.</p>",
    )
    ProductCategory.objects.create(product=product, category=balls)
    found, soup = json_ld(client.get(product.get_absolute_url()))
    data = found["Product"]
    assert data["@context"] == "https://schema.org"
    assert data["name"] == "Spiky ball"
    assert data["description"] == "Firm & spiky. Two sizes."
    assert data["gtin13"] == "5012345678900"
    assert data["sku"] == product.stockrecords.get().partner_sku
    url = "http://testserver" + product.get_absolute_url()
    offer = data["offers"]
    assert offer == {
        "@type": "Offer",
        "url": url,
        "price": "12.50",
        "priceCurrency": "GBP",
        "availability": "https://schema.org/InStock",
    }
    assert "aggregateRating" not in data
    # The price a shopper sees on the page.
    shown = soup.select_one("[data-price-amount]").get_text(strip=True)
    assert shown == "£" + offer["price"]
    crumbs = found["BreadcrumbList"]["itemListElement"]
    assert [(c["position"], c["name"]) for c in crumbs] == [
        (1, "Home"),
        (2, "Shop"),
        (3, "Massage"),
        (4, "Massage balls"),
        (5, "Spiky ball"),
    ]
    assert crumbs[3]["item"] == "http://testserver" + balls.get_absolute_url()
    assert crumbs[-1]["item"] == url


def test_product_image_is_an_absolute_url(client):
    product = product_with_image("Heat pad")
    found, _ = json_ld(client.get(product.get_absolute_url()))
    (image,) = found["Product"]["image"]
    assert image.startswith("http://testserver/media/")


def test_out_of_stock_product_is_out_of_stock(client):
    product = make_product(title="Cold pack", num_in_stock=0, upc="BB-1")
    found, soup = json_ld(client.get(product.get_absolute_url()))
    data = found["Product"]
    assert data["offers"]["availability"] == "https://schema.org/OutOfStock"
    assert "gtin13" not in data  # the UPC is not a 13-digit GTIN
    shown = soup.select_one("[data-price-amount]").get_text(strip=True)
    assert shown == "£" + data["offers"]["price"]


def test_title_cannot_close_the_script_element(client):
    title = '</script><script>alert("x")</script> & "quoted"'
    product = make_product(title=title)
    response = client.get(product.get_absolute_url())
    html = response.content.decode()
    assert '<script>alert("x")' not in html
    found, soup = json_ld(response)
    assert found["Product"]["name"] == title
    script = soup.find("script", type="application/ld+json").decode_contents()
    assert "<" not in script and ">" not in script and "&" not in script


def test_approved_reviews_give_an_aggregate_rating(client):
    product = make_product()
    for score, status in ((4, ProductReview.APPROVED), (5, ProductReview.APPROVED)):
        ProductReview.objects.create(
            product=product, score=score, title="Good", body="Helps.", status=status
        )
    ProductReview.objects.create(
        product=product,
        score=1,
        title="Bad",
        body="No.",
        status=ProductReview.FOR_MODERATION,
    )
    product.update_rating()
    found, _ = json_ld(client.get(product.get_absolute_url()))
    assert found["Product"]["aggregateRating"] == {
        "@type": "AggregateRating",
        "ratingValue": 4.5,
        "reviewCount": 2,
        "bestRating": 5,
        "worstRating": 0,
    }


def test_category_has_breadcrumbs_and_its_products_in_order(client):
    top = make_category("Heat and cold")
    packs = make_category("Packs", parent=top)
    for n, price in enumerate(["9.00", "5.00", "7.00"]):
        product = make_product(title=f"Pack {n}", price=price)
        ProductCategory.objects.create(product=product, category=packs)
    for query in ("", "?sort_by=price-asc"):
        response = client.get(packs.get_absolute_url() + query)
        found, soup = json_ld(response)
        cards = [card.url for card in response.context["products"]]
        listed = [card.find("a")["href"] for card in soup.select("[data-product-id]")]
        assert listed == cards
        items = found["ItemList"]["itemListElement"]
        assert [item["url"] for item in items] == [
            "http://testserver" + url for url in cards
        ]
        assert [item["position"] for item in items] == [1, 2, 3]
        crumbs = found["BreadcrumbList"]["itemListElement"]
        assert [c["name"] for c in crumbs] == ["Home", "Shop", "Heat and cold", "Packs"]
    # Served from the cached list, the ItemList is still there.
    found, _ = json_ld(client.get(packs.get_absolute_url() + "?sort_by=price-asc"))
    assert len(found["ItemList"]["itemListElement"]) == 3


def test_review_form_keeps_the_breadcrumb_but_is_not_the_product(client):
    category = make_category("Rollers")
    product = make_product(title="Foam roller")
    ProductCategory.objects.create(product=product, category=category)
    client.force_login(create_user())
    url = reverse(
        "catalogue:reviews-add",
        kwargs={"product_slug": product.slug, "product_pk": product.pk},
    )
    found, soup = json_ld(client.get(url))
    assert "Product" not in found
    crumbs = [a.get_text() for a in soup.select(".breadcrumbs a")]
    assert crumbs == ["Home", "Shop", "Rollers"]
