"""Oscar's signals: a basket add from a callout remembers the callout on its
basket line; a placed order keeps it on each order line (docs/attribution.md)."""

from datetime import timedelta

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from oscar.apps.basket.signals import basket_addition
from oscar.apps.order.signals import order_placed
from wagtail.models import Page

from shop.order.models import Line as OrderLine

from .callouts import count, parse_via, real_callouts
from .models import BasketLineCallout, OrderLineCallout
from .reports import forget_closed_figures


def posted_callout(data):
    """The (page id, block id) a basket form posted, if it names a real callout."""
    page_id, block_id = data.get("callout_page", ""), data.get("callout_block", "")
    pair = parse_via(f"{page_id}.{block_id}")
    if pair is None or not real_callouts([pair]):
        return None
    return pair


@receiver(basket_addition, dispatch_uid="attribution.basket_addition")
def remember_callout(sender, request, **kwargs):
    line = getattr(sender, "line", None)
    pair = posted_callout(request.POST) if line is not None else None
    if pair is None:
        return
    page_id, block_id = pair
    BasketLineCallout.objects.update_or_create(
        line=line,
        defaults={
            "page_id": page_id,
            "block_id": block_id,
            "touched_at": timezone.now(),
        },
    )
    count(page_id, block_id, adds=1)


@receiver(order_placed, dispatch_uid="attribution.order_placed")
def attribute_order(sender, order, **kwargs):
    """Each order line whose basket line a callout touched within the window.

    Oscar writes the order lines in the order of the basket lines' ids, so
    the two lists pair up; the product is checked too."""
    if order.basket_id is None:
        return
    since = order.date_placed - timedelta(days=settings.ATTRIBUTION_WINDOW_DAYS)
    touches = {
        touch.line_id: touch
        for touch in BasketLineCallout.objects.filter(
            line__basket_id=order.basket_id, touched_at__gte=since
        )
    }
    if not touches:
        return
    basket_lines = order.basket.lines.order_by("pk").only("pk", "product_id")
    order_lines = order.lines.order_by("pk").only("pk", "product_id")
    OrderLineCallout.objects.bulk_create(
        OrderLineCallout(
            line=order_line,
            page_id=touch.page_id,
            block_id=touch.block_id,
            touched_at=touch.touched_at,
        )
        for basket_line, order_line in zip(basket_lines, order_lines, strict=False)
        if (touch := touches.get(basket_line.pk))
        and basket_line.product_id == order_line.product_id
    )


@receiver(post_save, sender=OrderLine, dispatch_uid="attribution.line_saved")
def line_taken_off(sender, instance, created, **kwargs):
    """A cancelled or refunded line leaves the sums of its day, which may be
    a closed one (reports.period_figures)."""
    if not created and instance.status in settings.ATTRIBUTION_UNCOUNTED_LINE_STATUSES:
        forget_closed_figures()


@receiver(post_delete, sender=OrderLine, dispatch_uid="attribution.line_deleted")
@receiver(post_delete, sender=Page, dispatch_uid="attribution.page_deleted")
def figures_deleted(sender, **kwargs):
    """A deleted order line, or a deleted article's daily counts, leave the
    sums of closed days."""
    forget_closed_figures()
