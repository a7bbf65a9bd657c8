"""Limits on what a script could repeat: placing orders and trying vouchers.

Counted per client address and per email address with django-ratelimit (in
the cache: Redis when several web processes share it). A script that placed
hundreds of unpaid orders held the stock real shoppers wanted; one guessing
voucher codes tries many in a row.
"""

from django.conf import settings
from django_ratelimit.core import is_ratelimited

from site_project.sign_in.throttling import client_ip


def over_limit(request, action, email):
    """Count one ``action`` ("place-order", "voucher") for this request's
    client address and for ``email`` (if known); True when either is over its
    limit. Every counter is counted, so one refusal cannot spare another."""
    rates = settings.SHOP_THROTTLE_RATES[action]
    keys = [("ip", client_ip(request) or "", rates["ip"])]
    if email:
        keys.append(("email", email.strip().lower(), rates["email"]))
    refused = [
        is_ratelimited(
            request,
            group=f"shop:{action}:{kind}",
            key=lambda group, request, value=value: value,
            rate=rate,
            increment=True,
        )
        for kind, value, rate in keys
    ]
    return any(refused)
