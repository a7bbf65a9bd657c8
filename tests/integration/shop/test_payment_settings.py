"""The offline methods follow their settings: bank details, bank transfer
on or off, and the pay-on-delivery limit and fee."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from shop.order.models import Order
from tests.factories_shop import make_product
from tests.integration.shop.helpers import (
    ADDRESS,
    add_to_basket,
    guest_checkout,
    start_guest_checkout,
)

pytestmark = pytest.mark.django_db


def choose_delivery(client, product):
    add_to_basket(client, product)
    start_guest_checkout(client)
    client.post(reverse("checkout:shipping-address"), ADDRESS)
    client.post(reverse("checkout:shipping-method"), {"method_code": "standard"})


def test_bank_details_come_from_settings(client, settings):
    settings.SHOP_BANK_ACCOUNT = {
        "account_name": "Spine Shop Ltd",
        "sort_code": "20-45-77",
        "account_number": "43917265",
    }
    guest_checkout(client, make_product(price="20.00"), payment="bank-transfer")
    page = client.get(reverse("checkout:thank-you")).content.decode()
    assert "Spine Shop Ltd, sort code 20-45-77, account number 43917265" in page


def test_bank_transfer_switched_off_is_neither_offered_nor_accepted(client, settings):
    settings.SHOP_BANK_TRANSFER_ENABLED = False
    choose_delivery(client, make_product(price="20.00"))
    page = client.get(reverse("checkout:payment-method"))
    assert b'value="bank-transfer"' not in page.content
    assert b'value="pay-on-delivery"' in page.content
    response = client.post(
        reverse("checkout:payment-method"), {"method": "bank-transfer"}
    )
    assert response.status_code == 200
    assert b"Choose one of the payment methods listed." in response.content


def test_pay_on_delivery_is_not_offered_above_its_limit(client, settings):
    settings.SHOP_PAY_ON_DELIVERY_LIMIT = "50.00"
    # 60.00 is over the free-delivery threshold: the total is 60.00.
    choose_delivery(client, make_product(price="60.00"))
    page = client.get(reverse("checkout:payment-method"))
    assert b'value="pay-on-delivery"' not in page.content
    response = client.post(
        reverse("checkout:payment-method"), {"method": "pay-on-delivery"}
    )
    assert b"Choose one of the payment methods listed." in response.content


def test_pay_on_delivery_is_offered_up_to_its_limit(client, settings):
    settings.SHOP_PAY_ON_DELIVERY_LIMIT = "50.00"
    choose_delivery(client, make_product(price="20.00"))
    page = client.get(reverse("checkout:payment-method"))
    assert b'value="pay-on-delivery"' in page.content


def test_pay_on_delivery_fee_is_added_to_the_order_total(client, settings):
    settings.SHOP_PAY_ON_DELIVERY_FEE = "2.50"
    response = guest_checkout(
        client, make_product(price="20.00"), payment="pay-on-delivery"
    )
    assert response.status_code == 302
    order = Order.objects.get()
    # 20.00 plus standard delivery 3.95 plus the fee.
    assert order.total_incl_tax == D("26.45")
    assert order.surcharges.get().incl_tax == D("2.50")


def test_bank_transfer_pays_no_fee(client, settings):
    settings.SHOP_PAY_ON_DELIVERY_FEE = "2.50"
    guest_checkout(client, make_product(price="20.00"), payment="bank-transfer")
    assert Order.objects.get().total_incl_tax == D("23.95")
