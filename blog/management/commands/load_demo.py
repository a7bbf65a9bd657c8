"""Load the demo content that `make run` shows. Safe to run again."""

from django.core.management.base import BaseCommand
from wagtail.models import Site

from blog.models import ArticleIndexPage, HomePage


class Command(BaseCommand):
    help = "Load the demo site content (idempotent)."

    def handle(self, *args, **options):
        home = HomePage.objects.first()
        index = ArticleIndexPage.objects.first()
        if home is None or index is None:
            self.stderr.write(
                "Run `manage.py migrate` first: the page tree is missing."
            )
            raise SystemExit(1)
        site = Site.objects.get(is_default_site=True)
        self.stdout.write(
            f"Site '{site.site_name}' serves {home.title} at / and "
            f"{index.title} at {index.url}."
        )
