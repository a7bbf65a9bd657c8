"""Serve anonymous visitors stored pages; store the pages views opt in.

Two middleware share the work:

- ``PageCacheMiddleware`` sits just after Oscar's BasketMiddleware. It
  stores the pages views opt in to, and serves stored pages to any
  anonymous visitor, filling in their own basket from the basket machinery
  around it.
- ``FirstVisitPageCacheMiddleware`` sits just after the CSRF middleware
  and serves stored pages to visitors who bring nothing personal (no
  session, basket or messages cookie): most of the traffic a shared article
  gets. Their page needs no session, user, messages or basket, so serving
  it before that machinery runs makes a hit cost little more than Django
  answering at all. The CSRF middleware around it still sets the cookie
  that goes with the token filled into the page.
"""

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.session import SessionStorage
from django.http import HttpResponse
from django.utils.cache import get_max_age

from . import store

# Paths whose responses are never stored: skip the lookup altogether.
NEVER_CACHED_PREFIXES = (
    "/static/",
    "/media/",
    "/cms/",
    "/django-admin/",
    "/healthz",
    "/search/",
    "/shop/basket/",
    "/shop/checkout/",
    "/shop/accounts/",
    "/shop/dashboard/",
)
# Oscar views whose pages are stored, with the tags each depends on.
CACHED_VIEWS = {
    "catalogue:category": lambda kwargs: [f"category:{kwargs['pk']}"],
}


def stored_response(request, entry):
    """A response for this visitor from a stored entry."""
    response = HttpResponse(store.personalise(request, entry), charset=entry["charset"])
    for name, value in entry["headers"]:
        response[name] = value
    response["X-Page-Cache"] = "hit"
    return response


class FirstVisitPageCacheMiddleware:
    """Serve stored pages to visitors without session, basket or messages
    cookies, before the session, auth, messages and basket middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if store.is_enabled() and request_is_first_visit(request):
            entry = store.lookup(request)
            if entry is not None:
                return stored_response(request, entry)
            # Not stored: PageCacheMiddleware need not look again.
            request.page_cache_missed = True
        return self.get_response(request)


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not store.is_enabled() or not request_is_cacheable(request):
            return self.get_response(request)
        if not getattr(request, "page_cache_missed", False):
            entry = store.lookup(request)
            if entry is not None:
                return stored_response(request, entry)
        request.page_cache_candidate = True
        response = self.get_response(request)
        if (
            request.method == "GET"
            and response_is_storable(request, response)
            and store.store(request, response)
        ):
            response["X-Page-Cache"] = "miss"
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        tags_for = CACHED_VIEWS.get(match.view_name) if match else None
        if tags_for is not None:
            store.mark_cacheable(request, *tags_for(view_kwargs))


def request_may_be_cached(request):
    """GET/HEAD for a path that may be stored, with no messages cookie and no
    credentials: what any cacheable request is, read from the request alone."""
    if request.method not in ("GET", "HEAD"):
        return False
    if getattr(request, "is_dummy", False):  # Wagtail's preview requests
        return False
    if request.path.startswith(NEVER_CACHED_PREFIXES):
        return False
    if request.COOKIES.get(CookieStorage.cookie_name):
        return False
    return "HTTP_AUTHORIZATION" not in request.META


def request_is_first_visit(request):
    """A cacheable request that carries no session and no basket: the visitor
    is anonymous, has no messages waiting and an empty basket."""
    cookies = request.COOKIES
    return (
        request_may_be_cached(request)
        and not cookies.get(settings.SESSION_COOKIE_NAME)
        and not cookies.get(settings.OSCAR_BASKET_COOKIE_OPEN)
    )


def request_is_cacheable(request):
    """Anonymous GET/HEAD with nothing personal pending (no messages)."""
    if not request_may_be_cached(request):
        return False
    if request.COOKIES.get(settings.SESSION_COOKIE_NAME):
        # Costs a session read, but only for visitors who have a session.
        session = request.session
        if SESSION_KEY in session or SessionStorage.session_key in session:
            return False
    return True


def response_is_storable(request, response):
    """Only complete, public, cookie-free pages rendered for nobody in
    particular are stored."""
    if not getattr(request, "page_cache_versions", None):
        return False
    if response.status_code != 200 or response.streaming:
        return False
    if response.cookies:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    if get_max_age(response) == 0:
        return False
    if getattr(request, "is_preview", False):
        return False
    if request.session.modified:
        return False
    if request.user.is_authenticated:
        return False
    messages = getattr(request, "_messages", None)
    return not (messages is not None and (messages.used or len(messages)))
