"""Retention: attributed order lines and basket-line touches older than
``ATTRIBUTION_RETENTION_DAYS`` are folded into daily sales per callout and
deleted, so no record links an order to an article for longer."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from .models import BasketLineCallout, CalloutSalesDay, OrderLineCallout
from .reports import forget_closed_figures


def fold_old_attribution(now=None):
    """Fold and delete what is past retention; returns (order lines folded,
    basket-line touches deleted)."""
    days = settings.ATTRIBUTION_RETENTION_DAYS
    cutoff = (now or timezone.now()) - timedelta(days=days)
    with transaction.atomic():
        old = OrderLineCallout.objects.filter(line__order__date_placed__lt=cutoff)
        sales = (
            old.exclude(line__status__in=settings.ATTRIBUTION_UNCOUNTED_LINE_STATUSES)
            .annotate(date=TruncDate("line__order__date_placed"))
            .values("date", "page_id", "block_id")
            .annotate(
                orders=Count("line__order", distinct=True),
                units=Sum("line__quantity"),
                revenue=Sum("line__line_price_incl_tax"),
            )
            .order_by()
        )
        CalloutSalesDay.objects.bulk_create(CalloutSalesDay(**row) for row in sales)
        folded, _ = old.delete()
        touches, _ = BasketLineCallout.objects.filter(touched_at__lt=cutoff).delete()
        transaction.on_commit(forget_closed_figures)
    return folded, touches
