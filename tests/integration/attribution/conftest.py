"""Fixtures for attribution tests: articles with callouts (as in the callout
tests) and a shopper who adds from them."""

import pytest
from bs4 import BeautifulSoup

from tests.integration.callouts.conftest import (  # noqa: F401 (fixtures)
    editor_client,
    make_article,
)
from tests.integration.callouts.helpers import form_data


def callout_form(client, article, product):
    """The fields of a product's add form in an article's callout, as a
    browser with site.js posts them."""
    html = client.get(article.url).content.decode()
    selector = f'[data-callout] [data-product-id="{product.pk}"] form.product-card__add'
    return BeautifulSoup(html, "html.parser").select_one(selector)["action"], form_data(
        html, selector
    )


@pytest.fixture
def add_from_callout():
    def add(client, article, product):
        action, data = callout_form(client, article, product)
        response = client.post(action, data)
        assert response.status_code == 302
        return response

    return add
