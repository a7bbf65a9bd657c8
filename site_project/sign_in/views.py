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


def next_url(request):
    """Where to go after the code: the staff page that asked, or home."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return "/"


class CodeView(View):
    """A page that takes the current code of the person's authenticator and
    signs them in with it; 400 for a wrong code, 429 after too many."""

    def devices(self):
        return TOTPDevice.objects.devices_for_user(self.request.user)

    def context(self):
        return {"next": next_url(self.request)}

    def render(self, form, status=200):
        context = {**self.context(), "form": form}
        return render(self.request, self.template_name, context, status=status)

    def get(self, request):
        return self.render(TokenForm())

    def post(self, request):
        form = TokenForm(request.POST)
        if not form.is_valid():
            return self.render(form, status=400)
        with transaction.atomic():
            # Locked, so two requests cannot both spend the same code.
            device = self.devices().select_for_update().first()
            if not device.verify_is_allowed()[0]:
                form.add_error(
                    "token", "Too many wrong codes. Wait a minute, then try again."
                )
                return self.render(form, status=429)
            if not device.verify_token(form.cleaned_data["token"]):
                form.add_error(
                    "token",
                    "That code is not right. Enter the code your app shows now "
                    "(it changes every 30 seconds).",
                )
                return self.render(form, status=400)
            self.code_accepted(device)
        otp_login(request, device)
        return redirect(next_url(request))

    def code_accepted(self, device):
        pass


@method_decorator([never_cache, login_required], name="dispatch")
class TwoFactorSetupView(CodeView):
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
        self.device = self.devices().first() or TOTPDevice.objects.create(
            user=user, name="Authenticator app", confirmed=False
        )
        return super().dispatch(request, *args, **kwargs)

    def devices(self):
        return TOTPDevice.objects.devices_for_user(self.request.user, confirmed=False)

    def context(self):
        secret = b32encode(self.device.bin_key).decode()
        return {
            **super().context(),
            # Drawn here, so the secret goes to no other server.
            "qr_svg": mark_safe(  # noqa: S308  # nosec B308, B703
                segno.make(self.device.config_url, error="m").svg_inline(
                    scale=4, title="QR code for your authenticator app"
                )
            ),
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        }

    def code_accepted(self, device):
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        messages.success(self.request, "Two-factor sign-in is on for your account.")


@method_decorator([never_cache, login_required], name="dispatch")
class TwoFactorVerifyView(CodeView):
    """Ask a person with a confirmed authenticator for its current code."""

    template_name = "sign_in/two_factor_verify.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_verified():
            return redirect(next_url(request))
        if not self.devices().exists():
            return redirect(with_next("sign_in:two-factor-setup", next_url(request)))
        return super().dispatch(request, *args, **kwargs)
