"""Clean dashboard rich text stored before it was cleaned on save.

Shop pages print product and category descriptions and rich-text attribute
values with ``|safe``; since #17 the dashboard forms clean them on save with
Wagtail's whitelister. This cleans what was saved before, with the same rules.
"""

from django.db import migrations
from wagtail.whitelist import Whitelister

RICH_TEXT_FIELDS = (
    ("Category", "description"),
    ("Product", "description"),
    ("ProductAttributeValue", "value_richtext"),
)


def clean_stored_rich_text(apps, schema_editor):
    whitelister = Whitelister()
    for model_name, field in RICH_TEXT_FIELDS:
        model = apps.get_model("catalogue", model_name)
        rows = model.objects.exclude(**{f"{field}__isnull": True}).exclude(
            **{field: ""}
        )
        for pk, html in rows.values_list("pk", field).iterator():
            cleaned = whitelister.clean(html)
            if cleaned != html:
                model.objects.filter(pk=pk).update(**{field: cleaned})


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0034_product_listed_index")]

    operations = [
        migrations.RunPython(clean_stored_rich_text, migrations.RunPython.noop)
    ]
