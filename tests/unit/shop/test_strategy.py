from decimal import Decimal as D

import pytest
from oscar.core.loading import get_class

from shop.partner.strategy import Default, Selector, vat_included_in
from tests.factories_shop import make_product

pytestmark = pytest.mark.django_db


def test_oscar_loads_the_shop_selector():
    assert get_class("partner.strategy", "Selector") is Selector
    assert isinstance(Selector().strategy(), Default)


def test_price_includes_twenty_percent_vat():
    product = make_product(price="24.00")
    price = Default().fetch_for_product(product).price
    assert price.is_tax_known
    assert price.incl_tax == D("24.00")
    assert price.tax == D("4.00")
    assert price.excl_tax == D("20.00")
    assert price.was_incl_tax is None
    assert price.was_excl_tax is None


def test_was_price_shown_only_when_higher():
    on_sale = make_product(price="30.00", was_price="40.00")
    price = Default().fetch_for_product(on_sale).price
    assert price.was_incl_tax == D("40.00")
    assert price.was_excl_tax == D("33.33")

    not_on_sale = make_product(price="30.00", was_price="25.00")
    assert Default().fetch_for_product(not_on_sale).price.was_incl_tax is None


def test_vat_rounds_to_the_penny():
    assert vat_included_in(D("9.99")) == D("1.67")


def test_product_without_stockrecord_has_no_price():
    product = make_product()
    product.stockrecords.all().delete()
    info = Default().fetch_for_product(product)
    assert not info.price.exists
    assert info.price.was_incl_tax is None
    assert not info.availability.is_available_to_buy
