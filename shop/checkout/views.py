"""Forked checkout views: choose an offline payment method, place the order.

The payment step talks to ``shop.checkout.payment.PaymentMethod`` only, so a
card gateway can be added there without touching these views.
"""

import logging
import smtplib

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.views import generic
from oscar.apps.checkout import exceptions
from oscar.apps.checkout import views as core_views
from oscar.apps.checkout.session import CheckoutSessionMixin

from shop.checkout.forms import PaymentMethodForm
from shop.checkout.payment import get_payment_method, payment_method_for_order

logger = logging.getLogger(__name__)


class PaymentMethodMixin:
    """Read the chosen payment method from the checkout session."""

    def get_payment_method(self):
        return get_payment_method(self.checkout_session.payment_method())


class PaymentMethodView(PaymentMethodMixin, CheckoutSessionMixin, generic.FormView):
    """Ask how the shopper will pay, then go to the order preview."""

    template_name = "oscar/checkout/payment_method.html"
    form_class = PaymentMethodForm
    success_url = reverse_lazy("checkout:preview")
    pre_conditions = core_views.PaymentMethodView.pre_conditions

    def get_initial(self):
        method = self.get_payment_method()
        return {"method": method.code} if method else {}

    def form_valid(self, form):
        self.checkout_session.pay_by(form.cleaned_data["method"])
        return redirect(self.get_success_url())


class PaymentDetailsView(PaymentMethodMixin, core_views.PaymentDetailsView):
    """Preview and place the order with the chosen payment method."""

    def get(self, request, *args, **kwargs):
        # No details to collect for offline payments: the method is chosen
        # on the payment-method page, which the checkout nav links to here.
        if not self.preview:
            return redirect("checkout:payment-method")
        return super().get(request, *args, **kwargs)

    def check_payment_data_is_captured(self, request):
        if self.get_payment_method() is None:
            raise exceptions.FailedPreCondition(
                url=reverse("checkout:payment-method"),
                message="Please choose how you would like to pay.",
            )

    def build_submission(self, **kwargs):
        submission = super().build_submission(**kwargs)
        submission["payment_kwargs"]["payment_method"] = self.get_payment_method()
        return submission

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["payment_method"] = self.get_payment_method()
        return ctx

    def handle_payment(self, order_number, total, payment_method=None, **kwargs):
        result = payment_method.take_payment(order_number, total)
        self.add_payment_source(result.source)
        for event in result.events:
            self.add_payment_event(event.event_type.name, event.amount, event.reference)

    def place_order(self, *args, **kwargs):
        # One transaction for the addresses, the order, the stock allocation
        # and the payment source: when stock runs out nothing is left behind.
        with transaction.atomic():
            return super().place_order(*args, **kwargs)

    def render_preview(self, request, **kwargs):
        # The payment method object is shown by the template from the context;
        # it is not a template variable to pass back.
        kwargs.pop("payment_method", None)
        return super().render_preview(request, **kwargs)

    def render_payment_details(self, request, **kwargs):
        error = kwargs.get("error")
        if error:
            messages.error(request, error)
        return redirect("checkout:payment-method")

    def send_order_placed_email(self, order):
        # The order is placed by now. A mail server that is down must not turn
        # that into an error page, which would also unfreeze the basket so the
        # shopper could order twice; the order stays, the failure is logged.
        try:
            super().send_order_placed_email(order)
        except (smtplib.SMTPException, OSError):
            logger.exception(
                "Order %s: the confirmation email could not be sent", order.number
            )

    def get_message_context(self, order):
        ctx = super().get_message_context(order)
        method = payment_method_for_order(order)
        ctx["payment_method"] = method
        ctx["payment_instructions"] = method.instructions(order) if method else ""
        return ctx


class ThankYouView(core_views.ThankYouView):
    """The thank-you page, with what to do to pay for the order."""

    def get_context_data(self, *args, **kwargs):
        ctx = super().get_context_data(*args, **kwargs)
        method = payment_method_for_order(self.object)
        ctx["payment_method"] = method
        ctx["payment_instructions"] = method.instructions(self.object) if method else ""
        return ctx
