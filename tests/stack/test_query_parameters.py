"""Query parameters that do not change a page share its one stored copy."""

import secrets

import pytest

from .conftest import anonymous_get, kept_by_varnish

pytestmark = pytest.mark.stack


@pytest.mark.parametrize(
    "query",
    [
        "utm_source=newsletter&utm_medium=email&utm_campaign=spring",
        "fbclid=IwAR2xyz",
        "gclid=Cj0KCQ",
        "unknown=1",
    ],
)
def test_tracking_and_unknown_parameters_are_served_from_the_stored_page(
    stack, site, query
):
    article = site["other_articles"][0]["url"]
    kept_by_varnish(stack.url + article)

    response = anonymous_get(f"{stack.url}{article}?{query}")

    assert response.status == 200
    assert response.cache == "HIT", response.describe()


def test_a_parameter_the_page_reads_makes_its_own_entry(stack):
    query = f"q=stretch-{secrets.token_hex(4)}"
    first = anonymous_get(f"{stack.url}/search/?{query}&utm_source=x")

    again = anonymous_get(f"{stack.url}/search/?utm_source=y&{query}")

    assert first.cache == "MISS", first.describe()
    assert again.cache == "HIT", again.describe()
