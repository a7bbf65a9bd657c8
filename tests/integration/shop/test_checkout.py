"""A guest buys through every checkout step; staff then record the payment."""

from decimal import Decimal as D

import pytest
from django.core import mail
from django.urls import reverse

from shop.checkout.views import PaymentDetailsView
from shop.order.models import Order, ShippingAddress
from shop.partner.models import StockRecord
from tests.factories_shop import make_product
from tests.integration.shop.helpers import (
    add_to_basket,
    go_to_preview,
    guest_checkout,
    place_order,
    start_guest_checkout,
)

pytestmark = pytest.mark.django_db


def test_guest_checkout_places_order_with_lines_totals_and_shipping(client):
    cushion = make_product(title="Lumbar cushion", price="18.00", num_in_stock=5)
    roller = make_product(title="Foam roller", price="12.50", was_price="15.00")
    add_to_basket(client, cushion, 2)
    add_to_basket(client, roller, 1)
    start_guest_checkout(client)
    go_to_preview(client, shipping="standard", payment="bank-transfer")

    preview = client.get(reverse("checkout:preview"))
    assert preview.status_code == 200
    assert b"Bank transfer" in preview.content

    response = place_order(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("checkout:thank-you")

    order = Order.objects.get()
    assert order.guest_email == "ada@example.com"
    assert order.status == "Pending payment"
    lines = {line.title: line for line in order.lines.all()}
    assert lines["Lumbar cushion"].quantity == 2
    assert lines["Lumbar cushion"].line_price_incl_tax == D("36.00")
    assert lines["Foam roller"].unit_price_incl_tax == D("12.50")
    # 48.50 is under the free-delivery threshold: standard costs 3.95.
    assert order.basket_total_incl_tax == D("48.50")
    assert order.shipping_code == "standard"
    assert order.shipping_incl_tax == D("3.95")
    assert order.total_incl_tax == D("52.45")
    assert order.total_tax == D("8.74")
    assert order.shipping_address.postcode == "LS1 1AA"

    stock = StockRecord.objects.get(product=cushion)
    assert (stock.num_in_stock, stock.num_allocated) == (5, 2)

    source = order.sources.get()
    assert source.source_type.name == "Bank transfer"
    assert source.amount_debited == D("0.00")

    thank_you = client.get(reverse("checkout:thank-you"))
    assert thank_you.status_code == 200
    assert order.number.encode() in thank_you.content
    assert b"sort code" in thank_you.content
    # The basket is empty again: the mini-basket shows no items.
    assert b"data-mini-basket-count>0<" in thank_you.content


def test_confirmation_email_has_number_lines_and_bank_details(client):
    product = make_product(title="Posture corrector", price="29.99")
    guest_checkout(client, product, quantity=1, payment="bank-transfer")
    order = Order.objects.get()
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["ada@example.com"]
    assert order.number in email.subject
    assert "1 x Posture corrector: £29.99" in email.body
    assert f"Total (incl. VAT): £{order.total_incl_tax}" in email.body
    assert "sort code" in email.body
    assert f"using your order number {order.number}" in email.body
    html = email.alternatives[0][0]
    assert "Posture corrector" in html and "sort code" in html


class MailServerDown:
    """An email backend whose server refuses every connection."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def test_mail_server_down_still_places_one_order_and_thanks_the_shopper(
    client, settings
):
    settings.EMAIL_BACKEND = "site_project.email.TaskEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = f"{__name__}.MailServerDown"
    product = make_product(title="Heat wrap", price="20.00", num_in_stock=3)
    response = guest_checkout(client, product, payment="bank-transfer")
    assert response.status_code == 302
    assert response["Location"] == reverse("checkout:thank-you")
    order = Order.objects.get()
    assert order.lines.get().title == "Heat wrap"
    thank_you = client.get(reverse("checkout:thank-you"))
    assert order.number.encode() in thank_you.content
    # The basket was submitted with the order: nothing left to order twice.
    assert b"data-mini-basket-count>0<" in thank_you.content


def test_pay_on_delivery_email_has_no_bank_details(client):
    product = make_product(price="10.00")
    guest_checkout(client, product, payment="pay-on-delivery")
    body = mail.outbox[0].body
    assert "Pay on delivery" in body
    assert "sort code" not in body


def test_standard_delivery_is_free_over_threshold_and_express_is_not(client):
    product = make_product(price="25.00")
    guest_checkout(client, product, quantity=2, shipping="standard")
    order = Order.objects.get()
    assert order.shipping_incl_tax == D("0.00")
    assert order.total_incl_tax == D("50.00")

    other = make_product(price="25.00")
    client.cookies.clear()
    guest_checkout(client, other, quantity=2, shipping="express")
    express = Order.objects.exclude(pk=order.pk).get()
    assert express.shipping_code == "express"
    assert express.shipping_incl_tax == D("7.95")
    assert express.total_incl_tax == D("57.95")


def test_checkout_with_empty_basket_redirects_to_basket_with_message(client):
    response = client.get(reverse("checkout:index"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("basket:summary")
    assert b"empty" in response.content.lower()
    response = place_order(client)
    assert response.status_code == 302
    assert Order.objects.count() == 0


def test_preview_without_payment_method_asks_for_one(client):
    product = make_product()
    add_to_basket(client, product)
    start_guest_checkout(client)
    response = client.get(reverse("checkout:preview"))
    assert response.status_code == 302


def test_unknown_payment_method_is_a_form_error(client):
    product = make_product()
    add_to_basket(client, product)
    start_guest_checkout(client)
    go_to_preview(client)
    response = client.post(reverse("checkout:payment-method"), {"method": "bitcoin"})
    assert response.status_code == 200
    assert b"Choose one of the payment methods listed." in response.content


def test_stock_gone_before_place_order_redirects_to_basket(client):
    product = make_product(title="Massage ball", num_in_stock=1)
    add_to_basket(client, product)
    start_guest_checkout(client)
    go_to_preview(client)
    StockRecord.objects.filter(product=product).update(num_allocated=1)
    response = place_order(client)
    assert response.status_code == 302
    assert Order.objects.count() == 0
    basket = client.get(reverse("basket:summary"))
    assert basket.context["basket"].num_items == 1


def test_stock_gone_during_placement_shows_message_and_keeps_basket(
    client, monkeypatch
):
    """Another shopper takes the last unit after this checkout's checks passed
    (simulated while payment is arranged): no order, a clear message, and the
    basket is thawed with its line intact."""
    product = make_product(title="Massage ball", num_in_stock=1)
    add_to_basket(client, product)
    start_guest_checkout(client)
    go_to_preview(client)
    original = PaymentDetailsView.handle_payment

    def someone_else_buys_it(view, *args, **kwargs):
        StockRecord.objects.filter(product=product).update(num_allocated=1)
        return original(view, *args, **kwargs)

    monkeypatch.setattr(PaymentDetailsView, "handle_payment", someone_else_buys_it)
    response = place_order(client)
    assert response.status_code == 200
    assert "“Massage ball” is no longer in stock" in response.content.decode()
    assert Order.objects.count() == 0
    assert not ShippingAddress.objects.exists()
    assert len(mail.outbox) == 0
    basket = client.get(reverse("basket:summary")).context["basket"]
    assert basket.status == "Open"
    assert basket.num_items == 1
    stock = StockRecord.objects.get(product=product)
    assert stock.num_allocated == 1
