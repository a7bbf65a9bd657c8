"""Load the demo content that `make run` shows. Safe to run again."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Site

from blog.models import ArticleIndexPage, HomePage
from demo.catalogue import load_catalogue
from demo.pages import ensure_articles, feature_on_home
from demo.sales import load_sales
from demo.search import load_search_terms
from demo.shop_pages import ensure_shop_pages


class Command(BaseCommand):
    help = (
        "Load the demo site: recovery products with drawn images, original "
        "articles with product callouts, the home page, the delivery, returns, "
        "privacy, terms and contact pages and the staff groups. "
        "Idempotent: existing rows are found by key and left as they are."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--with-sales",
            action="store_true",
            help="Also make three weeks of callout impressions, clicks, adds "
            "and attributed orders for the callout sales report.",
        )

    def handle(self, *args, **options):
        home = HomePage.objects.first()
        index = ArticleIndexPage.objects.first()
        if home is None or index is None:
            raise CommandError(
                "The page tree is missing: run `manage.py migrate` first."
            )
        with transaction.atomic():
            point_site_at_base_url()
            call_command("setup_roles", stdout=self.stdout)
            products, categories = load_catalogue()
            articles, warnings = ensure_articles(index)
            feature_on_home(home.specific, articles, products, categories)
            ensure_shop_pages(home)
            load_search_terms(articles, products)
        if options["with_sales"]:
            with transaction.atomic():
                orders = load_sales()
            self.stdout.write(f"Sales history: {orders} new demo orders.")
        for warning in warnings:
            self.stdout.write(self.style.WARNING(warning))
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo ready: {len(products)} products in {len(categories)} "
                f"categories, {len(articles)} articles at {index.url}."
            )
        )


def point_site_at_base_url():
    """Serve the default Wagtail site at the configured base URL (SITE_URL),
    so canonical links, the feed and the sitemap name the address the site is
    really served at (http://127.0.0.1:8000 under `make run`)."""
    url = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    port = url.port or (443 if url.scheme == "https" else 80)
    site = Site.objects.get(is_default_site=True)
    if (site.hostname, site.port) != (url.hostname, port):
        site.hostname, site.port = url.hostname, port
        site.save(update_fields=["hostname", "port"])
