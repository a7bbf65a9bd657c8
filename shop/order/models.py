from urllib.parse import quote

from django.conf import settings
from django.db import models
from oscar.apps.order.models import *  # noqa: F403


class Dispatch(models.Model):
    """A parcel handed to a carrier, with the number to track it by."""

    order = models.ForeignKey(
        "order.Order",
        on_delete=models.CASCADE,
        related_name="dispatches",
    )
    carrier = models.CharField(max_length=64)
    tracking_number = models.CharField(max_length=64)
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.order.number}: {self.carrier} {self.tracking_number}"

    @property
    def carrier_name(self):
        return settings.SHOP_CARRIERS.get(self.carrier, {}).get("name", self.carrier)

    @property
    def tracking_url(self):
        template = settings.SHOP_CARRIERS.get(self.carrier, {}).get("tracking_url")
        if not template:
            return ""
        return template.format(tracking=quote(self.tracking_number, safe=""))


class ReturnRequest(models.Model):
    """A customer's request to send back some of an order's lines; customer
    service accepts it (refund and restock) or declines it."""

    REQUESTED = "requested"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    STATES = [
        (REQUESTED, "Requested"),
        (ACCEPTED, "Accepted"),
        (DECLINED, "Declined"),
    ]
    REASONS = [
        ("changed-mind", "I changed my mind"),
        ("not-suitable", "It does not suit me"),
        ("faulty", "It is faulty or damaged"),
        ("wrong-item", "I was sent the wrong item"),
        ("other", "Another reason"),
    ]

    order = models.ForeignKey(
        "order.Order", on_delete=models.CASCADE, related_name="return_requests"
    )
    state = models.CharField(max_length=16, choices=STATES, default=REQUESTED)
    reason = models.CharField(max_length=32, choices=REASONS)
    details = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)
    decided = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    refund_amount = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True
    )
    # What customer service tells the customer when declining.
    response = models.TextField(blank=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        return f"Return {self.pk} of order {self.order.number} ({self.state})"


class ReturnLine(models.Model):
    """How many of an order line a return request sends back."""

    request = models.ForeignKey(
        ReturnRequest, on_delete=models.CASCADE, related_name="lines"
    )
    line = models.ForeignKey(
        "order.Line", on_delete=models.CASCADE, related_name="return_lines"
    )
    quantity = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["request", "line"], name="order_returnline_once_per_request"
            ),
            models.CheckConstraint(
                condition=models.Q(quantity__gt=0),
                name="order_returnline_quantity_positive",
            ),
        ]

    def __str__(self):
        return f"{self.quantity} × {self.line.title}"
