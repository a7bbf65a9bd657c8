"""Returns: a customer asks to send back some of an order's lines within
``SHOP_RETURN_DAYS`` of delivery (or, until the order is marked delivered,
of its dispatch); customer service accepts the request, which refunds the
money and puts the goods back in stock once, or declines it."""

from datetime import timedelta
from decimal import Decimal as D

from django.conf import settings
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone

from shop.checkout import card
from shop.checkout.payment import refund_offline
from shop.order.emails import send_order_email
from shop.order.models import Order, ReturnLine, ReturnRequest, ShippingEventType
from shop.order.processing import (
    CANCELLED,
    DELIVERED,
    DISPATCHED,
    REFUNDED,
    EventHandler,
    RefundRefused,
)


class ReturnRefused(Exception):
    """The return cannot be asked for or decided now; the message says why."""


def window_start(order):
    """When the return window opened: the order marked delivered, or else
    its first dispatch; None while it has not been dispatched."""
    delivered = (
        order.status_changes.filter(new_status=DELIVERED)
        .order_by("-date_created")
        .values_list("date_created", flat=True)
        .first()
    )
    if delivered:
        return delivered
    return (
        order.dispatches.order_by("created").values_list("created", flat=True).first()
    )


def window_end(order):
    start = window_start(order)
    return start + timedelta(days=settings.SHOP_RETURN_DAYS) if start else None


def returnable_quantities(order):
    """{line: how many may still be asked for}: bought less what requests
    waiting or accepted already send back."""
    taken = {
        row["line"]: row["total"]
        for row in ReturnLine.objects.filter(line__order=order)
        .exclude(request__state=ReturnRequest.DECLINED)
        .values("line")
        .annotate(total=Sum("quantity"))
    }
    return {
        line: line.quantity - taken.get(line.pk, 0)
        for line in order.lines.all()
        if line.quantity > taken.get(line.pk, 0)
    }


def refusal(order, now=None):
    """Why the customer cannot ask to return anything now, or None."""
    if order.status == CANCELLED:
        return f"Order {order.number} was cancelled, so there is nothing to return."
    if order.status == REFUNDED:
        return f"Order {order.number} has been refunded in full."
    if order.status not in (DISPATCHED, DELIVERED):
        return (
            f"Order {order.number} has not been dispatched yet. Items can be "
            "returned once they have reached you; to change the order before "
            "then, please contact us."
        )
    end = window_end(order)
    if end is None or (now or timezone.now()) > end:
        closed = f" closed on {timezone.localtime(end):%-d %B %Y}" if end else ""
        return (
            f"The {settings.SHOP_RETURN_DAYS}-day return window for order "
            f"{order.number}{closed}."
        )
    if not returnable_quantities(order):
        return (
            f"Every item of order {order.number} has already been returned or "
            "is waiting for a return to be decided."
        )
    return None


@transaction.atomic
def request_return(order, quantities, reason, details=""):
    """Ask to return ``quantities`` ({line: quantity}) of ``order``."""
    order = Order.objects.select_for_update().get(pk=order.pk)
    why_not = refusal(order)
    if why_not:
        raise ReturnRefused(why_not)
    left = {
        line.pk: quantity for line, quantity in returnable_quantities(order).items()
    }
    for line, quantity in quantities.items():
        if line.order_id != order.pk or quantity > left.get(line.pk, 0):
            raise ReturnRefused(
                f"“{line.title}” cannot be returned in that quantity any more."
            )
    request = ReturnRequest.objects.create(order=order, reason=reason, details=details)
    ReturnLine.objects.bulk_create(
        ReturnLine(request=request, line=line, quantity=quantity)
        for line, quantity in quantities.items()
    )
    listed = ", ".join(f"{q} × {line.title}" for line, q in quantities.items())
    EventHandler().create_note(
        order, f"Return {request.pk} asked for by the customer: {listed}."
    )
    return request


def suggested_refund(request):
    """What the returned items were bought for, up to what is refundable."""
    value = sum(
        (rl.line.unit_price_incl_tax * rl.quantity for rl in request.lines.all()),
        start=D("0.00"),
    )
    source = request.order.sources.first()
    return min(value, source.amount_available_for_refund) if source else value


def locked_request(request):
    """The order's and then the request's row locks; a request decided already
    is refused, so a second "Accept" changes nothing."""
    order = Order.objects.select_for_update().get(pk=request.order_id)
    request = ReturnRequest.objects.select_for_update().get(pk=request.pk)
    if request.state != ReturnRequest.REQUESTED:
        raise ReturnRefused(
            f"Return {request.pk} of order {order.number} was already "
            f"{request.get_state_display().lower()}."
        )
    return order, request


@transaction.atomic
def accept(request, amount, user=None):
    """Accept ``request``: refund ``amount`` (to the card, or recorded as
    given back offline), put the returned goods back in stock, record a
    "Returned" shipping event, make wholly returned lines "Refunded" (and the
    order, when all its lines are), and email the customer."""
    order, request = locked_request(request)
    returned = [(rl.line, rl.quantity) for rl in request.lines.select_related("line")]
    paid_by_card = order.sources.filter(source_type__code="card").exists()
    try:
        if paid_by_card:
            card.refund(order, amount, user, returned, email=False)
        else:
            refund_offline(
                order, amount, f"return {request.pk}", user, returned, email=False
            )
    except RefundRefused as error:
        raise ReturnRefused(str(error)) from error
    handler = EventHandler(user)
    event_type, _ = ShippingEventType.objects.get_or_create(name="Returned")
    lines = [line for line, _ in returned]
    quantities = [quantity for _, quantity in returned]
    handler.handle_shipping_event(
        order, event_type, lines, quantities, reference=f"Return {request.pk}"
    )
    for line, quantity in returned:
        restock(line, quantity)
    order.refresh_from_db()
    for line in order.lines.all():
        wholly = line.shipping_event_quantity(event_type) >= line.quantity
        if wholly and REFUNDED in line.available_statuses():
            line.set_status(REFUNDED)
    all_back = not order.lines.filter(~Q(status=REFUNDED)).exists()
    if all_back and REFUNDED in order.available_statuses():
        handler.change_status(order, REFUNDED)
    request.state = ReturnRequest.ACCEPTED
    request.refund_amount = amount
    request.decided = timezone.now()
    request.decided_by = user
    request.save()
    handler.create_note(
        order,
        f"Return {request.pk} accepted: {order.currency} {amount} refunded, "
        "the returned items put back in stock.",
    )
    send_order_email(order, "return_accepted", request=request, amount=amount)
    return request


def restock(line, quantity):
    """``quantity`` of ``line`` is back: what the line still holds allocated
    is released, the rest goes back into stock."""
    if line.stockrecord is None:
        return
    held = min(line.num_allocated or 0, quantity)
    if held and not line.allocation_cancelled:
        line.cancel_allocation(held)
    if quantity > held:
        line.stockrecord.restock(quantity - held)


@transaction.atomic
def decline(request, response, user=None):
    """Decline ``request``, telling the customer ``response``."""
    order, request = locked_request(request)
    request.state = ReturnRequest.DECLINED
    request.response = response
    request.decided = timezone.now()
    request.decided_by = user
    request.save()
    EventHandler(user).create_note(order, f"Return {request.pk} declined: {response}")
    send_order_email(order, "return_declined", request=request)
    return request
