"""Forked checkout views: choose a payment method, pay by card through
Stripe, place the order once however often it is posted."""

import re
from urllib.parse import urlsplit

import stripe
from csp.constants import SELF
from csp.decorators import csp_replace, csp_update
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.views import generic
from django.views.decorators.csrf import csrf_exempt
from oscar.apps.checkout import exceptions
from oscar.apps.checkout import views as core_views
from oscar.apps.checkout.session import CheckoutSessionMixin
from oscar.apps.payment.exceptions import UnableToTakePayment

from shop.basket.models import Basket
from shop.checkout import card
from shop.checkout.forms import PaymentMethodForm
from shop.checkout.payment import (
    PAYMENT_METHODS,
    Card,
    available_methods,
    pay_on_delivery_limit,
    payment_context,
)
from shop.order.models import Order
from site_project.sign_in.throttling import over_limit


class IndexView(core_views.IndexView):
    """The checkout gateway, whose login form gets the request, which
    django-axes needs to count a returning customer's password attempt."""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}


class PaymentMethodMixin:
    def offered_methods(self):
        """The methods offered for the order as it stands, its total before
        any payment fee."""
        shipping = None
        if pay_on_delivery_limit() is not None:
            shipping = self.get_shipping_method(self.request.basket)
        total = None
        if shipping is not None:
            charge = shipping.calculate(self.request.basket)
            total = self.request.basket.total_incl_tax + charge.incl_tax
        return available_methods(total)

    def get_payment_method(self):
        code = self.checkout_session.payment_method()
        return next((m for m in self.offered_methods() if m.code == code), None)


class PaymentMethodView(PaymentMethodMixin, CheckoutSessionMixin, generic.FormView):
    """Ask how the shopper will pay, then go to the order preview."""

    template_name = "oscar/checkout/payment_method.html"
    form_class = PaymentMethodForm
    success_url = reverse_lazy("checkout:preview")
    pre_conditions = core_views.PaymentMethodView.pre_conditions

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "methods": self.offered_methods()}

    def get_initial(self):
        method = self.get_payment_method()
        return {"method": method.code} if method else {}

    def form_valid(self, form):
        code = form.cleaned_data["method"]
        # The method's source type row exists before placement, so two
        # orders placed at once never wait on each other inserting it.
        PAYMENT_METHODS[code].source_type()
        self.checkout_session.pay_by(code)
        return redirect(self.get_success_url())


def stripe_sources():
    """What Stripe.js needs, on the payment step only: its script and calls
    to Stripe's API, added to the site's policy."""
    return {
        "script-src": [origin(settings.STRIPE_JS_URL)],
        "connect-src": [SELF, origin(settings.STRIPE_API_BASE)],
    }


def stripe_frames():
    """Its card field and 3-D Secure frames, in place of the site's 'none'."""
    return {"frame-src": [origin(settings.STRIPE_JS_URL), "https://hooks.stripe.com"]}


def origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@method_decorator(csp_update(stripe_sources()), name="dispatch")
@method_decorator(csp_replace(stripe_frames()), name="dispatch")
class PaymentDetailsView(PaymentMethodMixin, core_views.PaymentDetailsView):
    """Preview and place the order with the chosen payment method."""

    def dispatch(self, request, *args, **kwargs):
        # "Place order" sent again after the order was placed (a reload):
        # show the order instead of asking for items.
        if (
            request.method == "POST"
            and request.POST.get("action") == "place_order"
            and request.basket.is_empty
            and Order.objects.filter(
                pk=request.session.get("checkout_order_id")
            ).exists()
        ):
            return redirect("checkout:thank-you")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        # Offline payments have no details: the method has its own page.
        if not self.preview:
            return redirect("checkout:payment-method")
        return super().get(request, *args, **kwargs)

    def handle_place_order_submission(self, request):
        email = self.checkout_session.get_guest_email() or request.user.email
        rates = settings.SHOP_THROTTLE_RATES["place-order"]
        if over_limit(request, "shop:place-order", email, rates):
            error = (
                "Too many orders have been placed from here in a short time. "
                "Please try again later, or contact us to order."
            )
            response = self.render_preview(request, error=error)
            response.status_code = 429
            return response
        return super().handle_place_order_submission(request)

    def check_payment_data_is_captured(self, request):
        if self.get_payment_method() is None:
            raise exceptions.FailedPreCondition(
                url=reverse("checkout:payment-method"),
                message="Please choose how you would like to pay.",
            )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        return {
            **ctx,
            "payment_method": self.get_payment_method(),
            "stripe_publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
            "stripe_js_url": settings.STRIPE_JS_URL,
        }

    def handle_payment(self, order_number, total, **kwargs):
        method = self.get_payment_method()
        source = method.take_payment(order_number, total.currency)
        if method.code == Card.code:
            intent_id = self.request.POST.get("payment_intent", "")
            try:
                intent = card.paid_intent(self.request.basket, total, intent_id)
            except card.CardPaymentFailed as error:
                raise UnableToTakePayment(str(error)) from error
            # Allocated now; debited when the webhook says it succeeded.
            source.amount_allocated = total.incl_tax
            source.reference = intent.id
        self.add_payment_source(source)

    def submit(self, user, basket, **kwargs):
        """Place the order for ``basket`` once: one transaction holding the
        basket's row lock, so a second "Place order" (a double click, a
        retry) waits, then finds the order and shows its thank-you page."""
        with transaction.atomic():
            locked = Basket.objects.select_for_update().get(pk=basket.pk)
            order = Order.objects.filter(basket_id=basket.pk).first()
            if order is not None:  # show the order this basket became
                self.checkout_session.flush()
                self.request.session["checkout_order_id"] = order.pk
                return redirect(self.get_success_url())
            if locked.status != Basket.OPEN:
                # Frozen while a payment elsewhere is under way: it decides.
                messages.info(
                    self.request,
                    "This order is already being paid for. If payment did "
                    "not complete, return to your basket in a few minutes.",
                )
                return redirect("basket:summary")
            return super().submit(user, basket, **kwargs)

    def place_order(self, *args, **kwargs):
        # A savepoint: when stock runs out the addresses and the order go,
        # and the surrounding submission can still thaw the basket.
        with transaction.atomic():
            order = super().place_order(*args, **kwargs)
            method = self.get_payment_method()
            if method.code == Card.code:
                card.settle(order, order.sources.get().reference)
            return order

    def restore_frozen_basket(self):
        # A basket that became an order stays submitted: thawing it would
        # let its number be ordered again.
        submitted_id = self.checkout_session.get_submitted_basket_id()
        if not Order.objects.filter(basket_id=submitted_id).exists():
            super().restore_frozen_basket()

    def render_payment_details(self, request, **kwargs):
        if kwargs.get("error"):
            messages.error(request, kwargs["error"])
        method = self.get_payment_method()
        if method is not None and method.code == Card.code:
            return redirect("checkout:preview")
        return redirect("checkout:payment-method")

    def get_message_context(self, order):
        return {**super().get_message_context(order), **payment_context(order)}


class ThankYouView(core_views.ThankYouView):
    """The thank-you page, with what to do to pay for the order."""

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **payment_context(self.object)}


class CardPaymentView(PaymentMethodMixin, CheckoutSessionMixin, generic.View):
    """Charge the card Stripe.js collected for the basket's total, which the
    server works out; answers JSON for the payment step's script."""

    pre_conditions = core_views.PaymentDetailsView.pre_conditions

    def post(self, request, *args, **kwargs):
        method = self.get_payment_method()
        payment_method = request.POST.get("payment_method", "")
        if method is None or method.code != Card.code:
            return JsonResponse({"error": "Card payment was not chosen."}, status=400)
        if not re.fullmatch(r"pm_\w{1,250}", payment_method):
            return JsonResponse(
                {"error": "Please enter your card details."}, status=400
            )
        email = self.checkout_session.get_guest_email() or request.user.email
        rates = settings.SHOP_THROTTLE_RATES["card-payment"]
        if over_limit(request, "shop:card-payment", email, rates):
            return JsonResponse(
                {
                    "error": "Too many card payments have been tried from here "
                    "in a short time. Please try again later."
                },
                status=429,
            )
        total = self.build_submission()["order_total"]
        try:
            intent = card.pay(request.basket, total, payment_method)
        except card.CardPaymentFailed as error:
            return JsonResponse({"error": str(error)}, status=402)
        body = {"status": intent.status, "payment_intent": intent.id}
        if intent.status == "requires_action":
            body["client_secret"] = intent.client_secret
        elif intent.status != "succeeded":
            body["error"] = "Your card payment did not go through. Please try again."
        return JsonResponse(body)


@method_decorator(csrf_exempt, name="dispatch")
class StripeWebhookView(generic.View):
    """Stripe's signed events: ``payment_intent.succeeded`` makes the order
    "Paid"; a bad signature is a 400 and changes nothing."""

    def post(self, request, *args, **kwargs):
        if not Card.offered():
            return HttpResponse(status=404)
        try:
            event = stripe.Webhook.construct_event(
                request.body,
                request.headers.get("Stripe-Signature", ""),
                settings.STRIPE_WEBHOOK_SECRET,
            )
        except (ValueError, stripe.SignatureVerificationError):
            return HttpResponse("Bad signature or payload.", status=400)
        if event["type"] == "payment_intent.succeeded":
            card.intent_succeeded(event["data"]["object"])
        return HttpResponse(status=200)
