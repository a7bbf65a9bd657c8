"""Oscar's signals: a basket add from a callout remembers the callout on its
basket line (docs/attribution.md)."""

from django.dispatch import receiver
from django.utils import timezone
from oscar.apps.basket.signals import basket_addition

from .callouts import count, parse_via, real_callouts
from .models import BasketLineCallout


def posted_callout(data):
    """The (page id, block id) a basket form posted, if it names a real callout."""
    page_id, block_id = data.get("callout_page", ""), data.get("callout_block", "")
    pair = parse_via(f"{page_id}.{block_id}")
    if pair is None or not real_callouts([pair]):
        return None
    return pair


@receiver(basket_addition, dispatch_uid="attribution.basket_addition")
def remember_callout(sender, request, **kwargs):
    line = getattr(sender, "line", None)
    pair = posted_callout(request.POST) if line is not None else None
    if pair is None:
        return
    page_id, block_id = pair
    BasketLineCallout.objects.update_or_create(
        line=line,
        defaults={
            "page_id": page_id,
            "block_id": block_id,
            "touched_at": timezone.now(),
        },
    )
    count(page_id, block_id, "adds")
