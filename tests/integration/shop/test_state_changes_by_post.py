"""Low finding of issue 17: signing out and adding to a wish list change
state, so they happen only on POST (with the CSRF token); a GET shows a page
with the button, or is refused, and changes nothing."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from oscar.apps.wishlists.models import WishList

from tests.factories_shop import make_product

pytestmark = pytest.mark.django_db

LOGOUT = "/shop/accounts/logout/"


@pytest.fixture
def shopper(client, home_page):
    user = get_user_model().objects.create_user(
        "ada", email="ada@example.com", password="a-long-pass-phrase-42"
    )
    client.force_login(user)
    return user


def signed_in(client):
    return "_auth_user_id" in client.session


def test_get_logout_only_offers_a_sign_out_button(client, shopper):
    response = client.get(LOGOUT)
    assert response.status_code == 200
    assert signed_in(client)
    form = BeautifulSoup(response.content, "html.parser").find(
        "form", attrs={"data-logout-form": True}
    )
    assert form["method"] == "post"
    assert form["action"] == LOGOUT
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"})


def test_post_logout_signs_out(client, shopper):
    response = client.post(LOGOUT)
    assert response.status_code == 302
    assert not signed_in(client)


def test_header_sign_out_is_a_post_form(client, shopper):
    page = BeautifulSoup(client.get("/shop/catalogue/").content, "html.parser")
    assert not page.find("a", href=LOGOUT)
    [form] = page.find_all("form", action=LOGOUT)
    assert form["method"] == "post"


def test_get_wishlist_add_is_refused_and_changes_nothing(client, shopper):
    product = make_product(title="Lumbar roll")
    response = client.get(f"/shop/accounts/wishlists/add/{product.pk}/")
    assert response.status_code == 405
    assert not WishList.objects.filter(owner=shopper).exists()


def test_post_wishlist_add_adds_the_product(client, shopper):
    product = make_product(title="Lumbar roll")
    response = client.post(f"/shop/accounts/wishlists/add/{product.pk}/")
    assert response.status_code == 302
    [wishlist] = WishList.objects.filter(owner=shopper)
    assert [line.product for line in wishlist.lines.all()] == [product]


def test_get_add_to_a_named_wishlist_is_refused(client, shopper):
    product = make_product(title="Lumbar roll")
    wishlist = WishList.objects.create(owner=shopper, name="Recovery")
    url = f"/shop/accounts/wishlists/{wishlist.key}/add/{product.pk}/"
    assert client.get(url).status_code == 405
    assert not wishlist.lines.exists()
    assert client.post(url).status_code == 302
    assert wishlist.lines.get().product == product


def test_product_page_adds_to_wishlists_with_post_forms(client, shopper):
    product = make_product(title="Lumbar roll")
    WishList.objects.create(owner=shopper, name="Recovery")
    page = BeautifulSoup(client.get(product.get_absolute_url()).content, "html.parser")
    add_paths = [
        form["action"]
        for form in page.find_all("form", method="post")
        if "/wishlists/" in form.get("action", "") and "/add/" in form["action"]
    ]
    assert add_paths
    links = [a["href"] for a in page.find_all("a", href=True)]
    assert not [href for href in links if "/wishlists/" in href and "/add/" in href]
