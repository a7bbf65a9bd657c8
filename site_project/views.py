"""Project-level views that belong to no app."""

from django.http import HttpResponse
from django.views.decorators.http import require_safe


@require_safe
def healthz(request):
    """Liveness for load balancers, and the benchmark's baseline: the whole
    middleware stack, no template, no database."""
    return HttpResponse("ok", content_type="text/plain")
