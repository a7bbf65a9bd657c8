"""A signed-in customer's order line address: the customer's own line leads
to the order; another customer's line, or no such line, is a 404."""

import pytest
from django.urls import reverse
from oscar.test.factories import create_order

from tests.factories_shop import create_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_customers_orders(home_page):
    ada = create_user(username="ada", email="ada@example.com")
    bob = create_user(username="bob", email="bob@example.com")
    return create_order(user=ada), create_order(user=bob)


def line_url(order, line_id):
    return reverse(
        "customer:order-line",
        kwargs={"order_number": order.number, "line_id": line_id},
    )


def test_own_order_line_leads_to_the_order(client, two_customers_orders):
    own, _ = two_customers_orders
    client.force_login(own.user)
    response = client.get(line_url(own, own.lines.get().pk), follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse(
        "customer:order", kwargs={"order_number": own.number}
    )
    assert str(own.number) in response.content.decode()


def test_another_customers_line_is_not_found(client, two_customers_orders):
    own, foreign = two_customers_orders
    client.force_login(own.user)
    # Another customer's line under the shopper's own order number.
    assert client.get(line_url(own, foreign.lines.get().pk)).status_code == 404
    # Another customer's order and line.
    assert client.get(line_url(foreign, foreign.lines.get().pk)).status_code == 404


def test_unknown_line_is_not_found(client, two_customers_orders):
    own, _ = two_customers_orders
    client.force_login(own.user)
    assert client.get(line_url(own, 999999)).status_code == 404
