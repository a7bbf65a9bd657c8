"""The product and category choosers editors use in the Wagtail admin."""

import json
import re

import pytest
from django.db import connection
from django.template import Context
from django.test.utils import CaptureQueriesContext
from oscar.test.factories import ProductImageFactory
from wagtail.admin.ui.tables import Column, Table

from shop.catalogue.models import Product
from shop.choosers import (
    CardColumn,
    ChoiceTitleColumn,
    FormattedCell,
    ProductChooserTable,
)
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


def test_product_table_draws_the_same_markup_as_wagtails_table(editor_client):
    """The rows built in Python match Wagtail's table template, tag for tag."""
    for n in range(3):
        product = make_product(title=f"Lumbar roll {n}", price=f"1{n}.00")
        if n:
            ProductImageFactory(product=product)
    make_product(title="Lumbar wedge, hidden", is_public=False)

    response = editor_client.get(RESULTS, {"q": "lumbar"})

    table = response.context["table"]
    assert isinstance(table, ProductChooserTable)
    context = Context({"request": response.wsgi_request})
    wagtails = Table(table.columns.values(), table.data).render_html(context)

    def tags(html):
        return re.sub(r">\s+<", "><", html).strip()

    assert tags(table.render_html(context)) == tags(wagtails)
    assert tags(wagtails).count("</tr>") == 5  # the header and four products
    assert "data-chooser-modal-choice" in wagtails

    # A column drawn by its own template, and a cell class with braces in it.
    columns = [
        *table.columns.values(),
        Column("plain", label="Plain", accessor="upc"),
        CardColumn("classed", label="Classed", classname="w-{x}", card_attr="title"),
    ]
    ours = ProductChooserTable(columns, table.data).render_html(context)
    assert tags(ours) == tags(Table(columns, table.data).render_html(context))
    assert 'class="w-{x}"' in ours


def test_multiple_choice_lists_products_with_checkboxes(editor_client):
    """Wagtail's multiple-choice mode (?multiple=1) draws its own checkbox and
    title cells through their templates, inside the product table."""
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


def test_formatted_cells_draw_what_wagtails_cell_templates_draw(editor_client):
    """Each cell format is the markup of the Wagtail cell template it replaces."""
    from bs4 import BeautifulSoup

    make_product(title="Lumbar roll <1> & co", price="12.00")
    response = editor_client.get(RESULTS, {"q": "lumbar"})
    table = response.context["table"]
    [row] = table.rows
    product = row.instance
    # What the table template's row loop gives each cell.
    context = Context({"request": response.wsgi_request, "table": table, "row": row})

    def parts(html):
        soup = BeautifulSoup(html, "html.parser")
        return [(t.name, t.attrs, t.get_text(strip=True)) for t in soup.find_all(True)]

    columns = [
        table.columns["title"],
        table.columns["price"],
        CardColumn("classed", label="Classed", classname="w-{x}", card_attr="title"),
    ]
    assert isinstance(columns[0], ChoiceTitleColumn)
    for column in columns:
        # The next class after FormattedCell is Wagtail's: its template.
        wagtails = super(FormattedCell, column).render_cell_html(product, context)
        assert parts(column.render_cell_html(product, context)) == parts(wagtails)
        text = BeautifulSoup(wagtails, "html.parser").get_text()
        assert product.card.title in text or "£12.00" in text


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
    assert [(a.get_text(), a["href"]) for a in links] == [
        (p.title, f"/cms/product-chooser/chosen/{p.pk}/") for p in products
    ]
    chosen = json.loads(editor_client.get(links[0]["href"]).content)
    assert chosen["step"] == "chosen"
    assert chosen["result"]["id"] == str(products[0].pk)
