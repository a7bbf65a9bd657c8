"""Order processing: a cancelled order gives its stock back, and orders left
unpaid are cancelled after ``SHOP_UNPAID_ORDER_DAYS``."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from oscar.apps.order import processing
from oscar.apps.payment.exceptions import PaymentError

from shop.order.models import Order

PENDING_PAYMENT = "Pending payment"
PAID = "Paid"
CANCELLED = "Cancelled"
# Statuses whose stock is still allocated, not yet shipped.
HOLDING_STOCK = (PENDING_PAYMENT, PAID)


class EventHandler(processing.EventHandler):
    """Oscar's handler; cancelling an order not yet shipped frees its stock,
    and "Paid" is reached by recording payment, not by picking the status."""

    def handle_order_status_change(self, order, new_status, note_msg=None):
        if new_status == PAID:
            raise PaymentError(
                "record the payment received (Payment, above) instead; an "
                "order is paid when what was received covers its total."
            )
        if new_status == CANCELLED and order.status in HOLDING_STOCK:
            self.cancel_stock_allocations(order)
        super().handle_order_status_change(order, new_status, note_msg)


def cancel_unpaid_orders(now=None):
    """Cancel orders unpaid ``SHOP_UNPAID_ORDER_DAYS`` after placing (not
    part-paid ones, left for staff); returns their numbers."""
    days = settings.SHOP_UNPAID_ORDER_DAYS
    cutoff = (now or timezone.now()) - timedelta(days=days)
    note = f"Cancelled automatically: no payment arrived within {days} days; "
    note += "the stock it held is released."
    unpaid = Order.objects.filter(status=PENDING_PAYMENT, date_placed__lt=cutoff)
    cancelled = []
    for pk in unpaid.values_list("pk", flat=True):
        with transaction.atomic():
            order = Order.objects.select_for_update().get(pk=pk)
            part_paid = order.sources.filter(amount_debited__gt=0).exists()
            if order.status == PENDING_PAYMENT and not part_paid:
                EventHandler().handle_order_status_change(order, CANCELLED, note)
                cancelled.append(order.number)
    return cancelled
