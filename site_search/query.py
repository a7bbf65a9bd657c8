"""One query, two kinds of result, one ranking.

Articles (Wagtail pages) and products (the forked Oscar ``Product``) live in
the same Wagtail search backend. The backend searches one model at a time, so
``site_search`` runs the query once per kind, keeps each kind's relevance
score, and merges the two ranked lists for the "all" view: title matches
first, then by score (see ``_ranked``).
"""

import heapq
import re
from dataclasses import dataclass, field
from itertools import islice
from math import ceil

from wagtail.search.backends import get_search_backend

from blog.models import ArticlePage
from shop.cards import product_cards
from shop.catalogue.models import Product

# Longer input is cut, not refused: the header box already stops at 200.
MAX_QUERY_LENGTH = 200
# Enough words for any real question; more only makes the SQL bigger.
MAX_QUERY_TERMS = 12
RESULTS_PER_PAGE = 10
# Deep pages merge ever longer lists; nobody reads past this page.
MAX_PAGE = 50
SUGGESTIONS_PER_KIND = 5
# Results among the first this many of each kind rank title matches first.
TITLE_RANK_WINDOW = 50

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


def _higher_score_is_better(backend):
    # SQLite's FTS5 bm25() is negative and lower means more relevant; the
    # PostgreSQL, Elasticsearch and OpenSearch backends score the other way.
    # (The project's FastSQLiteSearchBackend subclasses SQLiteSearchBackend;
    # that module cannot be imported on other databases.)
    return all(cls.__name__ != "SQLiteSearchBackend" for cls in type(backend).__mro__)


@dataclass(frozen=True)
class SearchHit:
    """One result: an article page, or a product card from the shop."""

    kind: str
    article: ArticlePage | None = None
    card: object | None = None


@dataclass
class SiteSearch:
    """A results page: its hits, the counts per kind and the pagination."""

    query: str
    kind: str
    article_count: int = 0
    product_count: int = 0
    hits: list = field(default_factory=list)
    page_number: int = 1
    num_pages: int = 0

    @property
    def total(self):
        return self.article_count + self.product_count

    def count_for(self, kind):
        """How many results one kind (or all kinds) has."""
        return {
            KIND_ALL: self.total,
            KIND_ARTICLES: self.article_count,
            KIND_PRODUCTS: self.product_count,
        }[kind]

    @property
    def count(self):
        """How many results the selected kind has."""
        return self.count_for(self.kind)

    @property
    def has_previous(self):
        return self.page_number > 1

    @property
    def has_next(self):
        return self.page_number < self.num_pages


class PageNotFound(Exception):
    """The requested results page is past the last one."""

    def __init__(self, search):
        super().__init__(f"page {search.page_number} of {search.num_pages}")
        self.search = search


def _title_matches(title, words):
    return words <= {w.lower() for w in WORD_RE.findall(title)}


def _ranked(results, stop, words, higher_is_better):
    """The first ``stop`` results as (sort key, pk), best first.

    Within the top ``TITLE_RANK_WINDOW`` results, those whose title holds
    every query word come first: full-text scores penalise long documents,
    so without this a long article titled exactly what was asked could rank
    below products that merely mention it. Past the window the backend's
    order stands, so the order never depends on which page is asked for.

    ``results`` search ``values()`` rows of primary keys and titles (see
    ``_ranking_fields``): the window is ranked on those, and only the page's
    own objects are loaded afterwards.
    """
    fetched = results[: max(stop, TITLE_RANK_WINDOW)]
    ranked = []
    for position, row in enumerate(fetched):
        score = row.get("_score") or 0.0
        relevance = -score if higher_is_better else score
        title_tier = (
            0
            if position < TITLE_RANK_WINDOW and _title_matches(row["title"], words)
            else 1
        )
        ranked.append(((title_tier, relevance), row["pk"]))
    ranked.sort(key=lambda item: item[0])
    return ranked[:stop]


def _ranking_fields(queryset):
    """What ranking reads of each result: its primary key and title, as
    ``values()`` rows.

    At scale the window holds dozens of results per kind; building each as a
    page or product (Django's, Wagtail's and modelcluster's set-up) cost more
    than the search itself, for objects of which the page shows ten.
    """
    return queryset.values("pk", "title")


def site_search(raw_query, kind=KIND_ALL, page=1, request=None):
    """Run the query and build one results page.

    Raises ``PageNotFound`` when ``page`` is past the last page.
    """
    query = clean_query(raw_query)
    search = SiteSearch(query=query, kind=parse_kind(kind))
    if not query:
        return search

    backend = get_search_backend()
    higher_is_better = _higher_score_is_better(backend)
    # One queryset for ranking and loading: each ``public()`` call costs a
    # query for the view restrictions.
    article_queryset = searchable_articles()
    articles = backend.search(query, _ranking_fields(article_queryset)).annotate_score(
        "_score"
    )
    products = backend.search(
        query, _ranking_fields(searchable_products())
    ).annotate_score("_score")
    words = set(query.lower().split())
    start = (page - 1) * RESULTS_PER_PAGE
    # The ranked lists are fetched before counting: the project's backends
    # count the matches while ranking them (PostgreSQL in the ranking query,
    # SQLite from the scores it reads), so counting a ranked kind below costs
    # no query. Ranking to ``start + RESULTS_PER_PAGE`` (at least
    # the title window) holds the page whatever the counts turn out to be;
    # a page past MAX_PAGE is never ranked (it is past the end).
    fetch_stop = start + RESULTS_PER_PAGE if page <= MAX_PAGE else 0
    article_ranks = (
        _ranked(articles, fetch_stop, words, higher_is_better)
        if search.kind != KIND_PRODUCTS and fetch_stop
        else []
    )
    product_ranks = (
        _ranked(products, fetch_stop, words, higher_is_better)
        if search.kind != KIND_ARTICLES and fetch_stop
        else []
    )
    search.article_count = articles.count()
    search.product_count = products.count()

    reachable = min(search.count, MAX_PAGE * RESULTS_PER_PAGE)
    search.num_pages = ceil(reachable / RESULTS_PER_PAGE)
    search.page_number = page
    if search.count == 0:
        return search
    if page > search.num_pages:
        raise PageNotFound(search)
    stop = min(start + RESULTS_PER_PAGE, reachable)

    # The top `stop` of the merged list come from the top `stop` of each; on
    # equal keys articles come first.
    merged = heapq.merge(
        ((key, 0, KIND_ARTICLES, pk) for key, pk in article_ranks),
        ((key, 1, KIND_PRODUCTS, pk) for key, pk in product_ranks),
        key=lambda item: (item[0], item[1]),
    )
    ranked = [(k, pk) for _, _, k, pk in islice(merged, start, stop)]

    # The page's own objects, in full. One ranked a moment ago but gone now
    # (unpublished, hidden, deleted) is left out, not shown stale.
    article_pks = [pk for k, pk in ranked if k == KIND_ARTICLES]
    articles_by_pk = (
        article_queryset.order_by().in_bulk(article_pks) if article_pks else {}
    )
    cards = product_cards([pk for k, pk in ranked if k == KIND_PRODUCTS], request)
    for k, pk in ranked:
        if k == KIND_ARTICLES and pk in articles_by_pk:
            search.hits.append(SearchHit(kind="article", article=articles_by_pk[pk]))
        elif k == KIND_PRODUCTS and pk in cards:
            search.hits.append(SearchHit(kind="product", card=cards[pk]))
    return search
