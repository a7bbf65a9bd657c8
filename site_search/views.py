"""The site-wide search page, its suggestions, and Oscar's search redirect."""

from urllib.parse import urlencode

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_GET
from wagtail.search.backends import get_search_backend

from site_project.search_terms.query import clean_query

from . import query

KIND_LABELS = {"all": "All", "articles": "Articles", "products": "Products"}
# Shown when a search finds nothing, so the visitor always has somewhere to go.
POPULAR_ARTICLES = 5
SUGGESTIONS_PER_KIND = 5
POPULAR_CATEGORIES = 8
# Suggestions need a couple of letters before they mean anything.
MIN_SUGGEST_LENGTH = 2
NOT_A_PAGE_NUMBER = "That is not a page number. Results pages are numbered 1, 2, 3…"


def search_url(search_query, kind="all", page=1):
    """The results page URL for a query, kind and page number."""
    params = {"q": search_query}
    if kind != "all":
        params["kind"] = kind
    if page != 1:
        params["page"] = page
    return reverse("site_search:results") + "?" + urlencode(params)


def autocomplete_suggestions(raw_query, request):
    """Up to ``SUGGESTIONS_PER_KIND`` categories, articles and products whose
    names start with the query's words (Wagtail's autocomplete), as dicts
    for JSON."""
    search_query = clean_query(raw_query)
    if len(search_query) < MIN_SUGGEST_LENGTH:
        return []
    backend = get_search_backend()
    categories = backend.autocomplete(search_query, query.searchable_categories())
    articles = backend.autocomplete(search_query, query.searchable_articles())
    products = backend.autocomplete(search_query, query.searchable_products())
    return (
        [
            {"title": c.name, "url": c.get_absolute_url(), "kind": "category"}
            for c in categories[:SUGGESTIONS_PER_KIND]
        ]
        + [
            {"title": a.title, "url": a.get_url(request), "kind": "article"}
            for a in articles[:SUGGESTIONS_PER_KIND]
        ]
        + [
            {"title": p.get_title(), "url": p.get_absolute_url(), "kind": "product"}
            for p in products[:SUGGESTIONS_PER_KIND]
        ]
    )


def results_page(paginator, number):
    """The results page numbered ``number``, or None and what is wrong."""
    try:
        return paginator.page(number), ""
    except PageNotAnInteger:
        return None, NOT_A_PAGE_NUMBER
    except EmptyPage:
        if int(number) < 1:
            return None, NOT_A_PAGE_NUMBER
        if not paginator.count:
            # A search that finds nothing has its one page, where the visitor
            # is offered somewhere else to go.
            return paginator.page(1), ""
    last = f"the last page is {paginator.num_pages}"
    return None, f"There is no page {number} of these results: {last}."


@require_GET
def search_view(request):
    """Articles and products for one query, ranked together, on one page."""
    raw_query = request.GET.get("q", "")[: query.MAX_QUERY_LENGTH]
    search = query.site_search(raw_query, kind=request.GET.get("kind"))
    paginator = Paginator(search.ranked, query.RESULTS_PER_PAGE)
    page, error = results_page(paginator, request.GET.get("page") or 1)
    hits, picks = query.load_hits(
        page.object_list if page else [],
        request,
        # Editors' picks and categories lead the first page only.
        promoted=search.promotions if page and page.number == 1 else (),
    )
    context = {
        "search": search,
        "picks": picks,
        "categories": search.categories if page and page.number == 1 else [],
        "typed_query_url": search_url(search.reading.typed),
        "search_query": raw_query,
        "hits": hits,
        "page_obj": page,
        "paginator": paginator,
        "error": error,
        "kind_tabs": [
            {
                "kind": kind,
                "label": label,
                "count": search.counts[kind],
                "url": search_url(search.query, kind),
                "selected": kind == search.kind,
            }
            for kind, label in KIND_LABELS.items()
        ],
        "first_page_url": search_url(search.query, search.kind),
    }
    pages = {"last_page_url": paginator.num_pages if paginator.count else None}
    if page:
        pages["previous_url"] = page.has_previous() and page.previous_page_number()
        pages["next_url"] = page.has_next() and page.next_page_number()
    for name, number in pages.items():
        if number:
            context[name] = search_url(search.query, search.kind, number)
    if not hits and not picks and not error:
        # The site keeps no reading statistics: "popular" articles are the
        # latest, which the home page also leads with.
        latest = query.searchable_articles().order_by(
            "-date_published", "-first_published_at"
        )
        public_roots = query.searchable_categories().filter(depth=1)
        context["did_you_mean"] = autocomplete_suggestions(search.query, request)
        context["popular_articles"] = list(latest[:POPULAR_ARTICLES])
        context["popular_categories"] = list(public_roots[:POPULAR_CATEGORIES])
    status = 404 if error else 200
    return TemplateResponse(request, "search/results.html", context, status=status)


@require_GET
def suggest_view(request):
    """JSON suggestions for the header search box's datalist."""
    suggestions = autocomplete_suggestions(request.GET.get("q", ""), request)
    response = JsonResponse({"suggestions": suggestions})
    response["Cache-Control"] = "max-age=60"
    return response


@require_GET
def shop_search_redirect(request):
    """Oscar's storefront search answers with the site search, products only,
    so a shopper never gets two different answers to one query."""
    search_query = request.GET.get("q", "")[: query.MAX_QUERY_LENGTH]
    return redirect(search_url(search_query, "products"))
