from decimal import Decimal as D

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from oscar.apps.dashboard.orders import views as core_views

from shop.checkout.payment import (
    PaymentNotRecordable,
    amount_received,
    payment_context,
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
        order = self.object
        received = amount_received(order)
        owed = max(order.total_incl_tax - received, D("0.00"))
        return {
            **super().get_context_data(**kwargs),
            **payment_context(order),
            "amount_received": received,
            "can_record_payment": PAID in order.available_statuses(),
            "record_payment_form": RecordPaymentForm(initial={"amount": owed}),
        }

    def record_payment(self, request, order):
        form = RecordPaymentForm(request.POST)
        if not form.is_valid():
            errors = " ".join(e for errs in form.errors.values() for e in errs)
            return self.reload_page(fragment="record-payment", error=errors)
        amount = form.cleaned_data["amount"]
        try:
            order = record_payment(order, user=request.user, **form.cleaned_data)
        except PaymentNotRecordable as exc:
            return self.reload_page(error=str(exc))
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
