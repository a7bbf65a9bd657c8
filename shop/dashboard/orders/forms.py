from decimal import Decimal as D

from django import forms
from django.conf import settings
from django.core.validators import RegexValidator


class RecordPaymentForm(forms.Form):
    """Money received for an order (bank transfer arrived, courier paid)."""

    amount = forms.DecimalField(
        label="Amount received (£)",
        min_value=D("0.01"),
        max_digits=12,
        decimal_places=2,
        error_messages={
            "invalid": "Enter the amount received, for example 52.45.",
            "required": "Enter the amount received.",
        },
    )
    reference = forms.CharField(
        label="Payment reference",
        required=False,
        max_length=128,
        help_text="The bank or courier reference, if any.",
    )
    mark_paid = forms.BooleanField(
        label="Mark the order paid even if this is less than what is owed",
        required=False,
    )


def refund_field(label):
    """An amount of money to give back, in pounds and pence."""
    return forms.DecimalField(
        label=label,
        min_value=D("0.01"),
        max_digits=12,
        decimal_places=2,
        error_messages={
            "invalid": "Enter the amount to refund, for example 12.50.",
            "required": "Enter the amount to refund.",
        },
    )


class CardRefundForm(forms.Form):
    """Money given back through Stripe for an order paid by card."""

    refund_amount = refund_field("Amount to refund (£)")


class DispatchForm(forms.Form):
    """The carrier a paid order leaves with, and its tracking number."""

    carrier = forms.ChoiceField(
        label="Carrier",
        error_messages={
            "required": "Choose the carrier.",
            "invalid_choice": "Choose one of the carriers listed.",
        },
    )
    tracking_number = forms.CharField(
        label="Tracking number",
        max_length=64,
        validators=[
            RegexValidator(
                r"^[A-Za-z0-9][A-Za-z0-9 -]*$",
                "A tracking number has letters, digits, spaces and hyphens only.",
            )
        ],
        error_messages={"required": "Enter the tracking number."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["carrier"].choices = [
            (code, carrier["name"]) for code, carrier in settings.SHOP_CARRIERS.items()
        ]


class AcceptReturnForm(forms.Form):
    """The money given back for a return customer service accepts."""

    return_id = forms.IntegerField(widget=forms.HiddenInput)
    amount = refund_field("Refund (£)")


class DeclineReturnForm(forms.Form):
    """Why customer service declines a return, told to the customer."""

    return_id = forms.IntegerField(widget=forms.HiddenInput)
    response = forms.CharField(
        label="Why (sent to the customer)",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say why the return is declined."},
    )
