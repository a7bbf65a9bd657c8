"""Generate products and articles at scale for benchmarks (bulk inserts)."""

import time

from django.core.management.base import BaseCommand, CommandError

from blog.models import ArticleIndexPage
from demo.scale import load_scale_data


class Command(BaseCommand):
    help = (
        "Add N products and M live articles with callouts, in bulk, for "
        "benchmarks. Running again adds more (numbering continues)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--products", type=int, default=10_000)
        parser.add_argument("--articles", type=int, default=2_000)
        parser.add_argument(
            "--callouts",
            type=int,
            default=10,
            help="Callout blocks per article (default 10).",
        )
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, products, articles, callouts, seed, **options):
        if products < 0 or articles < 0 or callouts < 0:
            raise CommandError("--products, --articles and --callouts must be >= 0.")
        if articles and callouts and products < 3:
            raise CommandError("Articles with callouts need --products 3 or more.")
        if not ArticleIndexPage.objects.exists():
            raise CommandError(
                "The page tree is missing: run `manage.py migrate` first."
            )
        started = time.perf_counter()
        created, pages, references = load_scale_data(
            products, articles, callouts, seed=seed
        )
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {len(created)} products and {len(pages)} articles "
                f"({references} references) in {elapsed:.1f} s."
            )
        )
