"""The storefront in the site's own design: no Bootstrap or jQuery on public
pages, a product page that sells, and cards whose pictures fit their place."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from shop.catalogue.models import ProductCategory, ProductImage
from tests.factories_shop import make_category, make_product, set_attribute

pytestmark = pytest.mark.django_db

OSCAR_ASSETS = ("oscar/css/styles.css", "jquery", "bootstrap")


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def asset_urls(soup):
    return [tag.get("href") or tag.get("src") for tag in soup.select("link, script")]


def with_picture(product, size=(900, 900)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "#486").save(buffer, "JPEG")
    upload = SimpleUploadedFile(f"{product.slug}.jpg", buffer.getvalue())
    ProductImage.objects.create(product=product, original=upload, display_order=0)
    return product


def test_public_pages_load_no_bootstrap_or_jquery(client):
    product = make_product(title="Back roller")
    category = make_category("Rollers")
    ProductCategory.objects.create(product=product, category=category)
    for url in (
        product.get_absolute_url(),
        category.get_absolute_url(),
        "/shop/basket/",
        "/search/?q=roller",
        "/shop/accounts/login/",
    ):
        urls = asset_urls(soup_of(client.get(url)))
        assert "/static/css/site.css" in urls, url
        assert not [u for u in urls if u and any(a in u for a in OSCAR_ASSETS)], url


def test_dashboard_keeps_oscars_bootstrap(admin_client):
    urls = asset_urls(soup_of(admin_client.get("/shop/dashboard/")))
    assert any("oscar/css" in (u or "") for u in urls)
    assert any("jquery" in (u or "") for u in urls)


def test_product_page_lists_specifications_without_upc_tax_or_review_count(client):
    product = make_product(title="Lumbar roll", price="24.00", upc="BB-4242")
    set_attribute(product, "material", "Memory foam", name="Material")
    product.description = "<p>Soft.</p><p>Firm enough.</p>"
    product.save()
    soup = soup_of(client.get(product.get_absolute_url()))
    content = soup.select_one("#content_inner")
    text = content.get_text(" ", strip=True)
    for shopper_noise in ("BB-4242", "UPC", "excl. tax", "Number of reviews"):
        assert shopper_noise not in text
    specs = soup.select(".product-specs dt, .product-specs dd")
    assert [tag.get_text(strip=True) for tag in specs] == ["Material", "Memory foam"]
    # The price is said once, with its VAT.
    assert soup.select_one("[data-price]").get_text(" ", strip=True) == (
        "£24.00 incl. VAT"
    )
    assert text.count("£24.00") == 1
    # Rich text is not wrapped in a paragraph of its own.
    description = soup.select_one(".product-page__description")
    paragraphs = [p.get_text() for p in description.find_all("p")]
    assert paragraphs == ["Soft.", "Firm enough."]
    assert description.find_parent("p") is None


def test_product_page_sums_up_delivery_and_returns_and_offers_a_review(client):
    product = make_product()
    soup = soup_of(client.get(product.get_absolute_url()))
    summary = soup.select_one("[data-delivery-summary]")
    assert {a["href"] for a in summary.select("a")} == {"/delivery/", "/returns/"}
    assert "£3.95" in summary.get_text()
    write = soup.select_one("#write_review")
    assert "reviews/add" in write["href"].replace("%2F", "/")


def test_product_page_main_picture_is_sized_prioritised_and_has_a_2x_source(client):
    product = with_picture(make_product(title="Heat pad"))
    soup = soup_of(client.get(product.get_absolute_url()))
    picture = soup.select_one("#product_gallery img")
    assert picture["fetchpriority"] == "high"
    assert not picture.has_attr("loading")
    assert (picture["width"], picture["height"]) == ("560", "560")
    assert [c.split()[-1] for c in picture["srcset"].split(", ")] == ["560w", "900w"]


def test_category_cards_are_h2_with_2x_pictures_and_the_first_row_eager(client):
    category = make_category("Cushions")
    for n in range(6):
        product = with_picture(make_product(title=f"Cushion {n}"))
        ProductCategory.objects.create(product=product, category=category)
    soup = soup_of(client.get(category.get_absolute_url()))
    cards = soup.select("[data-product-id]")
    assert len(cards) == 6
    assert all(card.select_one("h2.product-card__title") for card in cards)
    pictures = [card.select_one("img") for card in cards]
    assert [p.has_attr("loading") for p in pictures] == [False] * 4 + [True] * 2
    widths = [c.split()[-1] for c in pictures[0]["srcset"].split(", ")]
    assert widths == ["120w", "240w", "480w"]
    assert (pictures[0]["width"], pictures[0]["height"]) == ("120", "120")
