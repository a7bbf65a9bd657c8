"""Payment methods. Offline ones take nothing at checkout: staff record the
money when it arrives (``record_payment``), which makes the order "Paid".
Card payments (shop/checkout/card.py) are recorded by Stripe's webhook."""

from decimal import Decimal as D

from django.conf import settings
from django.db import transaction
from oscar.apps.payment.models import Source, SourceType
from oscar.templatetags.currency_filters import currency

from shop.order.emails import send_order_email
from shop.order.models import PaymentEventType
from shop.order.processing import PAID, EventHandler, RefundRefused, record_refund


def amount(order):
    """The order's total as shoppers read it: "£23.95"."""
    return currency(order.total_incl_tax, order.currency)


class PaymentMethod:
    """A way to pay; ``instructions(order)`` says what the shopper must do
    next, on the thank-you page and in the confirmation email."""

    def source_type(self):
        source_type, _ = SourceType.objects.get_or_create(
            code=self.code, defaults={"name": self.name}
        )
        return source_type

    def take_payment(self, order_number, currency):
        """The order's payment source; offline methods take nothing now."""
        return Source(
            source_type=self.source_type(),
            currency=currency,
            amount_allocated=D("0.00"),
            reference=order_number,
        )


class BankTransfer(PaymentMethod):
    code = "bank-transfer"
    name = "Bank transfer"
    summary = (
        "Pay by bank transfer after placing your order. We dispatch as soon "
        "as the money arrives, usually within one working day."
    )

    def instructions(self, order):
        account = settings.SHOP_BANK_ACCOUNT
        return (
            f"Please transfer {amount(order)} to "
            f"{account['account_name']}, sort code {account['sort_code']}, "
            f"account number {account['account_number']}, using your order "
            f"number {order.number} as the payment reference. We will "
            "dispatch your order when the payment arrives."
        )


class PayOnDelivery(PaymentMethod):
    code = "pay-on-delivery"
    name = "Pay on delivery"

    @property
    def summary(self):
        fee = pay_on_delivery_fee()
        text = "Pay the courier by card or cash when your order arrives."
        return f"{text} A fee of £{fee} is added to your order." if fee else text

    def instructions(self, order):
        return (
            f"Please have {amount(order)} ready to pay "
            "the courier by card or cash when your order arrives."
        )


class Card(PaymentMethod):
    """Paid at checkout through Stripe; the card goes to Stripe's own field."""

    code = "card"
    name = "Card"
    summary = (
        "Pay now by debit or credit card. Your card details go straight to "
        "our payment provider, Stripe, and never to us."
    )

    def instructions(self, order):
        return (
            f"You paid {amount(order)} by card. We "
            "will dispatch your order as soon as the payment is confirmed."
        )

    @staticmethod
    def offered():
        return bool(
            settings.STRIPE_SECRET_KEY
            and settings.STRIPE_PUBLISHABLE_KEY
            and settings.STRIPE_WEBHOOK_SECRET
        )


PAYMENT_METHODS = {
    method.code: method for method in (Card(), BankTransfer(), PayOnDelivery())
}


def pay_on_delivery_limit():
    """The largest order total paid on delivery, or None for no limit."""
    limit = settings.SHOP_PAY_ON_DELIVERY_LIMIT
    return D(limit) if limit else None


def pay_on_delivery_fee():
    return D(settings.SHOP_PAY_ON_DELIVERY_FEE)


def available_methods(order_total=None):
    """The methods offered for an order of ``order_total`` (incl. tax)."""
    methods = []
    for method in PAYMENT_METHODS.values():
        if method.code == BankTransfer.code and not settings.SHOP_BANK_TRANSFER_ENABLED:
            continue
        if method.code == Card.code and not Card.offered():
            continue
        limit = pay_on_delivery_limit()
        if (
            method.code == PayOnDelivery.code
            and limit is not None
            and order_total is not None
            and order_total > limit
        ):
            continue
        methods.append(method)
    return methods


def payment_context(order):
    """The method the shopper chose (from the order's first payment source) and
    what they must do to pay, for templates."""
    source = order.sources.select_related("source_type").first()
    method = PAYMENT_METHODS.get(source.source_type.code) if source else None
    instructions = method.instructions(order) if method else ""
    return {"payment_method": method, "payment_instructions": instructions}


class PaymentNotRecordable(Exception):
    """Recording a payment is not possible (wrong status or amount)."""


def amount_received(order):
    return sum((source.amount_debited for source in order.sources.all()), D("0.00"))


@transaction.atomic
def record_payment(order, amount, reference="", user=None, mark_paid=False):
    """Record money received for ``order``; once it covers the total (or
    with ``mark_paid``) the order is "Paid", else a note says what is owed.
    Returns the order as it is now."""
    order = type(order).objects.select_for_update().get(pk=order.pk)
    if PAID not in order.available_statuses():
        raise PaymentNotRecordable(
            f"Order {order.number} is “{order.status}”: a payment can only be "
            "recorded while it is pending payment."
        )
    if amount <= 0:
        raise PaymentNotRecordable("The amount received must be more than zero.")
    source = order.sources.first() or BankTransfer().take_payment(
        order.number, order.currency
    )
    source.order = order
    if reference:
        source.reference = reference
    received = amount_received(order) + amount
    source.amount_allocated = max(source.amount_allocated, received)
    source.save()
    source.debit(amount, reference=reference or order.number, status="Received")
    covered = received >= order.total_incl_tax
    paid = covered or mark_paid
    event_type, _ = PaymentEventType.objects.get_or_create(
        name=PAID if paid else "Part payment"
    )
    lines = list(order.lines.all()) if paid else []
    handler = EventHandler(user)
    quantities = [line.quantity for line in lines]
    handler.create_payment_event(
        order, event_type, amount, lines, quantities, reference=reference
    )
    recorded = f"Payment of {order.currency} {amount} recorded" + (
        f" (reference {reference})" if reference else ""
    )
    owed = f"{order.currency} {order.total_incl_tax - received}"
    if paid:
        override = "" if covered else f", marked paid by staff with {owed} unpaid"
        note = (
            f"{recorded}{override}; status changed from “{order.status}” to “{PAID}”."
        )
        order.set_status(PAID)
        send_order_email(order, "paid", amount=received)
    else:
        note = f"{recorded}: a part payment, {owed} still owed; the order stays"
        note += f" “{order.status}”."
    handler.create_note(order, note)
    return order


@transaction.atomic
def refund_offline(order, amount, reference, user=None, lines=(), email=True):
    """Record ``amount`` given back outside the site (a bank transfer to the
    customer) for an order paid offline: taken off its payment source, then
    as ``processing.record_refund`` says."""
    order = type(order).objects.select_for_update().get(pk=order.pk)
    source = order.sources.first()
    refundable = source.amount_available_for_refund if source else D("0.00")
    if amount > refundable:
        raise RefundRefused(
            f"A refund of {order.currency} {amount} is more than the "
            f"{order.currency} {refundable} paid and not yet refunded."
        )
    source.refund(amount, reference=reference, status="Refunded")
    return record_refund(order, amount, reference, user, lines, email)
