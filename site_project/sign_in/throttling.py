"""Who is asking, as the throttles count them, and the counting itself.

django-axes (logins) and django-ratelimit (password resets, placing orders,
trying vouchers) count per client address; behind the site's own proxies
REMOTE_ADDR is the proxy's, so TRUSTED_PROXY_COUNT says how many
X-Forwarded-For entries, from the right, those proxies added.
"""

from django.conf import settings
from django.shortcuts import render
from django_ratelimit.core import is_ratelimited


def client_ip(request):
    """The visitor's address: REMOTE_ADDR, or the address the first trusted
    proxy saw when TRUSTED_PROXY_COUNT proxies stand in front."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def login_username(request, credentials):
    """The account a login names, in one case, for AXES_USERNAME_CALLABLE:
    "Ada@Example.com" and "ada@example.com" count as the same account.

    Oscar's shop login form posts ``login-username``; the others ``username``.
    """
    username = (credentials or {}).get("username")
    if username is None:
        username = request.POST.get("username") or request.POST.get("login-username")
    return (username or "").strip().lower() or None


def over_limit(request, action, email, rates):
    """Count one ``action`` for this request's client address and for
    ``email`` (if known), with django-ratelimit in the cache; True when either
    is over its rate (``rates``: {"ip": "20/h", "email": "3/h"}). Every
    counter is counted, so one refusal cannot spare another."""
    keys = [("ip", client_ip(request) or "")]
    if email:
        keys.append(("email", email.strip().lower()))
    refused = [
        is_ratelimited(
            request,
            group=f"{action}:{kind}",
            key=lambda group, request, value=value: value,
            rate=rates[kind],
            increment=True,
        )
        for kind, value in keys
    ]
    return any(refused)


def locked_out_response(request, original_response, credentials):
    """AXES_LOCKOUT_CALLABLE: a plain page that says why and for how long.

    Rendered without the shared layout (like the error pages), as 429.
    """
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    return render(
        request,
        "sign_in/locked_out.html",
        {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes},
        status=429,
    )
