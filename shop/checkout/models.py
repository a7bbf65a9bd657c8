import uuid

from django.db import models
from oscar.apps.checkout.models import *  # noqa: F403


class CardPayment(models.Model):
    """A Stripe PaymentIntent for a basket's total. The webhook marks it
    succeeded; the order placed from the basket is made "Paid" once, by
    whichever of the two comes second."""

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    intent_id = models.CharField(max_length=255, unique=True, null=True)
    basket_id = models.PositiveIntegerField(db_index=True)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=12)
    succeeded = models.BooleanField(default=False)
    # Declined: the next try gets a new intent.
    declined = models.BooleanField(default=False)
    recorded = models.BooleanField(default=False)
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.intent_id} ({self.currency} {self.amount})"
