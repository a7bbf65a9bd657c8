"""Property-based tests: arbitrary input to the public forms and URLs is met
with a 2xx, 3xx or 4xx answer, never a server error."""

from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories_shop import make_product
from tests.integration.shop.helpers import add_to_basket, start_guest_checkout

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Any text, including NUL, control characters, markup and very long strings.
any_text = st.text(max_size=300) | st.sampled_from(
    [
        "\x00",
        "<script>alert(1)</script>",
        "javascript:alert(1)",
        "' OR 1=1 --",
        "%00",
        "../../etc/passwd",
        "9" * 400,
        "-1",
        "1e9",
        "NaN",
        "٣",
        "\ud7ff",
    ]
)
any_number_like = (
    any_text
    | st.integers(min_value=-(2**70), max_value=2**70).map(str)
    | st.floats(allow_nan=True, allow_infinity=True).map(str)
)


def never_a_server_error(response):
    assert response.status_code < 500, (response.status_code, response.content[:500])


@pytest.fixture
def product(home_page):
    return make_product(title="Foam roller", num_in_stock=50)


@FUZZ
@given(quantity=any_number_like, next_url=any_text)
def test_basket_add_never_fails(product, quantity, next_url):
    response = Client().post(
        reverse("basket:add", kwargs={"pk": product.pk}),
        {"quantity": quantity, "next": next_url},
    )
    never_a_server_error(response)
    assert response.status_code == 302


@FUZZ
@given(quantity=any_number_like, total=any_number_like, line_id=any_number_like)
def test_basket_quantity_update_never_fails(product, quantity, total, line_id):
    client = Client()
    add_to_basket(client, product)
    response = client.post(
        reverse("basket:summary"),
        {
            "form-TOTAL_FORMS": total,
            "form-INITIAL_FORMS": "1",
            "form-MIN_NUM_FORMS": "0",
            "form-MAX_NUM_FORMS": "1000",
            "form-0-id": line_id,
            "form-0-quantity": quantity,
        },
    )
    never_a_server_error(response)


ADDRESS_FIELDS = [
    "title",
    "first_name",
    "last_name",
    "line1",
    "line2",
    "line3",
    "line4",
    "state",
    "postcode",
    "country",
    "phone_number",
    "notes",
]


@pytest.fixture
def guest_at_address_step(product):
    client = Client()
    add_to_basket(client, product)
    start_guest_checkout(client)
    return client


@FUZZ
@given(values=st.fixed_dictionaries(dict.fromkeys(ADDRESS_FIELDS, any_text)))
def test_checkout_shipping_address_never_fails(guest_at_address_step, values):
    response = guest_at_address_step.post(reverse("checkout:shipping-address"), values)
    never_a_server_error(response)


@FUZZ
@given(email=any_text, option=any_text, password=any_text)
def test_checkout_gateway_never_fails(product, email, option, password):
    client = Client()
    add_to_basket(client, product)
    response = client.post(
        reverse("checkout:index"),
        {"username": email, "options": option, "password": password},
    )
    never_a_server_error(response)


@pytest.fixture
def reviewer_client(product, django_user_model):
    client = Client()
    user = django_user_model.objects.create_user(
        "reviewer", "reviewer@example.com", "x"
    )
    client.force_login(user)
    return client


@FUZZ
@given(title=any_text, body=any_text, score=any_number_like)
def test_product_review_never_fails(product, reviewer_client, title, body, score):
    url = reverse(
        "catalogue:reviews-add",
        kwargs={"product_slug": product.slug, "product_pk": product.pk},
    )
    response = reviewer_client.post(url, {"title": title, "body": body, "score": score})
    never_a_server_error(response)


@FUZZ
@given(query=any_text, kind=any_text, page=any_number_like)
def test_site_search_never_fails(home_page, query, kind, page):
    client = Client()
    response = client.get("/search/", {"q": query, "kind": kind, "page": page})
    never_a_server_error(response)
    response = client.get("/search/suggest/", {"q": query})
    never_a_server_error(response)


URL_PREFIXES = [
    "/",
    "/articles/",
    "/articles/feed/",
    "/shop/catalogue/",
    "/shop/catalogue/category/",
    "/shop/basket/",
    "/shop/checkout/",
    "/shop/accounts/",
    "/search/",
    "/cms/",
    "/shop/dashboard/",
    "/media/",
    "/static/",
]


@FUZZ
@given(
    prefix=st.sampled_from(URL_PREFIXES),
    tail=any_text,
    query=st.dictionaries(any_text, any_text, max_size=3),
)
def test_arbitrary_urls_never_fail(home_page, prefix, tail, query):
    response = Client().get(prefix + quote(tail, safe="/"), query)
    never_a_server_error(response)


def test_invalid_review_score_redisplays_the_form(product, reviewer_client):
    """Found by the property test above: on an invalid form Oscar's star
    filter crashed on the score, which is then a string."""
    url = reverse(
        "catalogue:reviews-add",
        kwargs={"product_slug": product.slug, "product_pk": product.pk},
    )
    response = reviewer_client.post(url, {"title": "", "body": "", "score": "3"})
    assert response.status_code == 200
    assert response.context["form"].errors["title"]


def test_basket_add_with_a_bare_word_next_goes_to_the_basket(product):
    """Found by the property test above: next="0" was reversed as a URL name."""
    response = Client().post(
        reverse("basket:add", kwargs={"pk": product.pk}), {"next": "0"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("basket:summary")
