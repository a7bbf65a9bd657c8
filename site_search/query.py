"""One query, several kinds of result, one ranking: articles, products and
categories live in one Wagtail search index, which the backend searches one
model at a time, so the query (read by ``site_project.search_terms``) runs
once per kind and the ranked lists are merged. Editors' promoted results
(``wagtail.contrib.search_promotions``) come first."""

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve
from taggit.models import Tag
from wagtail.contrib.search_promotions.models import Query
from wagtail.search.utils import normalise_query_string

from blog.models import ArticlePage, Topic
from shop.cards import product_cards
from shop.catalogue.models import Category, Product
from site_project.search_terms import query as terms

MAX_QUERY_LENGTH = terms.MAX_QUERY_LENGTH
RESULTS_PER_PAGE = 10
# How many results are ranked and paged through, of one kind or of all;
# nobody reads further.
MAX_RESULTS = 500
# Categories whose names match are listed above the results.
MAX_CATEGORIES = 3
KINDS = ("all", "articles", "products")
VOCABULARY = "site"


def searchable_articles():
    """Live articles without a view restriction, without their bodies:
    results show the title, date and standfirst."""
    return ArticlePage.objects.live().public().defer("body")


def searchable_products():
    """Products a shopper may browse: public, and not a variant of a parent."""
    return Product.objects.filter(is_public=True).exclude(structure=Product.CHILD)


def searchable_categories():
    """Categories a shopper may open: public, under public parents."""
    return Category.objects.filter(is_public=True, ancestors_are_public=True)


@dataclass(frozen=True)
class SearchHit:
    """One result: an article page, a product card from the shop, or (for
    editors' picks) a category or another link."""

    kind: str
    article: ArticlePage | None = None
    card: object | None = None
    category: Category | None = None
    url: str = ""
    title: str = ""
    description: str = ""


@dataclass
class SiteSearch:
    """How the query was read, how many articles and products match, the
    ranked results of the kind asked for as ``(kind, pk)`` pairs (best
    first), the matching categories and the editors' picks."""

    reading: terms.Reading
    kind: str
    counts: dict = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    ranked: list = field(default_factory=list)
    categories: list = field(default_factory=list)
    promotions: list = field(default_factory=list)

    @property
    def query(self):
        """The words searched for (corrected, when they were)."""
        return self.reading.text if self.reading.corrected else self.reading.typed

    @property
    def count(self):
        """How many results the selected kind has."""
        return self.counts[self.kind]


def title_words(title):
    return {word.lower() for word in terms.WORD_RE.findall(title)}


def names_every_unit(title, units):
    """Whether ``title`` holds each unit of the query, or one of its synonyms."""
    words = title_words(title)
    return all(any(set(term.split()) <= words for term in unit) for unit in units)


def site_search(raw_query, kind="all"):
    """Run the query: count each kind, rank the kind (or kinds) asked for;
    an unknown kind means all kinds. Results holding every word of the
    query come first; when they do not fill a page, those holding some of
    them follow."""
    querysets = {
        # Ranking reads primary keys and titles; only the shown page's
        # objects are loaded whole (``load_hits``).
        "articles": searchable_articles().values("pk", "title"),
        "products": searchable_products().values("pk", "title"),
        "categories": searchable_categories(),
    }
    reading, results = terms.search_many(
        querysets,
        raw_query,
        vocabulary_key=VOCABULARY,
        names=(
            Topic.objects.values_list("name", flat=True),
            Tag.objects.filter(blog_articlepagetag_items__isnull=False)
            .values_list("name", flat=True)
            .distinct(),
        ),
        some_words=True,
    )
    search = SiteSearch(reading, kind if kind in KINDS else "all")
    search.promotions = promotions(raw_query)
    if not reading.words:
        return search
    # Results holding some of the words fill a first page that those holding
    # all of them leave short.
    wider = None
    if not (reading.partial or reading.fuzzy) and (
        sum(results[name].count() for name in ("articles", "products"))
        < RESULTS_PER_PAGE
    ):
        wider = terms.build_any(reading.words)
    more = terms.run(querysets, wider) if wider else {}
    search.categories = list(results.pop("categories")[:MAX_CATEGORIES])
    if "categories" in more and len(search.categories) < MAX_CATEGORIES:
        search.categories += [
            category
            for category in more.pop("categories")[:MAX_CATEGORIES]
            if category not in search.categories
        ][: MAX_CATEGORIES - len(search.categories)]
    units = terms.alternatives(reading.words)
    hits = []
    for name, result in results.items():
        search.counts[name] = more.get(name, result).count()
        search.counts["all"] += search.counts[name]
        if search.kind not in ("all", name):
            continue
        # Titles naming every unit of the query first: full-text scores
        # penalise long documents, so a long article titled exactly what was
        # asked could otherwise rank below products that merely mention it.
        # Then results holding every unit, then those holding some. Within
        # each, the score's magnitude: SQLite's bm25 is negative (lower is
        # better), the other backends' positive, and no FTS5 scores nothing.
        ranked = {}
        for row in result.annotate_score("_score")[:MAX_RESULTS]:
            tier = 0 if names_every_unit(row["title"], units) else 1
            ranked[row["pk"]] = (tier, -abs(row["_score"] or 0))
        if name in more:
            for row in more[name].annotate_score("_score")[:MAX_RESULTS]:
                ranked.setdefault(row["pk"], (2, -abs(row["_score"] or 0)))
        hits += [(key, name, pk) for pk, key in ranked.items()]
    # A stable sort: on equal keys articles come first, and each kind keeps
    # the backend's order.
    hits.sort(key=lambda hit: hit[0])
    # An editors' pick is shown once, as a pick.
    picked = {
        ("articles", pick.article.pk) for pick in search.promotions if pick.article
    }
    picked |= {
        ("products", pick.card) for pick in search.promotions if pick.kind == "product"
    }
    ranked = [
        (hit_kind, pk) for _, hit_kind, pk in hits if (hit_kind, pk) not in picked
    ]
    search.ranked = ranked[:MAX_RESULTS]
    return search


def promotions(raw_query):
    """The editors' picks for the query as typed, in their order: a page,
    or a link to a product or category of the shop (shown as its card) or
    to anywhere else."""
    # Matched as cleaned: punctuation (and bytes a database refuses) dropped.
    cleaned = normalise_query_string(terms.clean_query(raw_query))
    query = Query.objects.filter(query_string=cleaned).first() if cleaned else None
    if query is None:
        return []
    picks = []
    for pick in query.editors_picks.select_related("page").order_by("sort_order"):
        page = pick.page.specific if pick.page else None
        if page is not None:
            if not (page.live and isinstance(page, ArticlePage)):
                continue
            picks.append(
                SearchHit("article", article=page, description=pick.description)
            )
            continue
        picks.append(shop_link(pick))
    return [pick for pick in picks if pick is not None]


def shop_link(pick):
    """An editors' pick given as a URL: the product or category it names on
    this site, else a plain link."""
    path = urlsplit(pick.external_link_url).path
    try:
        match = resolve(path)
    except Resolver404:
        match = None
    plain = SearchHit(
        "link",
        url=pick.external_link_url,
        title=pick.external_link_text or pick.external_link_url,
        description=pick.description,
    )
    if match is None or "catalogue" not in match.namespaces:
        return plain
    pk = match.kwargs.get("pk")
    if match.url_name == "detail":
        return SearchHit("product", card=pk and int(pk), description=pick.description)
    if match.url_name == "category":
        category = searchable_categories().filter(pk=pk).first()
        return (
            SearchHit("category", category=category, description=pick.description)
            if category
            else None
        )
    return plain


def load_hits(page, request=None, promoted=()):
    """A page of ``(kind, pk)`` results as hits to render, in order; one
    deleted since it was ranked is left out. ``promoted``: editors' picks,
    whose products become cards in the same queries."""
    pks = {kind: [pk for hit_kind, pk in page if hit_kind == kind] for kind in KINDS}
    promoted_products = [pick.card for pick in promoted if pick.kind == "product"]
    articles = ArticlePage.objects.defer("body").in_bulk(pks["articles"])
    cards = product_cards(pks["products"] + promoted_products, request)
    hits = [
        SearchHit("article", article=articles.get(pk))
        if kind == "articles"
        else SearchHit("product", card=cards.get(pk))
        for kind, pk in page
    ]
    picks = [
        SearchHit("product", card=cards.get(pick.card), description=pick.description)
        if pick.kind == "product"
        else pick
        for pick in promoted
    ]
    return (
        [hit for hit in hits if hit.article or hit.card],
        [p for p in picks if p.kind != "product" or (p.card and p.card.is_public)],
    )


def first_results(raw_query, limit=RESULTS_PER_PAGE):
    """What the first results page shows, in order, as model instances:
    editors' picks, the matching categories, then articles and products."""
    search = site_search(raw_query)
    hits, picks = load_hits(search.ranked[:limit], promoted=search.promotions)
    shown = []
    for hit in (
        picks + [SearchHit("category", category=c) for c in search.categories] + hits
    ):
        item = hit.article or (hit.card and hit.card.product) or hit.category
        if item is not None and item not in shown:
            shown.append(item)
    return shown[:limit]
