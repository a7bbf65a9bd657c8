"""Basket forms capping a line's quantity, which Oscar leaves unbounded up to
where the database's integer overflows (a 500)."""

from django import forms
from oscar.apps.basket import forms as core_forms

MAX_LINE_QUANTITY = 99

QUANTITY_ERRORS = {
    "invalid": "Enter the quantity as a whole number, for example 1 or 2.",
    "min_value": "The quantity must be at least %(limit_value)s.",
    "max_value": (
        "You can buy at most %(limit_value)s of one product in an order. "
        "Contact us for larger orders."
    ),
    "required": "Enter a quantity.",
}


class AddToBasketForm(core_forms.AddToBasketForm):
    quantity = forms.IntegerField(
        initial=1,
        min_value=1,
        max_value=MAX_LINE_QUANTITY,
        label="Quantity",
        error_messages=QUANTITY_ERRORS,
    )


class SimpleAddToBasketForm(core_forms.SimpleAddToBasketMixin, AddToBasketForm):
    """The one-click form on product lists: quantity 1, hidden."""


class BasketLineForm(core_forms.BasketLineForm):
    quantity = forms.IntegerField(
        label="Quantity",
        # Oscar's basket template renders the input without its <label>.
        widget=forms.NumberInput(attrs={"aria-label": "Quantity"}),
        min_value=0,
        max_value=MAX_LINE_QUANTITY,
        required=False,
        initial=1,
        error_messages=QUANTITY_ERRORS,
    )
