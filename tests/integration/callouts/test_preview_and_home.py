"""Callouts in Wagtail's page preview, on the home page, and in the editor."""

import json

import pytest
from bs4 import BeautifulSoup

from blog.callout_blocks import ProductCalloutBlock
from blog.models import HomePage
from tests.factories_shop import make_product

from .conftest import body, product_callout, product_grid

pytestmark = pytest.mark.django_db


def test_home_page_featured_products_render(client, home_page):
    product = make_product(title="Home pick")
    other = make_product()
    home = HomePage.objects.get(pk=home_page.pk)
    home.featured_products = body(
        product_callout(product.pk), product_grid([product.pk, other.pk])
    )
    home.save_revision().publish()
    response = client.get("/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one('[data-callout="product"] [data-product-id]')
    assert len(soup.select('[data-callout="grid"] [data-product-id]')) == 2
    form = soup.select_one('[data-callout="product"] form')
    assert form.select_one("[name=next]")["value"] == "/#callout-b0"


def test_preview_renders_callouts_and_explains_hidden_ones(editor_client, make_article):
    product = make_product(title="Preview pillow", price="31.00")
    sold_out = make_product(num_in_stock=0)
    article = make_article(product_callout(product.pk))
    edit_url = f"/cms/pages/{article.pk}/edit/"
    preview_url = f"/cms/pages/{article.pk}/edit/preview/"
    form_page = editor_client.get(edit_url)
    assert form_page.status_code == 200
    from tests.integration.callouts.helpers import form_data

    data = form_data(form_page.content.decode(), "form[data-edit-form]")
    stream = json.loads(body(product_callout(product.pk)))
    # Rebuild the body as the editor's form posts it (two callouts).
    data = {k: v for k, v in data.items() if not k.startswith("body")}
    data.update(
        {
            "body-count": "2",
            # The article's references, a StreamField the form renders in JS.
            "references-count": "0",
            "body-0-deleted": "",
            "body-0-order": "0",
            "body-0-type": "product_callout",
            "body-0-id": "prev-1",
            "body-0-value-product": str(product.pk),
            "body-0-value-headline": "Editor pick",
            "body-0-value-note": "",
            "body-0-value-button_label": "",
            "body-0-value-layout": "banner",
            "body-0-value-if_unavailable": "hide",
            "body-0-value-fallback_product": "",
            "body-0-value-fallback_category": "",
            "body-1-deleted": "",
            "body-1-order": "1",
            "body-1-type": "product_callout",
            "body-1-id": "prev-2",
            "body-1-value-product": str(sold_out.pk),
            "body-1-value-headline": "",
            "body-1-value-note": "",
            "body-1-value-button_label": "",
            "body-1-value-layout": "inline",
            "body-1-value-if_unavailable": "hide",
            "body-1-value-fallback_product": "",
            "body-1-value-fallback_category": "",
        }
    )
    assert stream
    response = editor_client.post(preview_url, data)
    assert json.loads(response.content)["is_valid"] is True, response.content
    preview = editor_client.get(preview_url)
    assert preview.status_code == 200
    soup = BeautifulSoup(preview.content, "html.parser")
    callout = soup.select_one('[data-callout="product"]')
    assert callout is not None
    assert "Editor pick" in callout.text and "£31.00" in callout.text
    assert "callout--banner" in callout["class"]
    assert soup.select_one('[data-callout-hidden="product"]')


def test_fallback_rule_needs_a_fallback():
    block = ProductCalloutBlock()
    product = make_product()
    value = block.to_python(
        {
            "product": product.pk,
            "if_unavailable": "fallback",
            "fallback_product": None,
            "fallback_category": None,
        }
    )
    with pytest.raises(Exception) as error:
        block.clean(value)
    assert "fallback" in str(error.value.block_errors).lower()
