"""Setting up and entering a staff member's two-factor code (TOTP)."""

from base64 import b32encode

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views import View
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from .forms import TokenForm
from .two_factor import with_next

DEVICE_NAME = "Authenticator app"


def next_url(request):
    """Where to go after the code: the staff page that asked, or home."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return "/"


def check_code(request, device, form, template, context):
    """None when the form holds the device's current code; otherwise the
    page again, 400 or (after too many wrong codes) 429."""
    status = 400
    if form.is_valid():
        allowed, _ = device.verify_is_allowed()
        if not allowed:
            form.add_error(
                "token", "Too many wrong codes. Wait a minute, then try again."
            )
            status = 429
        elif device.verify_token(form.cleaned_data["token"]):
            return None
        else:
            form.add_error(
                "token",
                "That code is not right. Enter the code your app shows now "
                "(it changes every 30 seconds).",
            )
    return render(request, template, {**context, "form": form}, status=status)


@method_decorator([never_cache, login_required], name="dispatch")
class TwoFactorSetupView(View):
    """Show a new authenticator secret (QR code and text) and confirm it with
    a first code; the unconfirmed device (one per person) proves nothing."""

    template_name = "sign_in/two_factor_setup.html"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if TOTPDevice.objects.devices_for_user(user, confirmed=True).exists():
            if not user.is_verified():
                return redirect(
                    with_next("sign_in:two-factor-verify", next_url(request))
                )
            return render(request, "sign_in/two_factor_on.html")
        self.device = TOTPDevice.objects.devices_for_user(
            user, confirmed=False
        ).first() or TOTPDevice.objects.create(
            user=user, name=DEVICE_NAME, confirmed=False
        )
        return super().dispatch(request, *args, **kwargs)

    def context(self):
        secret = b32encode(self.device.bin_key).decode()
        return {
            # Drawn here, so the secret goes to no other server.
            "qr_svg": mark_safe(  # noqa: S308  # nosec B308, B703
                segno.make(self.device.config_url, error="m").svg_inline(
                    scale=4, title="QR code for your authenticator app"
                )
            ),
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "next": next_url(self.request),
        }

    def get(self, request):
        return render(
            request, self.template_name, {**self.context(), "form": TokenForm()}
        )

    def post(self, request):
        form = TokenForm(request.POST)
        refused = check_code(
            request, self.device, form, self.template_name, self.context()
        )
        if refused:
            return refused
        self.device.confirmed = True
        self.device.save(update_fields=["confirmed"])
        otp_login(request, self.device)
        messages.success(request, "Two-factor sign-in is on for your account.")
        return redirect(next_url(request))


@method_decorator([never_cache, login_required], name="dispatch")
class TwoFactorVerifyView(View):
    """Ask a person with a confirmed authenticator for its current code."""

    template_name = "sign_in/two_factor_verify.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_verified():
            return redirect(next_url(request))
        if not TOTPDevice.objects.devices_for_user(request.user).exists():
            return redirect(with_next("sign_in:two-factor-setup", next_url(request)))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        context = {"form": TokenForm(), "next": next_url(request)}
        return render(request, self.template_name, context)

    def post(self, request):
        form = TokenForm(request.POST)
        context = {"next": next_url(request)}
        with transaction.atomic():
            # Locked, so two requests cannot both spend the same code.
            device = (
                TOTPDevice.objects.devices_for_user(request.user)
                .select_for_update()
                .first()
            )
            refused = check_code(request, device, form, self.template_name, context)
        if refused:
            return refused
        otp_login(request, device)
        return redirect(next_url(request))
