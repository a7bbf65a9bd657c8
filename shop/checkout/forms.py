from django import forms
from oscar.apps.checkout.forms import GatewayForm as OscarGatewayForm


class GatewayForm(OscarGatewayForm):
    """Oscar's "who are you?" form; its template renders the password input
    beside a radio button without a <label>, so the input names itself."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].widget.attrs["aria-label"] = "Password"


class PaymentMethodForm(forms.Form):
    """Choose how to pay among the methods offered for this order."""

    method = forms.ChoiceField(
        label="How would you like to pay?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose how you would like to pay.",
            "invalid_choice": "Choose one of the payment methods listed.",
        },
    )

    def __init__(self, *args, methods, **kwargs):
        super().__init__(*args, **kwargs)
        self.methods = methods
        self.fields["method"].choices = [(m.code, m.name) for m in methods]
