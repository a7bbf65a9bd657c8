from decimal import Decimal as D

from django import forms


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


class CardRefundForm(forms.Form):
    """Money given back through Stripe for an order paid by card."""

    refund_amount = forms.DecimalField(
        label="Amount to refund (£)",
        min_value=D("0.01"),
        max_digits=12,
        decimal_places=2,
        error_messages={
            "invalid": "Enter the amount to refund, for example 12.50.",
            "required": "Enter the amount to refund.",
        },
    )
