from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo content (articles, the catalogue, their drawn images) and its
    loader, `manage.py load_demo`."""

    name = "demo"
    label = "demo"
    verbose_name = "Demo content"
