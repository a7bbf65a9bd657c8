"""Forked dashboard order views: staff record an offline payment."""

from decimal import Decimal as D

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from oscar.apps.dashboard.orders import views as core_views

from shop.checkout.payment import (
    PAID_STATUS,
    PaymentNotRecordable,
    payment_method_for_order,
    record_payment,
)
from shop.dashboard.orders.forms import RecordPaymentForm


class OrderDetailView(core_views.OrderDetailView):
    """Oscar's order page with a "Record payment" action."""

    order_actions = (*core_views.OrderDetailView.order_actions, "record_payment")

    def post(self, request, *args, **kwargs):
        # Oscar lets anyone who may view an order post its actions; changing
        # an order (status, payments, notes) needs the change permission.
        if not request.user.has_perm("order.change_order"):
            raise PermissionDenied("You may view this order but not change it.")
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        order = self.object
        ctx["payment_method"] = payment_method_for_order(order)
        ctx["amount_received"] = sum(
            (source.amount_debited for source in order.sources.all()), D("0.00")
        )
        ctx["can_record_payment"] = PAID_STATUS in order.available_statuses()
        ctx.setdefault(
            "record_payment_form",
            RecordPaymentForm(initial={"amount": order.total_incl_tax}),
        )
        return ctx

    def record_payment(self, request, order):
        form = RecordPaymentForm(request.POST)
        if not form.is_valid():
            errors = " ".join(e for errs in form.errors.values() for e in errs)
            return self.reload_page(fragment="record-payment", error=errors)
        try:
            record_payment(
                order,
                amount=form.cleaned_data["amount"],
                reference=form.cleaned_data["reference"],
                user=request.user,
            )
        except PaymentNotRecordable as exc:
            return self.reload_page(error=str(exc))
        messages.success(
            request,
            f"Payment of £{form.cleaned_data['amount']} recorded: order "
            f"{order.number} is now “{PAID_STATUS}”.",
        )
        return self.reload_page()
