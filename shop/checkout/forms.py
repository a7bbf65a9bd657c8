"""Checkout forms of the shop."""

from django import forms

from shop.checkout.payment import PAYMENT_METHODS


class PaymentMethodForm(forms.Form):
    """Choose how to pay (offline methods; nothing is charged at checkout)."""

    method = forms.ChoiceField(
        label="How would you like to pay?",
        widget=forms.RadioSelect,
        choices=[(m.code, m.name) for m in PAYMENT_METHODS.values()],
        error_messages={
            "required": "Choose how you would like to pay.",
            "invalid_choice": "Choose one of the payment methods listed.",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.methods = list(PAYMENT_METHODS.values())
