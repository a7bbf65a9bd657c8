from django.apps import AppConfig


class BlogConfig(AppConfig):
    """Wagtail pages, snippets and content blocks: the content side."""

    name = "blog"
    label = "blog"
    default_auto_field = "django.db.models.AutoField"
