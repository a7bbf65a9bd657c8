from django import forms
from oscar.apps.checkout.forms import GatewayForm as OscarGatewayForm

from shop.checkout.payment import PAYMENT_METHODS


class GatewayForm(OscarGatewayForm):
    """Oscar's "who are you?" form; its template renders the password input
    beside a radio button without a <label>, so the input names itself."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].widget.attrs["aria-label"] = "Password"


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
    methods = list(PAYMENT_METHODS.values())
