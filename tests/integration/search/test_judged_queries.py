"""The judged query set (judged_queries.py) against the demo data: every
result a query must show is on its first page (recall 1.0), and the first
result is a relevant one for at least 80% of the queries. The figures are
printed and written to test-results/judged-<database>.txt."""

import io
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction

from blog.models import ArticlePage
from shop.catalogue.models import Category, Product
from site_search.query import first_results, site_search
from tests.conftest import ensure_site_tree

from .judged_queries import QUERIES

# The tests read what the module's fixture found; the mark makes pytest-django
# create the test database that fixture fills.
pytestmark = pytest.mark.django_db

RESULTS_DIR = Path(__file__).resolve().parents[3] / "test-results"
FIRST_PAGE = 10
MIN_FIRST_RELEVANT = 0.8
MIN_QUERIES = 40


def key_of(item):
    """The stable name of a result, as the judged set writes it."""
    if isinstance(item, Product):
        return f"product:{item.upc}"
    if isinstance(item, ArticlePage):
        return f"article:{item.slug}"
    if isinstance(item, Category):
        return f"category:{item.slug}"
    return f"{type(item).__name__}:{item.pk}"


@dataclass(frozen=True)
class Shown:
    """What one query's first page showed, and how the query was read."""

    items: list  # (key, title) pairs, in page order
    reading: str

    @property
    def keys(self):
        return [key for key, _ in self.items]

    def describe(self):
        shown = ", ".join(f"{key} ({title})" for key, title in self.items)
        return f"read as {self.reading}; shown: [{shown or 'nothing'}]"


@dataclass(frozen=True)
class Judgement:
    """What every judged query showed on one database, and the results the
    demo has (public products, live articles, categories)."""

    vendor: str
    shown: dict
    known: set

    def unknown(self):
        """Results the judged set names that the demo does not have."""
        named = {key for judged in QUERIES for key in judged.relevant()}
        return sorted(named - self.known)

    def misses(self):
        """Each query's results that must appear and do not."""
        misses = {}
        for judged in QUERIES:
            shown = self.shown[judged.query].keys
            missing = [key for key in judged.must if key not in shown]
            if missing:
                misses[judged.query] = missing
        return misses

    def wrong_first(self):
        """The queries whose first result is missing or not relevant."""
        return [
            judged.query
            for judged in QUERIES
            if not set(self.shown[judged.query].keys[:1]) & judged.relevant()
        ]

    def recall(self):
        needed = sum(len(judged.must) for judged in QUERIES)
        missed = sum(len(missing) for missing in self.misses().values())
        return (needed - missed) / needed

    def first_relevant_rate(self):
        return 1 - len(self.wrong_first()) / len(QUERIES)

    def figures(self):
        return (
            f"judged queries ({self.vendor}): {len(QUERIES)} queries, "
            f"recall {self.recall():.3f}, "
            f"first relevant at rank 1 in {self.first_relevant_rate():.1%}"
        )


def reading_of(query):
    """The words searched for, and whether they were corrected or fuzzy."""
    reading = site_search(query).reading
    how = " (corrected)" if reading.corrected else " (fuzzy)" if reading.fuzzy else ""
    return f"{reading.text!r}{how}"


@pytest.fixture(scope="module")
def judgement(django_db_setup, django_db_blocker):
    """The demo loaded once and every judged query run against it, in a
    transaction rolled back afterwards so no other test sees the demo."""
    with django_db_blocker.unblock(), transaction.atomic():
        cache.clear()
        ensure_site_tree()
        call_command("load_demo", stdout=io.StringIO())
        known = {key_of(p) for p in Product.objects.filter(is_public=True)}
        known |= {key_of(a) for a in ArticlePage.objects.live()}
        known |= {key_of(c) for c in Category.objects.all()}
        shown = {}
        for judged in QUERIES:
            shown[judged.query] = Shown(
                [
                    (key_of(item), str(item))
                    for item in first_results(judged.query, FIRST_PAGE)
                ],
                reading_of(judged.query),
            )
        vendor = connection.vendor
        transaction.set_rollback(True)
    cache.clear()
    return Judgement(vendor, shown, known)


def report(judgement):
    """Print the figures (seen with -s) and keep them under test-results/,
    with what each query showed beside them."""
    line = judgement.figures()
    print(line)  # noqa: T201
    RESULTS_DIR.mkdir(exist_ok=True)
    (RESULTS_DIR / f"judged-{judgement.vendor}.txt").write_text(line + "\n")
    (RESULTS_DIR / f"judged-{judgement.vendor}-queries.txt").write_text(
        "".join(
            f"{query!r}: {shown.describe()}\n"
            for query, shown in judgement.shown.items()
        )
    )


def assert_judged(judgement):
    assert len(QUERIES) >= MIN_QUERIES
    assert len({judged.query for judged in QUERIES}) == len(QUERIES)
    assert judgement.unknown() == [], "the judged set names results the demo lacks"
    report(judgement)
    shown = judgement.shown
    problems = [
        f"  {query!r}: missing {missing}; {shown[query].describe()}"
        for query, missing in judgement.misses().items()
    ]
    rate = judgement.first_relevant_rate()
    if problems or rate < MIN_FIRST_RELEVANT:
        problems += [
            f"  {query!r}: first result not relevant; {shown[query].describe()}"
            for query in judgement.wrong_first()
        ]
    assert not problems and rate >= MIN_FIRST_RELEVANT, (
        judgement.figures() + "\n" + "\n".join(problems)
    )


def test_judged_queries_find_what_shoppers_mean(judgement):
    assert_judged(judgement)


@pytest.mark.postgres
def test_judged_queries_on_postgresql(judgement):
    """The same judgement where the backend stems words and matches typos
    by trigram similarity."""
    assert judgement.vendor == "postgresql", "run with DATABASE_URL=postgres://..."
    assert_judged(judgement)
