"""Card payments through Stripe: a PaymentIntent for the basket's total,
confirmed on the server with the card Stripe.js collected (3-D Secure is
finished in the browser), and the signed ``payment_intent.succeeded``
webhook that makes the order "Paid"."""

import logging
from decimal import Decimal as D

import stripe
from django.conf import settings
from django.db import transaction

from shop.basket.models import Basket
from shop.checkout.models import CardPayment
from shop.checkout.payment import PaymentNotRecordable, record_payment
from shop.order.models import Order
from shop.order.processing import RefundRefused, record_refund

logger = logging.getLogger(__name__)

UNREACHABLE = (
    "We could not reach our card payment provider, so nothing was charged and "
    "your basket is kept. Please try again in a few minutes, or choose "
    "another way to pay."
)


class CardPaymentFailed(Exception):
    """The card was not charged; the message is for the shopper."""


def client():
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY,
        base_addresses={"api": settings.STRIPE_API_BASE},
        max_network_retries=0,
    )


def minor_units(amount):
    """Stripe counts pence: GBP 12.34 is 1234."""
    return int((amount * 100).quantize(D("1")))


def intent_for(basket, total):
    """The PaymentIntent for ``basket`` at ``total`` (a Price): reused while
    the total stays the same and no card was declined on it."""
    amount, currency = total.incl_tax, total.currency
    payment = CardPayment.objects.filter(
        basket_id=basket.pk,
        amount=amount,
        currency=currency,
        succeeded=False,
        declined=False,
    ).first()
    if payment is None:
        payment = CardPayment.objects.create(
            basket_id=basket.pk, amount=amount, currency=currency
        )
    if payment.intent_id is None:
        intent = client().v1.payment_intents.create(
            params={
                "amount": minor_units(amount),
                "currency": currency.lower(),
                "payment_method_types": ["card"],
                "metadata": {"basket": str(basket.pk)},
            },
            options={"idempotency_key": f"{payment.key}-create"},
        )
        payment.intent_id = intent.id
        payment.save(update_fields=["intent_id"])
    return payment


def pay(basket, total, payment_method):
    """Charge ``payment_method`` (a Stripe PaymentMethod id) for the basket's
    total; returns the intent, which has succeeded or needs 3-D Secure. The
    basket's row lock makes a second request (a double click) wait, then find
    the intent already paid instead of charging another."""
    try:
        with transaction.atomic():
            Basket.objects.select_for_update().get(pk=basket.pk)
            payment = intent_for(basket, total)
            try:
                return confirm(payment, payment_method)
            except stripe.CardError as error:
                payment.declined = True
                payment.save(update_fields=["declined"])
                declined = error
    except stripe.InvalidRequestError as error:
        raise CardPaymentFailed(
            "Your card details could not be used. Please check them and try again."
        ) from error
    except stripe.StripeError as error:
        logger.warning("Stripe is unreachable or failed: %s", error)
        raise CardPaymentFailed(UNREACHABLE) from error
    raise CardPaymentFailed(
        declined.user_message or "Your card was declined."
    ) from declined


def confirm(payment, payment_method):
    intents = client().v1.payment_intents
    intent = intents.retrieve(payment.intent_id)
    if intent.status == "succeeded":
        return intent
    key = f"{payment.key}-{payment_method}"
    intents.update(
        payment.intent_id,
        params={"payment_method": payment_method},
        options={"idempotency_key": f"{key}-attach"},
    )
    return intents.confirm(
        payment.intent_id, options={"idempotency_key": f"{key}-confirm"}
    )


def paid_intent(basket, total, intent_id):
    """The succeeded intent ``intent_id`` of ``basket`` for exactly ``total``;
    anything else raises CardPaymentFailed."""
    payment = CardPayment.objects.filter(
        basket_id=basket.pk, intent_id=intent_id
    ).first()
    if payment is None:
        raise CardPaymentFailed("Please enter your card details to pay.")
    try:
        intent = client().v1.payment_intents.retrieve(intent_id)
    except stripe.StripeError as error:
        logger.warning("Stripe is unreachable or failed: %s", error)
        raise CardPaymentFailed(UNREACHABLE) from error
    if intent.status != "succeeded":
        raise CardPaymentFailed(
            "Your card payment has not gone through. Please try again."
        )
    if (
        intent.amount != minor_units(total.incl_tax)
        or intent.currency != total.currency.lower()
        or payment.amount != total.incl_tax
    ):
        refund_changed_basket(payment)
        raise CardPaymentFailed(
            "Your order changed after you paid, so that payment has been "
            "refunded. Please check your order and pay again."
        )
    return intent


def refund_changed_basket(payment):
    try:
        client().v1.refunds.create(
            params={"payment_intent": payment.intent_id},
            options={"idempotency_key": f"{payment.key}-refund-changed"},
        )
    except stripe.StripeError:
        logger.exception("Refunding intent %s failed", payment.intent_id)


def settle(order, intent_id):
    """Once the order exists: make it "Paid" if the webhook came first."""
    payment = CardPayment.objects.select_for_update().get(intent_id=intent_id)
    if payment.succeeded and not payment.recorded:
        record(payment, order)


def record(payment, order):
    try:
        record_payment(order, payment.amount, reference=payment.intent_id)
    except PaymentNotRecordable as error:
        logger.warning("Card payment %s not recorded: %s", payment.intent_id, error)
        return
    payment.recorded = True
    payment.save(update_fields=["recorded"])


@transaction.atomic
def intent_succeeded(intent):
    """The ``payment_intent.succeeded`` event: harmless when repeated, when
    it comes before the order exists, or for an intent that is not ours."""
    payment = (
        CardPayment.objects.select_for_update().filter(intent_id=intent["id"]).first()
    )
    if payment is None:
        logger.info("Webhook for unknown intent %s ignored", intent["id"])
        return
    if (
        intent["amount"] != minor_units(payment.amount)
        or intent["currency"] != payment.currency.lower()
    ):
        logger.warning("Webhook for intent %s has another amount", intent["id"])
        return
    if payment.recorded:
        return
    payment.succeeded = True
    payment.save(update_fields=["succeeded"])
    order = Order.objects.filter(
        basket_id=payment.basket_id, sources__reference=payment.intent_id
    ).first()
    if order is not None:
        record(payment, order)


@transaction.atomic
def refund(order, amount, user=None, lines=(), email=True):
    """Give back ``amount`` of what the order's card payment took, through
    Stripe, and record it (``processing.record_refund``: a "Refunded" payment
    event, the order "Refunded" when all is given back, the email)."""
    order = Order.objects.select_for_update().get(pk=order.pk)
    source = order.sources.select_related("source_type").first()
    if source is None or source.source_type.code != "card":
        raise RefundRefused(f"Order {order.number} was not paid by card.")
    refundable = source.amount_available_for_refund
    if amount > refundable:
        raise RefundRefused(
            f"A refund of {order.currency} {amount} is more than the "
            f"{order.currency} {refundable} paid and not yet refunded."
        )
    try:
        made = client().v1.refunds.create(
            params={"payment_intent": source.reference, "amount": minor_units(amount)},
            options={
                "idempotency_key": (
                    f"refund-{source.reference}-{source.amount_refunded}-{amount}"
                )
            },
        )
    except stripe.StripeError as error:
        logger.warning("Stripe refused or failed a refund: %s", error)
        raise RefundRefused(
            "Stripe did not make the refund; nothing was refunded. Please try "
            "again later."
        ) from error
    source.refund(amount, reference=made.id, status="Refunded")
    return record_refund(order, amount, made.id, user, lines, email)
