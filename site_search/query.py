"""One query, two kinds of result, one ranking: articles and products live
in one Wagtail search index, which the backend searches one model at a time,
so the query runs once per kind and the two ranked lists are merged."""

import re
from dataclasses import dataclass, field

from wagtail.search.backends import get_search_backend

from blog.models import ArticlePage
from shop.cards import product_cards
from shop.catalogue.models import Product

# Longer input is cut, not refused: the header box already stops at 200.
MAX_QUERY_LENGTH = 200
# Enough words for any real question; more only makes the SQL bigger.
MAX_QUERY_TERMS = 12
RESULTS_PER_PAGE = 10
# How many results are ranked and paged through, of one kind or of all;
# nobody reads further.
MAX_RESULTS = 500
KINDS = ("all", "articles", "products")

# Words are letters and digits; everything else (quotes, wildcards, SQL or
# full-text operators, markup) separates words and never reaches the backend.
WORD_RE = re.compile(r"[^\W_]+")


def clean_query(raw):
    """The query as the backend will see it: at most ``MAX_QUERY_TERMS`` plain
    words of the first ``MAX_QUERY_LENGTH`` characters, so that no input can
    produce a full-text syntax error or an unbounded query."""
    words = WORD_RE.findall((raw or "")[:MAX_QUERY_LENGTH])
    return " ".join(words[:MAX_QUERY_TERMS])


def searchable_articles():
    """Live articles without a view restriction, without their bodies:
    results show the title, date and standfirst."""
    return ArticlePage.objects.live().public().defer("body")


def searchable_products():
    """Products a shopper may browse: public, and not a variant of a parent."""
    return Product.objects.filter(is_public=True).exclude(structure=Product.CHILD)


@dataclass
class SiteSearch:
    """How many articles and products match, and the ranked results of the
    kind asked for as ``(kind, pk)`` pairs, best first."""

    query: str
    kind: str
    counts: dict = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    ranked: list = field(default_factory=list)

    @property
    def count(self):
        """How many results the selected kind has."""
        return self.counts[self.kind]


def site_search(raw_query, kind="all"):
    """Run the query: count each kind, rank the kind (or kinds) asked for;
    an unknown kind means all kinds."""
    search = SiteSearch(clean_query(raw_query), kind if kind in KINDS else "all")
    if not search.query:
        return search
    backend = get_search_backend()
    # Ranking reads primary keys and titles; only the shown page's objects
    # are loaded whole (``load_hits``).
    words = set(search.query.lower().split())
    hits = []
    for name, objects in (
        ("articles", searchable_articles()),
        ("products", searchable_products()),
    ):
        results = backend.search(search.query, objects.values("pk", "title"))
        search.counts[name] = results.count()
        search.counts["all"] += search.counts[name]
        if search.kind not in ("all", name):
            continue
        # Titles holding every query word first: full-text scores penalise
        # long documents, so a long article titled exactly what was asked
        # could otherwise rank below products that merely mention it. Then
        # the score's magnitude: SQLite's bm25 is negative (lower is better),
        # the other backends' positive, and no FTS5 scores nothing (None).
        for row in results.annotate_score("_score")[:MAX_RESULTS]:
            title = {word.lower() for word in WORD_RE.findall(row["title"])}
            key = (not words <= title, -abs(row["_score"] or 0))
            hits.append((key, name, row["pk"]))
    # A stable sort: on equal keys articles come first, and each kind keeps
    # the backend's order.
    hits.sort(key=lambda hit: hit[0])
    search.ranked = [(hit_kind, pk) for _, hit_kind, pk in hits[:MAX_RESULTS]]
    return search


@dataclass(frozen=True)
class SearchHit:
    """One result: an article page, or a product card from the shop."""

    kind: str
    article: ArticlePage | None = None
    card: object | None = None


def load_hits(page, request=None):
    """A page of ``(kind, pk)`` results as hits to render, in order; one
    deleted since it was ranked is left out."""
    pks = {kind: [pk for hit_kind, pk in page if hit_kind == kind] for kind in KINDS}
    articles = ArticlePage.objects.defer("body").in_bulk(pks["articles"])
    cards = product_cards(pks["products"], request)
    hits = [
        SearchHit("article", article=articles.get(pk))
        if kind == "articles"
        else SearchHit("product", card=cards.get(pk))
        for kind, pk in page
    ]
    return [hit for hit in hits if hit.article or hit.card]
