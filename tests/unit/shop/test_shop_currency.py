"""The product card's price filter gives Oscar's text, from a cache."""

from decimal import Decimal

import pytest
from django.utils import translation
from oscar.templatetags.currency_filters import currency as oscar_currency

from shop.templatetags.shop_currency import _formatted, currency


@pytest.mark.parametrize(
    "value", [Decimal("19.00"), Decimal("1234.5"), Decimal("0"), "7.25", 3, None, ""]
)
@pytest.mark.parametrize("currency_code", [None, "GBP", "EUR"])
def test_same_text_as_oscars_filter(value, currency_code):
    assert currency(value, currency_code) == oscar_currency(value, currency_code)


def test_not_a_number_gives_empty_text_like_oscar():
    assert currency("twelve") == oscar_currency("twelve") == ""


def test_each_language_gets_its_own_formatting():
    with translation.override("de"):
        german = currency(Decimal("1234.50"), "EUR")
        assert german == oscar_currency(Decimal("1234.50"), "EUR")
    with translation.override("en-gb"):
        british = currency(Decimal("1234.50"), "EUR")
        assert british == oscar_currency(Decimal("1234.50"), "EUR")
    assert german != british


def test_repeated_prices_are_formatted_once():
    _formatted.cache_clear()
    for _ in range(3):
        currency(Decimal("42.00"), "GBP")
    info = _formatted.cache_info()
    assert (info.misses, info.hits) == (1, 2)
