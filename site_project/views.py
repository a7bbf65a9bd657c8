"""Project-level views that belong to no app."""

from html import unescape

from django.contrib import messages
from django.http import HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.html import strip_tags
from django.views.decorators.http import require_safe
from oscar.templatetags.currency_filters import currency


@require_safe
def healthz(request):
    """Liveness for load balancers, and the benchmark's baseline: the whole
    middleware stack, no template, no database."""
    return HttpResponse("ok", content_type="text/plain")


def message_text(message):
    """A message as plain text: Oscar renders some from templates, as HTML."""
    return " ".join(unescape(strip_tags(str(message))).split())


@require_safe
def visitor(request):
    """What is the visitor's own, for pages any cache may hold
    (``static/js/site.js`` reads it): a CSRF token for their forms, the
    mini-basket, the messages waiting for them, and whether they are signed in.
    Never cached (``CacheHeadersMiddleware`` marks it private)."""
    basket = request.basket
    total = basket.total_incl_tax if basket.is_tax_known else basket.total_excl_tax
    return JsonResponse(
        {
            "csrf_token": get_token(request),
            "signed_in": request.user.is_authenticated,
            "basket": {
                "num_items": basket.num_items,
                "total": currency(total or 0, basket.currency),
                "url": reverse("basket:summary"),
            },
            "messages": [
                {"level": message.level_tag, "text": message_text(message)}
                for message in messages.get_messages(request)
            ],
        }
    )
