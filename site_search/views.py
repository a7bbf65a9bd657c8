"""The site-wide search page, its suggestions, and Oscar's search redirect."""

from urllib.parse import urlencode

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_GET
from wagtail.search.backends import get_search_backend

from shop.catalogue.models import Category

from .query import (
    KIND_ALL,
    KIND_ARTICLES,
    KIND_PRODUCTS,
    MAX_QUERY_LENGTH,
    RESULTS_PER_PAGE,
    SUGGESTIONS_PER_KIND,
    clean_query,
    load_hits,
    searchable_articles,
    searchable_products,
    site_search,
)

KIND_LABELS = {KIND_ALL: "All", KIND_ARTICLES: "Articles", KIND_PRODUCTS: "Products"}
# Shown when a search finds nothing, so the visitor always has somewhere to go.
POPULAR_ARTICLES = 5
POPULAR_CATEGORIES = 8
# Suggestions need a couple of letters before they mean anything.
MIN_SUGGEST_LENGTH = 2
NOT_A_PAGE_NUMBER = "That is not a page number. Results pages are numbered 1, 2, 3…"


def search_url(query, kind=KIND_ALL, page=1):
    """The results page URL for a query, kind and page number."""
    params = {"q": query}
    if kind != KIND_ALL:
        params["kind"] = kind
    if page != 1:
        params["page"] = page
    return reverse("site_search:results") + "?" + urlencode(params)


def popular_articles():
    """Articles to suggest when a search finds nothing: the latest live ones.

    The site keeps no reading statistics, so "popular" means the most
    recently published articles, which the home page also leads with.
    """
    latest = searchable_articles().order_by("-date_published", "-first_published_at")
    return list(latest[:POPULAR_ARTICLES])


def popular_categories():
    """Top-level public catalogue categories, as in the header navigation."""
    return list(Category.get_root_nodes().filter(is_public=True)[:POPULAR_CATEGORIES])


def autocomplete_suggestions(raw_query, request):
    """Up to ``SUGGESTIONS_PER_KIND`` articles and products whose titles start
    with the query's words (Wagtail's autocomplete), as dicts for JSON."""
    query = clean_query(raw_query)
    if len(query) < MIN_SUGGEST_LENGTH:
        return []
    backend = get_search_backend()
    articles = backend.autocomplete(query, searchable_articles())
    products = backend.autocomplete(query, searchable_products())
    suggestions = [
        {"title": a.title, "url": a.get_url(request), "kind": "article"}
        for a in articles[:SUGGESTIONS_PER_KIND]
    ]
    suggestions += [
        {"title": p.get_title(), "url": p.get_absolute_url(), "kind": "product"}
        for p in products[:SUGGESTIONS_PER_KIND]
    ]
    return suggestions


def results_page(paginator, number):
    """The results page numbered ``number``, and an error message for a page
    that does not exist (empty when it does)."""
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
    return None, (
        f"There is no page {number} of these results: "
        f"the last page is {paginator.num_pages}."
    )


@require_GET
def search_view(request):
    """Articles and products for one query, ranked together, on one page."""
    raw_query = request.GET.get("q", "")[:MAX_QUERY_LENGTH]
    search = site_search(raw_query, kind=request.GET.get("kind"))
    paginator = Paginator(search.ranked, RESULTS_PER_PAGE)
    page, error = results_page(paginator, request.GET.get("page") or 1)
    hits = load_hits(page.object_list, request) if page else []
    context = {
        "search": search,
        "search_query": raw_query,
        "hits": hits,
        "page_obj": page,
        "paginator": paginator,
        "error": error,
        "kind_tabs": [
            {
                "kind": k,
                "label": label,
                "count": search.count_for(k),
                "url": search_url(search.query, k),
                "selected": k == search.kind,
            }
            for k, label in KIND_LABELS.items()
        ],
        "first_page_url": search_url(search.query, search.kind),
    }
    if paginator.count:
        context["last_page_url"] = search_url(
            search.query, search.kind, paginator.num_pages
        )
    if page and page.has_previous():
        context["previous_url"] = search_url(
            search.query, search.kind, page.previous_page_number()
        )
    if page and page.has_next():
        context["next_url"] = search_url(
            search.query, search.kind, page.next_page_number()
        )
    if not hits and not error:
        context["did_you_mean"] = autocomplete_suggestions(search.query, request)
        context["popular_articles"] = popular_articles()
        context["popular_categories"] = popular_categories()
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
    query = request.GET.get("q", "")[:MAX_QUERY_LENGTH]
    return redirect(search_url(query, KIND_PRODUCTS))
