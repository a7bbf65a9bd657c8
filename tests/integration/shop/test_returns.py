"""Returns: the customer (or a guest through their order link) asks to
send lines back within SHOP_RETURN_DAYS; customer service accepts (refund,
restock once, lines Refunded) or declines, and the customer is emailed."""

from datetime import timedelta
from decimal import Decimal as D

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from shop.order.models import Order, ReturnRequest
from shop.partner.models import StockRecord
from tests.factories_shop import make_product
from tests.integration.shop.helpers import guest_checkout
from tests.integration.shop.test_dashboard_orders import order_url, staff_user
from tests.integration.shop.test_order_life import dispatch, record

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client():
    client = Client()
    client.force_login(staff_user("view_order", "change_order"))
    return client


@pytest.fixture
def products(db):
    return (
        make_product(title="Inversion table", price="120.00", num_in_stock=10),
        make_product(title="Lumbar roll", price="15.00", num_in_stock=10),
    )


def place(products, quantities=(2, 1)):
    shopper = Client()
    for product, quantity in zip(products[1:], quantities[1:], strict=True):
        shopper.post(
            reverse("basket:add", kwargs={"pk": product.pk}),
            {"quantity": quantity},
        )
    guest_checkout(
        shopper,
        products[0],
        quantity=quantities[0],
        shipping="express",
        payment="bank-transfer",
    )
    return Order.objects.get()


@pytest.fixture
def dispatched_order(products, staff_client):
    order = place(products)
    record(staff_client, order, amount=str(order.total_incl_tax))
    dispatch(staff_client, order)
    mail.outbox.clear()
    return Order.objects.get()


@pytest.fixture
def customer(django_user_model, dispatched_order):
    user = django_user_model.objects.create_user(
        username="ada", email="ada@example.com", password="x"
    )
    Order.objects.filter(pk=dispatched_order.pk).update(user=user)
    client = Client()
    client.force_login(user)
    return client


def return_url(order):
    return reverse("customer:order-return", kwargs={"order_number": order.number})


def lines(order):
    table, roll = (order.lines.get(title=t) for t in ("Inversion table", "Lumbar roll"))
    return table, roll


def ask(client, order, quantities, reason="changed-mind", url=None):
    data = {f"line_{line.pk}": q for line, q in quantities.items()}
    return client.post(url or return_url(order), {**data, "reason": reason})


def stock(product):
    record = StockRecord.objects.get(product=product)
    return record.num_in_stock, record.num_allocated


def accept(client, request, amount):
    return client.post(
        order_url(request.order),
        {"order_action": "accept_return", "return_id": request.pk, "amount": amount},
        follow=True,
    )


def test_the_customer_asks_to_return_some_lines(customer, dispatched_order):
    page = customer.get(
        reverse("customer:order", kwargs={"order_number": dispatched_order.number})
    )
    assert return_url(dispatched_order).encode() in page.content
    form = customer.get(return_url(dispatched_order)).content.decode()
    assert "within 30 days of delivery" in form
    table, roll = lines(dispatched_order)
    response = ask(customer, dispatched_order, {table: 1, roll: 0})
    assert response.status_code == 302
    request = ReturnRequest.objects.get()
    assert request.state == "requested"
    assert [(rl.line, rl.quantity) for rl in request.lines.all()] == [(table, 1)]
    page = customer.get(response["Location"]).content.decode()
    assert f"Your return request {request.pk}" in page
    assert "1 × Inversion table. Waiting for us to look at it." in page


def test_customer_service_accepts_refunds_and_restocks_once(
    customer, staff_client, dispatched_order, products
):
    table, roll = lines(dispatched_order)
    assert stock(products[0]) == (8, 0)
    ask(customer, dispatched_order, {table: 2})
    request = ReturnRequest.objects.get()
    listed = staff_client.get(reverse("dashboard:order-return-list")).content.decode()
    assert f'data-return-id="{request.pk}"' in listed
    page = staff_client.get(order_url(dispatched_order)).content.decode()
    assert 'value="240.00"' in page
    response = accept(staff_client, request, "240.00")
    assert f"Return {request.pk} accepted" in response.content.decode()
    assert stock(products[0]) == (10, 0)
    accept(staff_client, request, "240.00")
    assert stock(products[0]) == (10, 0)
    order = Order.objects.get()
    assert order.sources.get().amount_refunded == D("240.00")
    assert order.payment_events.filter(event_type__name="Refunded").count() == 1
    assert order.shipping_events.filter(event_type__name="Returned").count() == 1
    table.refresh_from_db()
    roll.refresh_from_db()
    assert (table.status, roll.status) == ("Refunded", "Dispatched")
    assert order.status == "Dispatched"
    [email] = mail.outbox
    assert email.subject == (
        f"Your return for Backbone order {order.number} is accepted"
    )
    assert "2 × Inversion table" in email.body
    assert "We have refunded £240.00" in email.body


def test_everything_returned_makes_the_order_refunded(
    customer, staff_client, dispatched_order, products
):
    table, roll = lines(dispatched_order)
    ask(customer, dispatched_order, {table: 2, roll: 1})
    accept(staff_client, ReturnRequest.objects.get(), "255.00")
    order = Order.objects.get()
    assert order.status == "Refunded"
    assert {line.status for line in order.lines.all()} == {"Refunded"}
    assert (stock(products[0]), stock(products[1])) == ((10, 0), (10, 0))
    response = customer.get(return_url(order))
    assert "has been refunded in full" in response.content.decode()


def test_a_declined_return_is_emailed_and_frees_the_lines(
    customer, staff_client, dispatched_order, products
):
    table, _ = lines(dispatched_order)
    ask(customer, dispatched_order, {table: 2})
    request = ReturnRequest.objects.get()
    staff_client.post(
        order_url(dispatched_order),
        {
            "order_action": "decline_return",
            "return_id": request.pk,
            "response": "The table has been used outdoors.",
        },
    )
    request.refresh_from_db()
    assert request.state == "declined"
    assert stock(products[0]) == (8, 0)
    [email] = mail.outbox
    assert "is declined" in email.subject
    assert "The table has been used outdoors." in email.body
    assert ask(customer, dispatched_order, {table: 2}).status_code == 302


def test_a_refund_larger_than_paid_is_refused_and_nothing_changes(
    customer, staff_client, dispatched_order, products
):
    table, _ = lines(dispatched_order)
    ask(customer, dispatched_order, {table: 1})
    response = accept(staff_client, ReturnRequest.objects.get(), "900.00")
    assert "is more than the GBP 262.95 paid" in response.content.decode()
    assert ReturnRequest.objects.get().state == "requested"
    assert stock(products[0]) == (8, 0)
    assert mail.outbox == []


def test_a_guest_asks_through_their_order_link(dispatched_order):
    guest = Client()
    status_path = reverse(
        "customer:anon-order",
        kwargs={
            "order_number": dispatched_order.number,
            "hash": dispatched_order.verification_hash(),
        },
    )
    guest_return = status_path + "return/"
    assert "order-status-form" in guest.get(guest_return)["Location"]
    form = guest.get(status_path, follow=True).redirect_chain[-1][0]
    page = guest.post(form, {"email": "ada@example.com"}, follow=True)
    assert guest_return.encode() in page.content
    table, _ = lines(dispatched_order)
    response = ask(guest, dispatched_order, {table: 1}, url=guest_return)
    assert response["Location"] == status_path
    assert ReturnRequest.objects.get().lines.get().quantity == 1


def test_outside_the_window_is_a_message(customer, dispatched_order, settings):
    dispatched_order.dispatches.update(
        created=dispatched_order.dispatches.get().created - timedelta(days=31)
    )
    response = customer.get(return_url(dispatched_order))
    assert response.status_code == 200
    assert "The 30-day return window for order" in response.content.decode()
    table, _ = lines(dispatched_order)
    response = ask(customer, dispatched_order, {table: 1})
    assert response.status_code == 200
    assert not ReturnRequest.objects.exists()
    settings.SHOP_RETURN_DAYS = 40
    assert ask(customer, dispatched_order, {table: 1}).status_code == 302


def test_the_window_runs_from_delivery(customer, staff_client, dispatched_order):
    dispatched_order.dispatches.update(
        created=dispatched_order.dispatches.get().created - timedelta(days=31)
    )
    staff_client.post(
        order_url(dispatched_order),
        {"order_action": "change_order_status", "new_status": "Delivered"},
    )
    table, _ = lines(dispatched_order)
    assert ask(customer, dispatched_order, {table: 1}).status_code == 302


def test_an_undispatched_order_cannot_be_returned(
    products, staff_client, django_user_model
):
    order = place(products)
    user = django_user_model.objects.create_user(
        username="bo", email="ada@example.com", password="x"
    )
    Order.objects.filter(pk=order.pk).update(user=user)
    client = Client()
    client.force_login(user)
    response = client.get(return_url(order))
    assert "has not been dispatched yet" in response.content.decode()
    table, _ = lines(order)
    assert ask(client, order, {table: 1}).status_code == 200
    assert not ReturnRequest.objects.exists()


@pytest.mark.parametrize(
    ("quantity", "error"),
    [
        (3, "You can return at most 2 of “Inversion table”."),
        (-1, "Enter how many of “Inversion table” to return."),
        ("two", "Enter how many of “Inversion table” to return."),
        (0, "Choose how many of an item to return."),
    ],
)
def test_bad_quantities_are_form_errors(customer, dispatched_order, quantity, error):
    table, _ = lines(dispatched_order)
    response = ask(customer, dispatched_order, {table: quantity})
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not ReturnRequest.objects.exists()


def test_a_bad_reason_is_a_form_error(customer, dispatched_order):
    table, _ = lines(dispatched_order)
    response = ask(customer, dispatched_order, {table: 1}, reason="free money")
    assert "Choose one of the reasons listed." in response.content.decode()
    assert not ReturnRequest.objects.exists()


def test_a_forged_line_is_a_form_error(customer, dispatched_order, products):
    other = Order.objects.get()
    table, _ = lines(other)
    response = customer.post(
        return_url(dispatched_order),
        {f"line_{table.pk + 1000}": 1, f"line_{table.pk}": 1, "reason": "other"},
    )
    assert response.status_code == 200
    assert "not part of this order" in response.content.decode()
    assert not ReturnRequest.objects.exists()


def test_a_line_returned_twice_is_refused(customer, dispatched_order):
    table, _ = lines(dispatched_order)
    assert ask(customer, dispatched_order, {table: 2}).status_code == 302
    response = ask(customer, dispatched_order, {table: 1})
    assert response.status_code == 200
    assert "not part of this order or cannot be returned" in response.content.decode()
    assert ReturnRequest.objects.count() == 1


def test_another_customers_order_is_not_found(
    dispatched_order, customer, django_user_model
):
    stranger = Client()
    stranger.force_login(
        django_user_model.objects.create_user(
            username="eve", email="eve@example.com", password="x"
        )
    )
    assert stranger.get(return_url(dispatched_order)).status_code == 404
    table, _ = lines(dispatched_order)
    assert ask(stranger, dispatched_order, {table: 1}).status_code == 404
    assert not ReturnRequest.objects.exists()


def test_a_return_of_another_order_cannot_be_decided_here(
    customer, staff_client, dispatched_order
):
    table, _ = lines(dispatched_order)
    ask(customer, dispatched_order, {table: 1})
    request = ReturnRequest.objects.get()
    response = staff_client.post(
        order_url(dispatched_order),
        {"order_action": "accept_return", "return_id": request.pk + 1, "amount": "1"},
        follow=True,
    )
    assert "not one of this order" in response.content.decode()
    response = staff_client.post(
        order_url(dispatched_order),
        {"order_action": "accept_return", "return_id": "x", "amount": "1"},
        follow=True,
    )
    assert response.status_code == 200
    assert ReturnRequest.objects.get().state == "requested"


def test_staff_who_may_only_view_cannot_decide(customer, dispatched_order):
    table, _ = lines(dispatched_order)
    ask(customer, dispatched_order, {table: 1})
    viewer = Client()
    viewer.force_login(staff_user("view_order"))
    request = ReturnRequest.objects.get()
    assert viewer.get(reverse("dashboard:order-return-list")).status_code == 200
    response = viewer.post(
        order_url(dispatched_order),
        {"order_action": "accept_return", "return_id": request.pk, "amount": "120"},
    )
    assert response.status_code == 403
    assert ReturnRequest.objects.get().state == "requested"
