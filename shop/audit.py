"""Audit log entries for writes that skip ``Model.save()``.

django-auditlog records a change from the model's save and delete signals;
``QuerySet.update()``, ``bulk_update()`` and ``bulk_create()`` send none.
Oscar's dashboard uses them for its bulk actions (make public, set prices)
and for product attribute values. ``logged_bulk_writes`` reads the rows
before and after such writes and records each created or changed row that
auditlog did not already record, through auditlog's own manager, so the log
names the same actor as for a saved form. (``QuerySet.delete()`` sends the
delete signals, so deletions are recorded by auditlog itself.)
"""

from contextlib import contextmanager

from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction


@contextmanager
def logged_bulk_writes(queryset):
    """Log each row of ``queryset`` created or changed inside the block, in
    the same transaction as the writes."""
    model = queryset.model
    with transaction.atomic():
        before = {obj.pk: obj for obj in queryset.all()}
        last_entry = LogEntry.objects.order_by("-pk").values_list("pk", flat=True)
        last_entry_pk = last_entry.first() or 0
        yield
        after = {obj.pk: obj for obj in queryset.all()}
        # Rows changed so that they left the queryset's filter.
        after.update(model.objects.in_bulk(list(before.keys() - after.keys())))
        already_logged = set(
            LogEntry.objects.filter(
                pk__gt=last_entry_pk,
                content_type=ContentType.objects.get_for_model(model),
                object_pk__in=[str(pk) for pk in after],
            ).values_list("object_pk", flat=True)
        )
        for pk, new in after.items():
            if str(pk) in already_logged:
                continue
            old = before.get(pk)
            changes = model_instance_diff(old, new)
            if changes:
                LogEntry.objects.log_create(
                    new,
                    action=LogEntry.Action.CREATE
                    if old is None
                    else LogEntry.Action.UPDATE,
                    changes=changes,
                )


def hidden(value):
    """Mask for secret fields (AUDITLOG_INCLUDE_TRACKING_MODELS): the log says
    a password changed and shows nothing of either hash."""
    return "(hidden)"
