"""Oscar's customer views with the project's fixes."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from oscar.apps.customer import views
from oscar.apps.customer.forms import PasswordResetForm
from oscar.apps.customer.mixins import AnonymousOrderMixin
from oscar.apps.customer.signals import user_registered

from shop.customer.return_forms import ReturnRequestForm
from shop.order import returns
from shop.order.models import Order
from site_project.sign_in.password_reset import ThrottledPasswordResetMixin


@method_decorator(never_cache, name="dispatch")
class LogoutView(views.LogoutView):
    """Signs out on POST only (Oscar's did on GET, so any link or image
    could); GET shows the sign-out button."""

    template_name = "oscar/customer/logout.html"

    def get(self, request, *args, **kwargs):
        return render(request, self.template_name)

    def post(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class RegisterWithRequestMixin:
    """Sign a new customer in without authenticating the password again:
    Oscar calls authenticate() without the request, which django-axes
    refuses."""

    def register_user(self, form):
        user = form.save()
        user_registered.send_robust(sender=self, request=self.request, user=user)
        if getattr(settings, "OSCAR_SEND_REGISTRATION_EMAIL", True):
            self.send_registration_email(user)
        auth_login(
            self.request, user, backend="shop.customer.auth_backends.EmailBackend"
        )
        return user


class AccountRegistrationView(RegisterWithRequestMixin, views.AccountRegistrationView):
    pass


class AccountAuthView(RegisterWithRequestMixin, views.AccountAuthView):
    pass


class GuestOrderLookupMixin:
    """Find a guest's order by the address it was placed with, in any case
    (Oscar compares exactly)."""

    def get_object(self):
        if not self.email or not self.order_number:
            return None
        order = Order.objects.filter(user=None, number=self.order_number).first()
        if order is None or not order.check_verification_hash(self.hash):
            return None
        same = (order.email or "").casefold() == self.email.strip().casefold()
        return order if same else None


class OrderLineView(views.OrderLineView):
    """A line of the signed-in customer's order: GET leads to the order
    (Oscar's had no template), a line outside the order is a 404 (not a 500)."""

    def get_object(self, queryset=None):
        order = get_object_or_404(
            Order, user=self.request.user, number=self.kwargs["order_number"]
        )
        return get_object_or_404(order.lines, id=self.kwargs["line_id"])

    def get(self, request, *args, **kwargs):
        self.get_object()
        return redirect("customer:order", order_number=self.kwargs["order_number"])


class AnonymousOrderFormView(GuestOrderLookupMixin, views.AnonymousOrderFormView):
    pass


class AnonymousOrderDetailView(GuestOrderLookupMixin, views.AnonymousOrderDetailView):
    pass


class PasswordResetView(ThrottledPasswordResetMixin, auth_views.PasswordResetView):
    """Oscar's password-reset page (Django's view with Oscar's form),
    throttled."""

    form_class = PasswordResetForm
    success_url = reverse_lazy("password-reset-done")
    template_name = "oscar/registration/password_reset_form.html"


class ReturnRequestMixin:
    """Ask to return some of an order's lines: a form of the lines that may
    still be returned, or a message saying why nothing can be now."""

    template_name = "oscar/customer/order/return_request.html"

    def dispatch(self, request, *args, **kwargs):
        self.order = self.get_order()
        if self.order is None:
            return self.order_missing()
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return self.show(returns.refusal(self.order))

    def post(self, request, *args, **kwargs):
        refused = returns.refusal(self.order)
        if refused:
            return self.show(refused)
        form = ReturnRequestForm(
            returns.returnable_quantities(self.order), request.POST
        )
        if not form.is_valid():
            return self.show(None, form)
        try:
            asked = returns.request_return(
                self.order,
                form.quantities(),
                form.cleaned_data["reason"],
                form.cleaned_data["details"],
            )
        except returns.ReturnRefused as exc:
            return self.show(str(exc))
        messages.success(
            request,
            f"Your return request {asked.pk} for order {self.order.number} is "
            "with us. We will email you when we have looked at it.",
        )
        return redirect(self.order_url())

    def show(self, refused, form=None):
        if form is None and not refused:
            form = ReturnRequestForm(returns.returnable_quantities(self.order))
        return render(
            self.request,
            self.template_name,
            {
                "order": self.order,
                "refused": refused,
                "form": form,
                "order_url": self.order_url(),
                "return_days": settings.SHOP_RETURN_DAYS,
                "window_end": returns.window_end(self.order),
            },
        )


class ReturnRequestView(ReturnRequestMixin, View):
    """The signed-in customer's own order only: another's is a 404."""

    def get_order(self):
        return get_object_or_404(
            Order, user=self.request.user, number=self.kwargs["order_number"]
        )

    def order_url(self):
        return reverse("customer:order", kwargs={"order_number": self.order.number})


class AnonymousReturnRequestView(
    GuestOrderLookupMixin, AnonymousOrderMixin, ReturnRequestMixin, View
):
    """A guest's order, through their signed link once they have given the
    email address they ordered with (as for the order-status page)."""

    def get_order(self):
        return self.get_object()

    def order_missing(self):
        return redirect(
            "customer:anon-order-form",
            order_number=self.order_number,
            hash=self.hash,
        )

    def order_url(self):
        return reverse(
            "customer:anon-order",
            kwargs={"order_number": self.order.number, "hash": self.hash},
        )
