from decimal import Decimal as D

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from oscar.apps.dashboard.orders import views as core_views

from shop.checkout.payment import (
    PaymentNotRecordable,
    amount_received,
    payment_method_for_order,
    record_payment,
)
from shop.dashboard.orders.forms import RecordPaymentForm
from shop.order.processing import PAID


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
        received = amount_received(order)
        ctx["amount_received"] = received
        ctx["can_record_payment"] = PAID in order.available_statuses()
        ctx.setdefault(
            "record_payment_form",
            RecordPaymentForm(
                initial={"amount": max(order.total_incl_tax - received, D("0.00"))}
            ),
        )
        return ctx

    def record_payment(self, request, order):
        form = RecordPaymentForm(request.POST)
        if not form.is_valid():
            errors = " ".join(e for errs in form.errors.values() for e in errs)
            return self.reload_page(fragment="record-payment", error=errors)
        amount = form.cleaned_data["amount"]
        try:
            record_payment(
                order,
                amount=amount,
                reference=form.cleaned_data["reference"],
                user=request.user,
                mark_paid=form.cleaned_data["mark_paid"],
            )
        except PaymentNotRecordable as exc:
            return self.reload_page(error=str(exc))
        order.refresh_from_db()
        if order.status == PAID:
            messages.success(
                request,
                f"Payment of £{amount} recorded: order {order.number} is now “{PAID}”.",
            )
        else:
            owed = order.total_incl_tax - amount_received(order)
            messages.warning(
                request,
                f"Part payment of £{amount} recorded: £{owed} is still owed, so "
                f"order {order.number} stays “{order.status}”.",
            )
        return self.reload_page()
