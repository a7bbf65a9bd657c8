"""What attribution keeps: the callout behind each basket line and order
line, and daily counts per callout. Nothing names a visitor: no cookie, IP
address or user id is stored (docs/attribution.md)."""

from django.db import models
from wagtail.models import Page

from shop.basket.models import Line as BasketLine
from shop.order.models import Line as OrderLine

#: A StreamField block id is a UUID; tests and imports may use shorter ones.
BLOCK_ID_LENGTH = 64


class BasketLineCallout(models.Model):
    """The last callout that added to a basket line, and when.

    A table of its own rather than an Oscar line attribute, which would give
    the same product added from two callouts two lines."""

    line = models.OneToOneField(
        BasketLine, on_delete=models.CASCADE, related_name="callout_touch"
    )
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")
    block_id = models.CharField(max_length=BLOCK_ID_LENGTH)
    touched_at = models.DateTimeField()

    def __str__(self):
        return f"Basket line {self.line_id} from {self.page_id}.{self.block_id}"


class OrderLineCallout(models.Model):
    """The article and callout an order line is attributed to (last touch
    within ``ATTRIBUTION_WINDOW_DAYS``)."""

    line = models.OneToOneField(
        OrderLine, on_delete=models.CASCADE, related_name="callout_attribution"
    )
    # A deleted article keeps its sales in the totals, without a title.
    page = models.ForeignKey(
        Page, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    block_id = models.CharField(max_length=BLOCK_ID_LENGTH)
    touched_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["page", "block_id"])]

    def __str__(self):
        return f"Order line {self.line_id} from {self.page_id}.{self.block_id}"


class CalloutDay(models.Model):
    """One callout's counts for one day: impressions and clicks reported by
    the site's script, basket adds by the shop's signal."""

    date = models.DateField()
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")
    block_id = models.CharField(max_length=BLOCK_ID_LENGTH)
    impressions = models.PositiveIntegerField(default=0)
    clicks = models.PositiveIntegerField(default=0)
    adds = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["date", "page", "block_id"], name="one_callout_day"
            )
        ]

    def __str__(self):
        return f"{self.date} {self.page_id}.{self.block_id}"


class CalloutSalesDay(models.Model):
    """One callout's sales on one day, folded from order lines older than
    ``ATTRIBUTION_RETENTION_DAYS`` (retention.py), which are then deleted."""

    date = models.DateField()
    page = models.ForeignKey(
        Page, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    block_id = models.CharField(max_length=BLOCK_ID_LENGTH)
    orders = models.PositiveIntegerField(default=0)
    units = models.PositiveIntegerField(default=0)
    revenue = models.DecimalField(max_digits=14, decimal_places=2, default=0)

    class Meta:
        indexes = [models.Index(fields=["date", "page", "block_id"])]

    def __str__(self):
        return f"{self.date} {self.page_id}.{self.block_id} sales"
