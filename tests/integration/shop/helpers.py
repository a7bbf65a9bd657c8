"""Steps of the storefront checkout, driven through the test client."""

from django.urls import reverse

ADDRESS = {
    "first_name": "Ada",
    "last_name": "Walker",
    "line1": "1 Spine Street",
    "line4": "Leeds",
    "postcode": "LS1 1AA",
    "country": "GB",
    "phone_number": "",
}


def add_to_basket(client, product, quantity=1):
    response = client.post(
        reverse("basket:add", kwargs={"pk": product.pk}),
        {"quantity": quantity, "next": reverse("basket:summary")},
    )
    assert response.status_code == 302, response
    return response


def start_guest_checkout(client, email="ada@example.com"):
    response = client.post(
        reverse("checkout:index"), {"username": email, "options": "anonymous"}
    )
    assert response.status_code == 302, response.content[:2000]
    assert response["Location"] == reverse("checkout:shipping-address")


def go_to_preview(client, shipping="standard", payment="bank-transfer"):
    """Shipping address, delivery method and payment method: ends on the
    preview page, ready to place the order."""
    response = client.post(reverse("checkout:shipping-address"), ADDRESS)
    assert response.status_code == 302, response.content[:3000]
    response = client.post(
        reverse("checkout:shipping-method"), {"method_code": shipping}
    )
    assert response.status_code == 302, response.content[:3000]
    response = client.post(reverse("checkout:payment-method"), {"method": payment})
    assert response.status_code == 302, response.content[:3000]
    assert response["Location"] == reverse("checkout:preview")


def place_order(client):
    return client.post(reverse("checkout:preview"), {"action": "place_order"})


def guest_checkout(client, product, quantity=1, **kwargs):
    add_to_basket(client, product, quantity)
    start_guest_checkout(client)
    go_to_preview(client, **kwargs)
    return place_order(client)
