"""Audit log entries for the bulk writes Oscar's dashboard makes, which send
no save signal for django-auditlog to record."""

from contextlib import contextmanager

from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction


@contextmanager
def logged_bulk_writes(queryset):
    """Log each row of ``queryset`` created or changed inside the block and
    not already logged, in the writes' transaction, through auditlog's own
    manager (so with the same actor)."""
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
            old = before.get(pk)
            changes = model_instance_diff(old, new)
            if changes and str(pk) not in already_logged:
                created = old is None
                action = LogEntry.Action.CREATE if created else LogEntry.Action.UPDATE
                LogEntry.objects.log_create(new, action=action, changes=changes)


def hidden(value):
    """Mask for the password: the log says it changed and shows no hash."""
    return "(hidden)"
