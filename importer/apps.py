from django.apps import AppConfig


class ImporterConfig(AppConfig):
    name = "importer"
    verbose_name = "Article importer"
    default_auto_field = "django.db.models.AutoField"
