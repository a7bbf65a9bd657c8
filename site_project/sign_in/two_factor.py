"""Staff two-factor sign-in: a person with a confirmed authenticator (TOTP)
is asked for its code before any staff page; a member of a group named in the
Staff sign-in setting who has none is sent to set one up first."""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.deprecation import MiddlewareMixin
from django_otp import user_has_device

from site_project.middleware import ADMIN_PATH_PREFIXES, is_admin_path

# Each staff area's own sign-in and sign-out stay reachable.
OPEN_STAFF_PATHS = tuple(
    f"{prefix}{page}/" for prefix in ADMIN_PATH_PREFIXES for page in ("login", "logout")
)


def with_next(url_name, next_url):
    return f"{reverse(url_name)}?{urlencode({'next': next_url})}"


class StaffTwoFactorMiddleware(MiddlewareMixin):
    """Send signed-in, unverified people on staff paths to verify or set up
    (after django_otp's OTPMiddleware, which adds ``is_verified()``)."""

    def process_request(self, request):
        user = request.user
        path = request.path_info
        if (
            user.is_authenticated
            and is_admin_path(path)
            and not path.startswith(OPEN_STAFF_PATHS)
            and not user.is_verified()
        ):
            next_url = request.get_full_path()
            if user_has_device(user, confirmed=True):
                return redirect(with_next("sign_in:two-factor-verify", next_url))
            if user.groups.filter(two_factor_settings__isnull=False).exists():
                return redirect(with_next("sign_in:two-factor-setup", next_url))
