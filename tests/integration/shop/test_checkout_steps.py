"""Every checkout step shows where the shopper is: a labelled step list with
the current step marked aria-current="step" and finished steps linked back."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from tests.factories_shop import make_product
from tests.integration.shop.helpers import (
    ADDRESS,
    add_to_basket,
    place_order,
    start_guest_checkout,
)

pytestmark = pytest.mark.django_db

STEPS = ["Delivery address", "Delivery method", "Payment", "Review order"]


def step_indicator(response):
    assert response.status_code == 200, response.content[:2000]
    soup = BeautifulSoup(response.content, "html.parser")
    [nav] = soup.select('nav[aria-label="Checkout steps"]')
    steps = nav.select("ol > li")
    [current] = nav.select('[aria-current="step"]')
    return steps, current


def step_text(step):
    return " ".join(step.get_text(" ", strip=True).split())


def assert_on_step(response, number):
    steps, current = step_indicator(response)
    assert len(steps) == 5
    assert current is steps[number - 1]
    assert STEPS[number - 1] in step_text(current)
    assert current.find("a") is None
    links = {
        step_text(step): step.find("a")["href"] for step in steps if step.find("a")
    }
    expected = [
        reverse("checkout:shipping-address"),
        reverse("checkout:shipping-method"),
        reverse("checkout:payment-method"),
    ][: number - 1]
    assert list(links.values()) == expected
    for done in steps[: number - 1]:
        assert "(done)" in step_text(done)
    for later in steps[number:]:
        assert later.find("a") is None


def test_each_checkout_step_marks_itself_current(client):
    add_to_basket(client, make_product(title="Wedge cushion", price="21.00"))
    start_guest_checkout(client)

    assert_on_step(client.get(reverse("checkout:shipping-address")), 1)
    client.post(reverse("checkout:shipping-address"), ADDRESS)
    assert_on_step(client.get(reverse("checkout:shipping-method")), 2)
    client.post(reverse("checkout:shipping-method"), {"method_code": "standard"})
    assert_on_step(client.get(reverse("checkout:payment-method")), 3)
    client.post(reverse("checkout:payment-method"), {"method": "bank-transfer"})
    preview = client.get(reverse("checkout:preview"))
    assert_on_step(preview, 4)
    # The step's title is the page's one heading, right under the steps.
    soup = BeautifulSoup(preview.content, "html.parser")
    [heading] = soup.find_all("h1")
    assert heading.get_text(strip=True)
    assert (
        soup.select_one('nav[aria-label="Checkout steps"]').find_next("h1") is heading
    )

    assert place_order(client).status_code == 302
    thank_you = client.get(reverse("checkout:thank-you"))
    steps, current = step_indicator(thank_you)
    assert "Confirmation" in step_text(current)
    # The order is placed: nothing links back into the finished checkout.
    assert [step for step in steps if step.find("a")] == []
