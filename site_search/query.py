"""One query, two kinds of result, one ranking.

Articles (Wagtail pages) and products (the forked Oscar ``Product``) live in
the same Wagtail search index. The backend searches one model at a time, so
the query runs once per kind and the two ranked lists are merged: title
matches first, then by the backend's score.
"""

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
SUGGESTIONS_PER_KIND = 5

KIND_ALL = "all"
KIND_ARTICLES = "articles"
KIND_PRODUCTS = "products"
KINDS = (KIND_ALL, KIND_ARTICLES, KIND_PRODUCTS)

# Words are letters and digits; everything else (quotes, wildcards, SQL or
# full-text operators, markup) separates words and never reaches the backend.
WORD_RE = re.compile(r"[^\W_]+")


def clean_query(raw):
    """The query as the backend will see it: plain words separated by spaces.

    Cut to ``MAX_QUERY_LENGTH`` characters first, then reduced to at most
    ``MAX_QUERY_TERMS`` words, so no input can produce a full-text syntax
    error or an unbounded query.
    """
    words = WORD_RE.findall((raw or "")[:MAX_QUERY_LENGTH])
    return " ".join(words[:MAX_QUERY_TERMS])


def parse_kind(raw):
    """The requested kind of result; anything unknown means all kinds."""
    return raw if raw in KINDS else KIND_ALL


def searchable_articles():
    """Articles a visitor may read: live and not behind a view restriction.

    Without their bodies: results show the title, date and standfirst.
    """
    return ArticlePage.objects.live().public().defer("body")


def searchable_products():
    """Products a shopper may browse: public, and not a variant of a parent."""
    return Product.objects.filter(is_public=True).exclude(structure=Product.CHILD)


@dataclass(frozen=True)
class SearchHit:
    """One result: an article page, or a product card from the shop."""

    kind: str
    article: ArticlePage | None = None
    card: object | None = None


@dataclass
class SiteSearch:
    """How many articles and products match, and the ranked results of the
    kind asked for as ``(kind, pk)`` pairs, best first."""

    query: str
    kind: str
    article_count: int = 0
    product_count: int = 0
    ranked: list = field(default_factory=list)

    def count_for(self, kind):
        """How many results one kind (or all kinds) has."""
        return {
            KIND_ALL: self.article_count + self.product_count,
            KIND_ARTICLES: self.article_count,
            KIND_PRODUCTS: self.product_count,
        }[kind]

    @property
    def count(self):
        """How many results the selected kind has."""
        return self.count_for(self.kind)


def ranked_hits(results, kind, words):
    """``(sort key, kind, pk)`` of the best ``MAX_RESULTS`` of one kind.

    Results whose title holds every query word come first: full-text scores
    penalise long documents, so without this a long article titled exactly
    what was asked could rank below products that merely mention it. Then
    the score: SQLite's bm25 is negative and lower is better, the other
    backends' scores are positive and higher is better, so the magnitude
    orders them all (the database fallback for SQLite without FTS5 scores
    nothing: None).
    """
    rows = results.annotate_score("_score")[:MAX_RESULTS]
    return [
        (
            (
                not words <= {w.lower() for w in WORD_RE.findall(row["title"])},
                -abs(row["_score"] or 0),
            ),
            kind,
            row["pk"],
        )
        for row in rows
    ]


def site_search(raw_query, kind=KIND_ALL):
    """Run the query: count each kind, rank the kind (or kinds) asked for."""
    search = SiteSearch(query=clean_query(raw_query), kind=parse_kind(kind))
    if not search.query:
        return search
    backend = get_search_backend()
    # Ranking reads primary keys and titles; only the shown page's objects
    # are loaded whole (``load_hits``).
    articles = backend.search(search.query, searchable_articles().values("pk", "title"))
    products = backend.search(search.query, searchable_products().values("pk", "title"))
    search.article_count = articles.count()
    search.product_count = products.count()
    words = set(search.query.lower().split())
    hits = []
    if search.kind != KIND_PRODUCTS:
        hits += ranked_hits(articles, KIND_ARTICLES, words)
    if search.kind != KIND_ARTICLES:
        hits += ranked_hits(products, KIND_PRODUCTS, words)
    # A stable sort: on equal keys articles come first, and each kind keeps
    # the backend's order.
    hits.sort(key=lambda hit: hit[0])
    search.ranked = [(hit_kind, pk) for _, hit_kind, pk in hits[:MAX_RESULTS]]
    return search


def load_hits(page, request=None):
    """A page of ``(kind, pk)`` results as hits to render, in order.

    One ranked a moment ago but gone now (deleted) is left out.
    """
    article_pks = [pk for kind, pk in page if kind == KIND_ARTICLES]
    articles = ArticlePage.objects.defer("body").in_bulk(article_pks)
    cards = product_cards([pk for kind, pk in page if kind == KIND_PRODUCTS], request)
    hits = []
    for kind, pk in page:
        if kind == KIND_ARTICLES and pk in articles:
            hits.append(SearchHit(kind="article", article=articles[pk]))
        elif kind == KIND_PRODUCTS and pk in cards:
            hits.append(SearchHit(kind="product", card=cards[pk]))
    return hits
