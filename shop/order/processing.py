"""Order processing: a cancelled order gives its stock back, and orders left
unpaid are cancelled after ``SHOP_UNPAID_ORDER_DAYS``."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from oscar.apps.order import processing
from oscar.apps.payment.exceptions import PaymentError

from shop.order.emails import send_order_email
from shop.order.models import Dispatch, Order, ShippingEventType

PENDING_PAYMENT = "Pending payment"
PAID = "Paid"
SHIPPED = "Shipped"
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
        if new_status == CANCELLED:
            send_order_email(order, "cancelled")


class DispatchRefused(Exception):
    """The order cannot be dispatched now; the message says why."""


def dispatch(order, carrier, tracking_number, user=None):
    """Hand the order to ``carrier``: a "Dispatched" shipping event for all
    its lines, the order "Shipped", and an email with the tracking link."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        if SHIPPED not in order.available_statuses():
            raise DispatchRefused(
                f"Order {order.number} is “{order.status}”: only a paid order "
                "can be dispatched."
            )
        parcel = Dispatch.objects.create(
            order=order, carrier=carrier, tracking_number=tracking_number
        )
        handler = EventHandler(user)
        event_type, _ = ShippingEventType.objects.get_or_create(name="Dispatched")
        lines = list(order.lines.all())
        handler.create_shipping_event(
            order,
            event_type,
            lines,
            [line.quantity for line in lines],
            reference=f"{parcel.carrier_name}, tracking number {tracking_number}",
        )
        note = (
            f"Dispatched with {parcel.carrier_name}, tracking number "
            f"{tracking_number}; status changed from “{order.status}” to “{SHIPPED}”."
        )
        handler.handle_order_status_change(order, SHIPPED, note_msg=note)
        send_order_email(order, "dispatched", dispatch=parcel)
    return order


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
