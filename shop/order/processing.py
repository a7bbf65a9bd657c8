"""Order processing: the statuses an order moves through, the stock each
move releases, consumes or returns (once), dispatching, refunds and
cancelling orders left unpaid for ``SHOP_UNPAID_ORDER_DAYS``."""

from datetime import timedelta
from decimal import Decimal as D

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from oscar.apps.order import processing
from oscar.apps.partner.exceptions import InvalidStockAdjustment
from oscar.apps.payment.exceptions import PaymentError

from shop.order.emails import send_order_email
from shop.order.models import Dispatch, Order, PaymentEventType, ShippingEventType

PENDING_PAYMENT = "Pending payment"
PAID = "Paid"
BEING_PREPARED = "Being prepared"
DISPATCHED = "Dispatched"
DELIVERED = "Delivered"
CANCELLED = "Cancelled"
REFUNDED = "Refunded"
# Statuses whose stock is still allocated, not yet dispatched.
HOLDING_STOCK = (PENDING_PAYMENT, PAID, BEING_PREPARED)
# Statuses that follow from something recorded, never picked by hand.
RECORDED_ONLY = {
    PAID: (
        "record the payment received (Payment, above) instead; an order is "
        "paid when what was received covers its total."
    ),
    DISPATCHED: (
        "dispatch the order (Dispatch, above) with its carrier and tracking "
        "number instead."
    ),
    REFUNDED: (
        "refund the money (a card refund, or an accepted return) instead; an "
        "order is refunded when all it was paid has been given back."
    ),
}


class EventHandler(processing.EventHandler):
    """Oscar's handler. Staff pick "Being prepared", "Delivered" or
    "Cancelled"; the other statuses follow from recording money or a parcel.
    Cancelling or refunding an order not yet dispatched releases its stock."""

    def handle_order_status_change(self, order, new_status, note_msg=None):
        if new_status in RECORDED_ONLY and new_status != order.status:
            raise PaymentError(RECORDED_ONLY[new_status])
        self.change_status(order, new_status, note_msg)

    def change_status(self, order, new_status, note_msg=None):
        """Move the order on, for code that has recorded why."""
        if new_status in (CANCELLED, REFUNDED) and order.status in HOLDING_STOCK:
            self.release_stock(order)
        super().handle_order_status_change(order, new_status, note_msg)
        if new_status == CANCELLED:
            send_order_email(order, "cancelled")

    def allocated_lines(self, order):
        lines = order.lines.select_related("stockrecord").filter(
            stockrecord__isnull=False, num_allocated__gt=0, allocation_cancelled=False
        )
        lines = list(lines)
        return lines, [line.num_allocated for line in lines]

    def release_stock(self, order):
        """Give back what the order's lines still hold allocated. Oscar's
        lines count what they hold, so releasing again gives back nothing."""
        lines, quantities = self.allocated_lines(order)
        if lines:
            self.cancel_stock_allocations(order, lines, quantities)

    def consume_stock(self, order):
        """The parcel has left: what the lines hold leaves the stock."""
        lines, quantities = self.allocated_lines(order)
        if lines:
            self.consume_stock_allocations(order, lines, quantities)


class DispatchRefused(Exception):
    """The order cannot be dispatched now; the message says why."""


def dispatch(order, carrier, tracking_number, user=None):
    """Hand the order to ``carrier``: a "Dispatched" shipping event for all
    its lines, its allocated stock consumed, the order "Dispatched", and an
    email with the tracking link."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        if DISPATCHED not in order.available_statuses():
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
        try:
            handler.consume_stock(order)
        except InvalidStockAdjustment as error:
            raise DispatchRefused(
                f"The stock recorded for order {order.number}'s products is "
                "less than it takes: correct the stock in the catalogue, then "
                "dispatch."
            ) from error
        note = (
            f"Dispatched with {parcel.carrier_name}, tracking number "
            f"{tracking_number}; status changed from “{order.status}” to "
            f"“{DISPATCHED}”."
        )
        handler.change_status(order, DISPATCHED, note_msg=note)
        send_order_email(order, "dispatched", dispatch=parcel)
    return order


class RefundRefused(Exception):
    """The refund was not made; the message says why."""


def amount_paid(order):
    return sum((source.amount_debited for source in order.sources.all()), D("0.00"))


def amount_refunded(order):
    return sum((source.amount_refunded for source in order.sources.all()), D("0.00"))


def record_refund(order, amount, reference, user=None, lines=(), email=True):
    """Record ``amount`` given back (already taken off the order's payment
    source): a "Refunded" payment event (for ``lines``, pairs of line and
    quantity, when a return) and a note; the order "Refunded" once all it was
    paid has been given back (its stock released if still held); and, with
    ``email``, the customer told. Inside the caller's transaction, which
    holds the order's row lock."""
    event_type, _ = PaymentEventType.objects.get_or_create(name=REFUNDED)
    handler = EventHandler(user)
    handler.create_payment_event(
        order,
        event_type,
        amount,
        [line for line, _ in lines],
        [quantity for _, quantity in lines],
        reference=reference,
    )
    paid, refunded = amount_paid(order), amount_refunded(order)
    whole = paid > 0 and refunded >= paid
    note = (
        f"Refund of {order.currency} {amount} recorded (reference {reference}); "
        f"{order.currency} {paid - refunded} paid remains."
    )
    if whole and REFUNDED in order.available_statuses():
        note += f" Status changed from “{order.status}” to “{REFUNDED}”."
        handler.change_status(order, REFUNDED)
    handler.create_note(order, note)
    if email:
        send_order_email(order, "refunded", amount=amount, whole=whole)
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
                EventHandler().change_status(order, CANCELLED, note)
                cancelled.append(order.number)
    return cancelled
