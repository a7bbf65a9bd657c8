"""Statuses renamed as the order's life names them: "Shipped" is now
"Dispatched" and "Complete" is "Delivered", on orders, their lines and the
history of status changes."""

from django.db import migrations

RENAMED = {"Shipped": "Dispatched", "Complete": "Delivered"}


def rename(apps, names):
    Order = apps.get_model("order", "Order")
    Line = apps.get_model("order", "Line")
    StatusChange = apps.get_model("order", "OrderStatusChange")
    for old, new in names.items():
        Order.objects.filter(status=old).update(status=new)
        Line.objects.filter(status=old).update(status=new)
        StatusChange.objects.filter(old_status=old).update(old_status=new)
        StatusChange.objects.filter(new_status=old).update(new_status=new)


def forwards(apps, schema_editor):
    rename(apps, RENAMED)


def backwards(apps, schema_editor):
    rename(apps, {new: old for old, new in RENAMED.items()})


class Migration(migrations.Migration):
    dependencies = [("order", "0023_returns")]

    operations = [migrations.RunPython(forwards, backwards)]
