"""Who is asking, as django-axes and django-ratelimit count them."""

from django.conf import settings
from django.shortcuts import render
from django_ratelimit.core import is_ratelimited


def client_ip(request):
    """REMOTE_ADDR, or the address the first of TRUSTED_PROXY_COUNT proxies
    saw (counted from the right of X-Forwarded-For)."""
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    forwarded = [part.strip() for part in forwarded if part.strip()]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def login_username(request, credentials):
    """The account a login names, lower-cased (AXES_USERNAME_CALLABLE);
    Oscar's login form posts ``login-username``, the others ``username``."""
    username = (credentials or {}).get("username")
    if username is None:
        username = request.POST.get("username") or request.POST.get("login-username")
    return (username or "").strip().lower() or None


def over_limit(request, action, email, rates):
    """Count one ``action`` per client address and per ``email``; True when
    either is over its rate. Every counter counts: no refusal spares another."""
    keys = {"ip": client_ip(request) or ""}
    if email:
        keys["email"] = email.strip().lower()
    refused = [
        is_ratelimited(
            request,
            group=f"{action}:{kind}",
            key=lambda group, request, value=value: value,
            rate=rates[kind],
            increment=True,
        )
        for kind, value in keys.items()
    ]
    return any(refused)


def locked_out_response(request, original_response, credentials):
    """AXES_LOCKOUT_CALLABLE: a 429 page that says why and for how long."""
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    return render(
        request,
        "sign_in/locked_out.html",
        {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes},
        status=429,
    )
