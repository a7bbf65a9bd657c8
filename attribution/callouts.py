"""Which (article, callout) a posted or reported value names, if it names a
real one: a live, public article whose live body holds a callout block with
that id. Anything else is ignored, never stored."""

import re

from django.db.models import F
from django.utils import timezone

from blog.callout_blocks import CalloutBlock
from blog.models import ArticlePage

from .models import BLOCK_ID_LENGTH, CalloutDay

#: ``<page id>.<block id>``, as the ``via`` query parameter and the beacon carry it.
VIA = re.compile(rf"(\d{{1,10}})\.([A-Za-z0-9-]{{1,{BLOCK_ID_LENGTH}}})")


def parse_via(value):
    """(page id, block id) from ``<page>.<block>``, or None."""
    match = VIA.fullmatch(value) if isinstance(value, str) else None
    return (int(match[1]), match[2]) if match else None


def callout_ids(article):
    """The block ids of the callouts in an article's body."""
    child_blocks = article.body.stream_block.child_blocks
    return {
        raw.get("id")
        for raw in article.body.raw_data
        if isinstance(child_blocks.get(raw.get("type")), CalloutBlock)
    }


def real_callouts(pairs):
    """The (page id, block id) pairs among ``pairs`` that name a callout of a
    live, public article, in one query."""
    pairs = set(pairs)
    articles = (
        ArticlePage.objects.live()
        .public()
        .filter(pk__in={page_id for page_id, _ in pairs})
        .only("pk", "body")
    )
    ids = {article.pk: callout_ids(article) for article in articles}
    return {(page, block) for page, block in pairs if block in ids.get(page, ())}


def count(page_id, block_id, **counts):
    """Add ``counts`` (e.g. ``impressions=1, clicks=1``) to a callout's counts
    for today: one UPDATE, or the day's row made first."""
    key = {"date": timezone.localdate(), "page_id": page_id, "block_id": block_id}
    added = {field: F(field) + n for field, n in counts.items()}
    if CalloutDay.objects.filter(**key).update(**added):
        return
    day, created = CalloutDay.objects.get_or_create(**key, defaults=counts)
    if not created:
        CalloutDay.objects.filter(pk=day.pk).update(**added)
