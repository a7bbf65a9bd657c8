"""Password-reset pages (the shop's and Wagtail's) throttled together."""

from django.conf import settings
from wagtail.admin.views import account

from .throttling import over_limit


class ThrottledPasswordResetMixin:
    """Refuse (429) more reset emails than the limits allow, per address
    asked for and per client address, whether or not it has an account."""

    def form_valid(self, form):
        rates = {
            "email": settings.PASSWORD_RESET_RATE_EMAIL,
            "ip": settings.PASSWORD_RESET_RATE_IP,
        }
        email = form.cleaned_data["email"]
        if over_limit(self.request, "password-reset", email, rates):
            form.add_error(
                None,
                "Too many password reset requests. We have already sent a link "
                "if this address has an account: check your inbox (and spam "
                "folder), or try again later.",
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)


class AdminPasswordResetView(ThrottledPasswordResetMixin, account.PasswordResetView):
    """Wagtail's /cms/password_reset/, throttled like the shop's."""
