from decimal import Decimal as D

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, When
from django.views.generic import ListView
from oscar.apps.dashboard.orders import views as core_views

from shop.checkout import card
from shop.checkout.payment import (
    Card,
    PaymentNotRecordable,
    amount_received,
    payment_context,
    record_payment,
)
from shop.dashboard.orders.forms import (
    AcceptReturnForm,
    CardRefundForm,
    DeclineReturnForm,
    DispatchForm,
    RecordPaymentForm,
)
from shop.order import returns
from shop.order.models import ReturnRequest
from shop.order.processing import DISPATCHED, PAID, DispatchRefused, dispatch


class OrderDetailView(core_views.OrderDetailView):
    """Oscar's order page with "Record payment" and, for card payments,
    "Refund" (through Stripe), "Dispatch", and the order's return requests
    to accept or decline."""

    order_actions = (
        *core_views.OrderDetailView.order_actions,
        "record_payment",
        "refund_card",
        "dispatch_order",
        "accept_return",
        "decline_return",
    )

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
        paying = payment_context(order)
        refundable = None
        if isinstance(paying["payment_method"], Card):
            refundable = order.sources.get().amount_available_for_refund
        return {
            **super().get_context_data(**kwargs),
            **paying,
            "amount_received": received,
            "can_record_payment": PAID in order.available_statuses(),
            "record_payment_form": RecordPaymentForm(initial={"amount": owed}),
            "card_refundable": refundable,
            "can_dispatch": DISPATCHED in order.available_statuses(),
            "dispatch_form": DispatchForm(),
            "dispatches": order.dispatches.all(),
            "return_requests": [
                (
                    request,
                    AcceptReturnForm(
                        initial={
                            "return_id": request.pk,
                            "amount": returns.suggested_refund(request),
                        }
                    ),
                )
                for request in order.return_requests.prefetch_related("lines__line")
            ],
        }

    def decide_return(self, request, order, form_class, decide):
        form = form_class(request.POST)
        if not form.is_valid():
            errors = " ".join(e for errs in form.errors.values() for e in errs)
            return self.reload_page(fragment="returns", error=errors)
        data = form.cleaned_data
        wanted = order.return_requests.filter(pk=data["return_id"]).first()
        if wanted is None:
            return self.reload_page(
                fragment="returns", error="That return is not one of this order's."
            )
        try:
            decided = decide(wanted, data, request.user)
        except returns.ReturnRefused as exc:
            return self.reload_page(fragment="returns", error=str(exc))
        messages.success(
            request,
            f"Return {decided.pk} {decided.get_state_display().lower()}; the "
            "customer has been emailed.",
        )
        return self.reload_page(fragment="returns")

    def accept_return(self, request, order):
        return self.decide_return(
            request,
            order,
            AcceptReturnForm,
            lambda wanted, data, user: returns.accept(wanted, data["amount"], user),
        )

    def decline_return(self, request, order):
        return self.decide_return(
            request,
            order,
            DeclineReturnForm,
            lambda wanted, data, user: returns.decline(wanted, data["response"], user),
        )

    def dispatch_order(self, request, order):
        form = DispatchForm(request.POST)
        if not form.is_valid():
            errors = " ".join(e for errs in form.errors.values() for e in errs)
            return self.reload_page(fragment="dispatch", error=errors)
        try:
            order = dispatch(order, user=request.user, **form.cleaned_data)
        except DispatchRefused as exc:
            return self.reload_page(fragment="dispatch", error=str(exc))
        messages.success(
            request, f"Order {order.number} dispatched; the customer has been emailed."
        )
        return self.reload_page()

    def refund_card(self, request, order):
        form = CardRefundForm(request.POST)
        if not form.is_valid():
            errors = " ".join(e for errs in form.errors.values() for e in errs)
            return self.reload_page(fragment="record-payment", error=errors)
        amount = form.cleaned_data["refund_amount"]
        try:
            card.refund(order, amount, user=request.user)
        except card.RefundRefused as exc:
            return self.reload_page(fragment="record-payment", error=str(exc))
        messages.success(
            request, f"£{amount} refunded to the card that paid order {order.number}."
        )
        return self.reload_page()

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


class ReturnListView(ListView):
    """Every return request, those waiting for a decision first."""

    template_name = "oscar/dashboard/orders/return_list.html"
    context_object_name = "return_requests"
    paginate_by = settings.OSCAR_DASHBOARD_ITEMS_PER_PAGE

    def get_queryset(self):
        requests = ReturnRequest.objects.select_related("order").prefetch_related(
            "lines__line"
        )
        state = self.request.GET.get("state")
        if state in dict(ReturnRequest.STATES):
            requests = requests.filter(state=state)
        waiting = Case(When(state=ReturnRequest.REQUESTED, then=0), default=1)
        return requests.order_by(waiting, "-created")

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "states": ReturnRequest.STATES,
            "state": self.request.GET.get("state", ""),
        }
