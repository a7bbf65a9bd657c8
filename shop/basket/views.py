"""Forked basket views: after adding, the shopper goes back to ``next`` with
a message. Public pages send the form as a GET without a CSRF token, which
``static/js/site.js`` posts; without a script the GET asks to confirm."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from oscar.apps.basket import views as core_views
from oscar.core.utils import safe_referrer

from shop.catalogue.models import Product
from site_project.sign_in.throttling import over_limit


def safe_next_url(request, default="basket:summary"):
    """``next`` if it is a path on this site (redirect() would take a bare
    word for a URL name), else the referrer."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if next_url.startswith("/") and url_has_allowed_host_and_scheme(
        next_url, {request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return safe_referrer(request, default)


def confirm_page(request, product, form, button_label):
    """The confirmation step of a form a public page sent as a GET."""
    context = {
        "product": product,
        "form": form,
        "action": request.path,
        "button_label": button_label,
        "next_url": safe_next_url(request) if request.GET.get("next") else "",
    }
    return render(request, "shop/basket/confirm.html", context)


def buyable_product(pk):
    return (
        Product.objects.filter(pk=pk, is_public=True)
        .select_related("product_class", "parent")
        .first()
    )


class BasketAddView(core_views.BasketAddView):
    """Add a product; on any failure go back to ``next`` with a message."""

    http_method_names = ["get", "post"]

    def get(self, request, *args, **kwargs):
        self.product = buyable_product(kwargs["pk"])
        if self.product is None or self.product.is_parent:
            return self.post(request, *args, **kwargs)
        form_class = self.get_form_class()
        form = form_class(request.basket, self.product, data=request.GET or None)
        return confirm_page(request, self.product, form, "Add to basket")

    def post(self, request, *args, **kwargs):
        product = buyable_product(kwargs["pk"])
        if product is None or product.is_parent:
            messages.error(
                request,
                "Please choose an option of this product on its page."
                if product
                else "Sorry, that product is not available.",
            )
            return redirect(safe_next_url(request))
        self.product = product
        return super(core_views.BasketAddView, self).post(request, *args, **kwargs)

    def form_invalid(self, form):
        errors = " ".join(str(e) for errs in form.errors.values() for e in errs)
        title = self.product.get_title()
        messages.error(
            self.request, f"“{title}” was not added to your basket: {errors}"
        )
        return redirect(safe_next_url(self.request))

    def get_success_url(self):
        return safe_next_url(self.request)


class VoucherAddView(core_views.VoucherAddView):
    """Apply a voucher code, a limited number of tries per visitor."""

    def post(self, request, *args, **kwargs):
        email = request.user.email if request.user.is_authenticated else ""
        rates = settings.SHOP_THROTTLE_RATES["voucher"]
        if over_limit(request, "shop:voucher", email, rates):
            reason = "Too many voucher codes have been tried. Please wait a while "
            reason += "before trying another."
            context = {"reason": reason}
            return render(request, "shop/too_many_attempts.html", context, status=429)
        return super().post(request, *args, **kwargs)
