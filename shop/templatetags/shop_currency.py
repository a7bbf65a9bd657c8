"""Oscar's ``currency`` filter, remembering the prices it has formatted.

Babel builds each price's text from the locale's number patterns, which
costs more than rendering the rest of a product card; a page of cards shows
a couple of dozen prices drawn from far fewer distinct amounts. The text
depends only on the amount, the currency and the active language, so each
process keeps the most recent few thousand.
"""

from functools import lru_cache

from django import template
from django.utils.translation import get_language
from oscar.templatetags.currency_filters import currency as oscar_currency

register = template.Library()


@lru_cache(maxsize=4096)
def _formatted(amount, currency_format, language):
    # ``language`` is part of the key: Oscar's filter reads the active one.
    return oscar_currency(amount, currency_format)


@register.filter(name="currency")
def currency(value, currency_format=None):
    """Format a decimal amount as a price, exactly as Oscar's filter does."""
    if value is None or value == "":
        return oscar_currency(value, currency_format)
    return _formatted(str(value), currency_format, get_language())
