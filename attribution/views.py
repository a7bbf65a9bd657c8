"""The beacon: the site's script reports which callouts of a page were seen
and which were clicked, once per page view. Only daily counts are kept."""

import json

from django.db import transaction
from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .callouts import count, parse_via, real_callouts

#: Bytes a beacon may have: a page's callouts, with room to spare.
MAX_BEACON_BYTES = 4096
#: Callouts one beacon may name per kind.
MAX_BEACON_CALLOUTS = 50
#: What a beacon reports, and the count each adds to.
KINDS = {"seen": "impressions", "clicked": "clicks"}


def beacon_callouts(body):
    """{kind: {(page id, block id)}} from a beacon's JSON, or None when it is
    not one."""
    try:
        data = json.loads(body)
    except ValueError:
        return None
    if not isinstance(data, dict) or not data or set(data) - set(KINDS):
        return None
    callouts = {}
    for kind, values in data.items():
        if not isinstance(values, list) or len(values) > MAX_BEACON_CALLOUTS:
            return None
        pairs = {parse_via(value) for value in values}
        if None in pairs:
            return None
        callouts[kind] = pairs
    return callouts


@csrf_exempt  # sendBeacon carries no token; nothing here acts for a visitor.
@require_POST
def callouts_seen(request):
    """Count the real callouts a beacon names: 204, or 400 for anything that
    is not a beacon. Unknown callouts are left out, so no beacon can grow the
    tables beyond one row a day per real callout."""
    body = request.read(MAX_BEACON_BYTES + 1)
    if len(body) > MAX_BEACON_BYTES:
        return HttpResponseBadRequest("The beacon is too large.")
    callouts = beacon_callouts(body)
    if callouts is None:
        return HttpResponseBadRequest(
            'Send JSON: {"seen": ["<page>.<block>", ...], "clicked": [...]}.'
        )
    real = real_callouts(set().union(*callouts.values()))
    counts = {}
    for kind, pairs in callouts.items():
        for pair in pairs & real:
            counts.setdefault(pair, {})[KINDS[kind]] = 1
    # One commit for the page view; callouts in one order, so that beacons
    # counting the same callouts at once wait for each other, never deadlock.
    with transaction.atomic():
        for (page_id, block_id), added in sorted(counts.items()):
            count(page_id, block_id, **added)
    return HttpResponse(status=204)
