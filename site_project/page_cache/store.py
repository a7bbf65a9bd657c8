"""Stored pages, their dependency tags, and invalidation by tag.

A stored entry remembers the version of every tag it was rendered under. A
tag's version is a random token kept in the cache; invalidating a tag sets a
new token, so every entry that depends on it (all query-string variants,
every host) stops matching at once, in every web process sharing the cache.
"""

import hashlib
import re
import secrets
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
from django.template.loader import get_template

KEY_PREFIX = "pagecache"
# Every entry depends on this tag: bumping it empties the page cache (used
# when something on every page changes, such as the category navigation).
EVERYTHING = "everything"

CSRF_PLACEHOLDER = "__PAGE_CACHE_CSRF_TOKEN__"
NONCE_PLACEHOLDER = "__PAGE_CACHE_CSP_NONCE__"
MINI_BASKET_START = "<!-- mini-basket -->"
MINI_BASKET_END = "<!-- /mini-basket -->"

# A masked CSRF token: 64 letters and digits standing alone.
MASKED_TOKEN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
# Headers that belong to one response, or that the outer middleware sets again.
UNSTORED_HEADERS = {"content-length", "set-cookie", "vary", "x-page-cache"}


def page_cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def is_enabled():
    return getattr(settings, "PAGE_CACHE_ENABLED", True)


def tag_key(tag):
    return f"{KEY_PREFIX}:tag:{tag}"


def entry_key(request):
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"{KEY_PREFIX}:entry:{hashlib.sha256(url.encode()).hexdigest()}"


def _new_version():
    return uuid.uuid4().hex


def current_versions(tags):
    """The current version of each tag's key, creating missing ones."""
    cache = page_cache()
    keys = [tag_key(tag) for tag in tags]
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        for key in missing:
            # add(): another process may have created it meanwhile; keep theirs.
            cache.add(key, _new_version(), timeout=None)
        found.update(cache.get_many(missing))
    return found


def mark_cacheable(request, *tags):
    """Let the page cache store this request's response, under these tags.

    Called before rendering, so a change committed while the page renders
    leaves the stored copy already out of date rather than fresh-looking.
    Only has an effect when the page cache middleware found the request
    cacheable (anonymous GET without messages).
    """
    if not getattr(request, "page_cache_candidate", False):
        return
    versions = getattr(request, "page_cache_versions", {})
    versions.update(current_versions((*tags, EVERYTHING)))
    request.page_cache_versions = versions


def invalidate(*tags):
    """Give these tags new versions once the current transaction commits."""
    tags = {tag for tag in tags if tag}
    if not tags:
        return

    def bump():
        page_cache().set_many(
            {tag_key(tag): _new_version() for tag in tags}, timeout=None
        )

    transaction.on_commit(bump)


def lookup(request):
    """The stored entry for this URL if every tag it depends on is unchanged."""
    cache = page_cache()
    entry = cache.get(entry_key(request))
    if entry is None:
        return None
    if cache.get_many(list(entry["versions"])) != entry["versions"]:
        return None
    return entry


def store(request, response):
    """Store an anonymous response with its per-visitor parts taken out.

    Returns False (and stores nothing) when a per-visitor value would leak:
    the raw CSRF secret anywhere in the page.
    """
    charset = response.charset or "utf-8"
    html = response.content.decode(charset)
    secret = request.META.get("CSRF_COOKIE")
    if secret:
        html = _replace_masked_tokens(html, secret)
        if secret in html:
            return False
    nonce = getattr(request, "_csp_nonce", None)
    if isinstance(nonce, str):
        html = html.replace(nonce, NONCE_PLACEHOLDER)
    html = replace_mini_basket(html, render_mini_basket(request, empty=True))
    entry = {
        "versions": request.page_cache_versions,
        "content": html,
        "charset": charset,
        "headers": [
            (name, value)
            for name, value in response.items()
            if name.lower() not in UNSTORED_HEADERS
        ],
    }
    page_cache().set(
        entry_key(request), entry, timeout=getattr(settings, "PAGE_CACHE_SECONDS", 600)
    )
    return True


def _replace_masked_tokens(html, secret):
    from django.middleware.csrf import _unmask_cipher_token

    def swap(match):
        token = match.group(0)
        if _unmask_cipher_token(token) == secret:
            return CSRF_PLACEHOLDER
        return token

    return MASKED_TOKEN.sub(swap, html)


def personalise(request, entry):
    """The stored page with this visitor's tokens and mini-basket filled in."""
    html = entry["content"]
    if CSRF_PLACEHOLDER in html:
        html = html.replace(CSRF_PLACEHOLDER, csrf_token(request))
    if NONCE_PLACEHOLDER in html and hasattr(request, "csp_nonce"):
        html = html.replace(NONCE_PLACEHOLDER, str(request.csp_nonce))
    if visitor_may_have_basket(request) and MINI_BASKET_START in html:
        html = replace_mini_basket(html, render_mini_basket(request))
    return html


_CSRF_SPACE = len(CSRF_ALLOWED_CHARS) ** CSRF_SECRET_LENGTH


def _random_csrf_string():
    """Like Django's CSRF string (32 of its 62 characters, uniformly random),
    from one call to the system's randomness instead of 32: on a cache hit
    Django's per-character draws were most of the cost of the request."""
    number = secrets.randbelow(_CSRF_SPACE)
    base = len(CSRF_ALLOWED_CHARS)
    characters = []
    for _ in range(CSRF_SECRET_LENGTH):
        number, index = divmod(number, base)
        characters.append(CSRF_ALLOWED_CHARS[index])
    return "".join(characters)


def csrf_token(request):
    """``django.middleware.csrf.get_token`` with faster random strings: the
    visitor's secret (a new one, sent as the CSRF cookie by the CSRF
    middleware, if they have none), masked with a fresh random mask."""
    secret = request.META.get("CSRF_COOKIE")
    if secret is None:
        secret = _random_csrf_string()
        request.META["CSRF_COOKIE"] = secret
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    mask = _random_csrf_string()
    index = CSRF_ALLOWED_CHARS.index
    base = len(CSRF_ALLOWED_CHARS)
    cipher = "".join(
        CSRF_ALLOWED_CHARS[(index(s) + index(m)) % base]
        for s, m in zip(secret, mask, strict=True)
    )
    return mask + cipher


def visitor_may_have_basket(request):
    """False for an anonymous visitor without a basket cookie: their basket is
    empty, and finding that out from the database would cost queries."""
    if request.COOKIES.get(settings.OSCAR_BASKET_COOKIE_OPEN):
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def render_mini_basket(request, empty=False):
    context = {"request": request, "mini_basket_empty": empty}
    return get_template("includes/mini_basket.html").render(context)


def replace_mini_basket(html, replacement):
    start = html.find(MINI_BASKET_START)
    if start == -1:
        return html
    end = html.find(MINI_BASKET_END, start)
    if end == -1:
        return html
    return html[:start] + replacement.strip() + html[end + len(MINI_BASKET_END) :]
