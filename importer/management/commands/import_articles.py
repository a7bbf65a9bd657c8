import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from blog.models import ArticleIndexPage
from importer.pages import import_document, report
from importer.readers import FORMATS, SourceError, read_source
from importer.suggestions import Suggester


class Command(BaseCommand):
    help = (
        "Import articles from plain text, Markdown, HTML, Word (.docx) or "
        "WordPress export (.xml) files as draft article pages."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Files or folders to import.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Read and report; save nothing."
        )
        parser.add_argument(
            "--json", action="store_true", help="Print the report as JSON."
        )
        parser.add_argument(
            "--publish", action="store_true", help="Publish the imported pages."
        )
        parser.add_argument(
            "--parent", help="Slug of the article index page to import under."
        )
        parser.add_argument(
            "--drafts",
            action="store_true",
            help="Also import WordPress drafts and pending posts.",
        )

    def handle(self, *args, **options):
        parent = None
        if options["parent"]:
            parent = ArticleIndexPage.objects.filter(slug=options["parent"]).first()
            if parent is None:
                raise CommandError(
                    f"No article index page has the slug '{options['parent']}'."
                )
        files = []
        for name in options["paths"]:
            path = Path(name)
            if path.is_dir():
                files += sorted(
                    p
                    for p in path.rglob("*")
                    if p.suffix.lower() in FORMATS and p.is_file()
                )
            elif path.is_file():
                files.append(path)
            else:
                raise CommandError(f"{name}: no such file or folder.")
        results, failed, suggester = [], 0, Suggester()
        for path in files:
            try:
                documents = read_source(
                    path.name, path.read_bytes(), include_drafts=options["drafts"]
                )
            except SourceError as error:
                failed += 1
                results.append(
                    {
                        "file": path.name,
                        "title": "",
                        "page_id": None,
                        "blocks": [],
                        "suggestions": [],
                        "warnings": [str(error)],
                    }
                )
                self.stderr.write(str(error))
                continue
            for position, document in enumerate(documents, start=1):
                outcome = import_document(
                    document,
                    parent=parent,
                    publish=options["publish"],
                    dry_run=options["dry_run"],
                    base_dir=path.parent,
                )
                outcome.suggestions = suggester.suggest(outcome.body)
                results.append(report(outcome))
                if len(documents) > 1 and (
                    position % 50 == 0 or position == len(documents)
                ):
                    self.stderr.write(f"{path.name}: {position}/{len(documents)} posts")
                if not options["json"]:
                    self.print_outcome(outcome, options["dry_run"])
        if options["json"]:
            self.stdout.write(json.dumps(results, indent=2, ensure_ascii=False))
        if failed and failed == len(files):
            raise CommandError("Nothing was imported.")

    def print_outcome(self, outcome, dry_run):
        document = outcome.document
        if dry_run:
            state = "would import"
        elif outcome.page is None:
            state = "not imported"
        else:
            state = "created" if outcome.created else "updated"
        self.stdout.write(
            f"{document.name}: '{document.title}' {state} ({len(outcome.body)} blocks)"
        )
        for warning in document.warnings:
            self.stdout.write(f"  warning: {warning}")
        for suggestion in outcome.suggestions:
            self.stdout.write(
                f"  suggested callout: {suggestion['phrase']!r} -> "
                f"{suggestion['label']}"
            )
