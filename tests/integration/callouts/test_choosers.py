"""The product and category choosers editors use in the Wagtail admin."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from oscar.test.factories import ProductImageFactory

from shop.catalogue.models import Product
from tests.factories_shop import ProductClassFactory, make_category, make_product

from .helpers import form_data

pytestmark = pytest.mark.django_db

CHOOSER = "/cms/product-chooser/"
RESULTS = "/cms/product-chooser/results/"


def test_chooser_search_finds_product_by_title_with_thumbnail_price_and_stock(
    editor_client,
):
    wanted = make_product(title="Memory foam lumbar cushion", price="29.50")
    ProductImageFactory(product=wanted)
    make_product(title="Resistance band set")
    response = editor_client.get(CHOOSER, {"q": "lumbar"})
    assert response.status_code == 200
    html = json.loads(response.content)["html"]
    assert "Memory foam lumbar cushion" in html
    assert "Resistance band set" not in html
    assert "data-chooser-thumbnail" in html
    assert "£29.50" in html
    assert "In stock" in html


def test_each_row_shows_thumbnail_title_upc_price_stock_and_availability(
    editor_client,
):
    from bs4 import BeautifulSoup

    on_sale = make_product(
        title="Lumbar roll", upc="BB-ROLL-2", price="12.00", was_price="15.00"
    )
    ProductImageFactory(product=on_sale)
    make_product(title="Lumbar wedge", upc="BB-WEDGE", price="9.50", num_in_stock=0)
    make_product(title="Lumbar strap, hidden", is_public=False)

    soup = BeautifulSoup(
        editor_client.get(RESULTS, {"q": "lumbar"}).content, "html.parser"
    )
    headers = [th.get_text(strip=True) for th in soup.select("thead th")]
    assert headers == ["Image", "Title", "UPC", "Price", "Stock", "Availability"]
    rows = {
        row.select_one("td.title").get_text(strip=True): row
        for row in soup.select("tbody tr")
    }
    cells = {
        title: [td.get_text(strip=True) for td in row.find_all("td")]
        for title, row in rows.items()
    }
    roll = ["", "Lumbar roll", "BB-ROLL-2", "£12.00 (was £15.00)", "10", "In stock"]
    assert cells["Lumbar roll"] == roll
    wedge = ["No image", "Lumbar wedge", "BB-WEDGE", "£9.50", "0", "Out of stock"]
    assert cells["Lumbar wedge"] == wedge
    assert cells["Lumbar strap, hidden"][-1] == "No longer available"
    assert rows["Lumbar roll"].select_one("td img[data-chooser-thumbnail]")["src"]


def test_multiple_choice_lists_products_with_checkboxes(editor_client):
    """Wagtail's multiple-choice mode (?multiple=1): a checkbox and a title
    label on each product's row."""
    from bs4 import BeautifulSoup

    products = [make_product(title=f"Lumbar roll {n}") for n in range(2)]
    for url in (CHOOSER, RESULTS):
        response = editor_client.get(url, {"q": "lumbar", "multiple": "1"})
        assert response.status_code == 200
        html = response.content.decode()
        if url == CHOOSER:
            html = json.loads(html)["html"]
        soup = BeautifulSoup(html, "html.parser")
        boxes = soup.select("tbody input[type=checkbox]")
        assert sorted(box["value"] for box in boxes) == sorted(
            str(p.pk) for p in products
        )
        assert len(soup.select("tbody td.title")) == 2


def test_chooser_search_finds_product_by_upc(editor_client):
    make_product(title="Posture corrector", upc="BB-POST-77")
    make_product(title="Heat pad", upc="BB-HEAT-12")
    response = editor_client.get(RESULTS, {"q": "BB-POST-77"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Posture corrector" in content
    assert "Heat pad" not in content


def test_chooser_finds_a_upc_typed_in_lower_case(editor_client):
    make_product(title="Posture corrector", upc="BB-POST-77")
    make_product(title="Heat pad", upc="BB-HEAT-12")
    content = editor_client.get(RESULTS, {"q": "bb-post-77"}).content.decode()
    assert "Posture corrector" in content
    assert "Heat pad" not in content


def test_chooser_lists_availability_and_paginates(editor_client):
    make_product(title="Aaa sold out brace", num_in_stock=0)
    for index in range(25):
        make_product(title=f"Band {index:02d}")
    first = editor_client.get(RESULTS).content.decode()
    assert "Aaa sold out brace" in first
    assert "Out of stock" in first
    # Ten rows a page, Wagtail's chooser default, in title order.
    assert "Band 08" in first and "Band 09" not in first
    second = editor_client.get(RESULTS, {"p": 2}).content.decode()
    assert "Band 09" in second and "Band 18" in second and "Band 19" not in second
    assert "Band 24" in editor_client.get(RESULTS, {"p": 3}).content.decode()
    assert editor_client.get(RESULTS, {"p": 99}).status_code == 404


def test_chooser_query_count_does_not_grow_with_catalogue(editor_client):
    for _ in range(5):
        make_product()
    editor_client.get(RESULTS)
    with CaptureQueriesContext(connection) as few:
        editor_client.get(RESULTS)
    for _ in range(40):
        make_product()
    editor_client.get(RESULTS)
    with CaptureQueriesContext(connection) as many:
        editor_client.get(RESULTS)
    assert len(many.captured_queries) == len(few.captured_queries)


def test_chosen_product_links_to_dashboard_edit_page(editor_client):
    product = make_product(title="Foam roller", upc="BB-ROLL-1")
    response = editor_client.get(f"{CHOOSER}chosen/{product.pk}/")
    result = json.loads(response.content)["result"]
    assert result["id"] == str(product.pk)
    assert result["title"] == "Foam roller (BB-ROLL-1)"
    assert result["edit_url"] == f"/shop/dashboard/catalogue/products/{product.pk}/"


def test_chosen_unknown_product_is_404(editor_client):
    assert editor_client.get(f"{CHOOSER}chosen/999999/").status_code == 404


def test_chooser_needs_admin_login(client):
    response = client.get(CHOOSER)
    assert response.status_code in {302, 403}


def test_category_chooser_searches_by_name_and_shows_path(editor_client):
    back = make_category("Back support")
    make_category("Braces", parent=back)
    make_category("Sleep")
    response = editor_client.get("/cms/category-chooser/results/", {"q": "brace"})
    content = response.content.decode()
    assert "Back support &gt; Braces" in content
    assert "Sleep" not in content


def test_product_saved_in_dashboard_is_found_by_chooser_search(editor_client):
    """Staff edit products in Oscar's dashboard; the chooser must see it."""
    product_class = ProductClassFactory()
    category = make_category("Seating")
    create_url = f"/shop/dashboard/catalogue/products/create/{product_class.slug}/"
    page = editor_client.get(create_url)
    assert page.status_code == 200
    data = form_data(page.content.decode(), "form#create_update_product_form")
    data.update(
        {
            "title": "Orthopaedic kneeling chair",
            "upc": "BB-KNEEL-1",
            "productcategory_set-0-category": str(category.pk),
        }
    )
    response = editor_client.post(create_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    product = Product.objects.get(upc="BB-KNEEL-1")

    found = editor_client.get(RESULTS, {"q": "kneeling"}).content.decode()
    assert "Orthopaedic kneeling chair" in found

    update_url = f"/shop/dashboard/catalogue/products/{product.pk}/"
    page = editor_client.get(update_url)
    data = form_data(page.content.decode(), "form#create_update_product_form")
    data["title"] = "Ergonomic saddle stool"
    response = editor_client.post(update_url, data)
    assert response.status_code == 302
    found = editor_client.get(RESULTS, {"q": "saddle"}).content.decode()
    assert "Ergonomic saddle stool" in found
    assert (
        editor_client.get(RESULTS, {"q": "kneeling"})
        .content.decode()
        .count("Orthopaedic kneeling chair")
        == 0
    )


def test_each_row_links_to_its_chosen_view_as_the_modal_expects(editor_client):
    from bs4 import BeautifulSoup

    products = [make_product(title=f"Wedge <{n}> & co") for n in range(3)]
    soup = BeautifulSoup(editor_client.get(RESULTS).content, "html.parser")
    links = soup.select("td.title a[data-chooser-modal-choice]")
    assert [(a.get_text(strip=True), a["href"]) for a in links] == [
        (p.title, f"/cms/product-chooser/chosen/{p.pk}/") for p in products
    ]
    chosen = json.loads(editor_client.get(links[0]["href"]).content)
    assert chosen["step"] == "chosen"
    assert chosen["result"]["id"] == str(products[0].pk)
