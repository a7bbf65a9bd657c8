"""The countries the shop ships to exist from the first migrate."""

from django.db import migrations

from shop.shipping_countries import ensure_shipping_countries


def add_countries(apps, schema_editor):
    ensure_shipping_countries(apps.get_model("address", "Country"))


class Migration(migrations.Migration):
    dependencies = [("address", "0007_useraddress_code")]

    operations = [migrations.RunPython(add_countries, migrations.RunPython.noop)]
