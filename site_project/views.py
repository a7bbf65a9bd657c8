"""Project-level views that belong to no app."""

from django.contrib import messages
from django.http import HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.html import conditional_escape
from django.views.decorators.http import require_safe
from oscar.templatetags.currency_filters import currency


@require_safe
def healthz(request):
    """Liveness for load balancers, and the benchmark's baseline: the whole
    middleware stack, no template, no database."""
    return HttpResponse("ok", content_type="text/plain")


@require_safe
def visitor(request):
    """The visitor's own part of pages any cache may hold, for
    ``static/js/site.js``: a CSRF token, the mini-basket, their messages and
    whether they are signed in. Never cached (private, like every other view)."""
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
                # Escaped unless marked safe, as {{ message }} in a template:
                # Oscar renders some messages, with links, from templates.
                {
                    "level": message.level_tag,
                    "html": conditional_escape(message.message),
                }
                for message in messages.get_messages(request)
            ],
        }
    )
