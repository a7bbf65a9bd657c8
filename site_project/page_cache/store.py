"""Stored pages, their dependency tags, and invalidation by tag.

A stored entry remembers the version of every tag it was rendered under. A
tag's version is a random token kept in the cache; invalidating a tag sets a
new token, so every entry that depends on it (all query-string variants,
every host) stops matching at once, in every web process sharing the cache.
"""

import hashlib
import re
import secrets
import threading
import time
import uuid
from collections import OrderedDict

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
from django.template.loader import get_template

from .versions import pushed_versions

KEY_PREFIX = "pagecache"
# Part of every entry's key: a release that stores entries differently
# (v2: encoded pieces) neither reads nor is read by processes of another
# release sharing the cache while both run.
ENTRY_FORMAT = "v2"
# Every entry depends on this tag: bumping it empties the page cache (used
# when something on every page changes, such as the category navigation).
EVERYTHING = "everything"

CSRF_PLACEHOLDER = "__PAGE_CACHE_CSRF_TOKEN__"
NONCE_PLACEHOLDER = "__PAGE_CACHE_CSP_NONCE__"
MINI_BASKET_START = "<!-- mini-basket -->"
MINI_BASKET_END = "<!-- /mini-basket -->"
MINI_BASKET_PLACEHOLDER = "__PAGE_CACHE_MINI_BASKET__"
PLACEHOLDER_NAMES = {CSRF_PLACEHOLDER, NONCE_PLACEHOLDER, MINI_BASKET_PLACEHOLDER}
PLACEHOLDERS = re.compile(
    "(" + "|".join(re.escape(name) for name in sorted(PLACEHOLDER_NAMES)) + ")"
)

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
    digest = hashlib.sha256(url.encode()).hexdigest()
    return f"{KEY_PREFIX}:entry:{ENTRY_FORMAT}:{digest}"


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
        cache = page_cache()
        versions = {tag_key(tag): _new_version() for tag in tags}
        cache.set_many(versions, timeout=None)
        pushed_versions.publish(cache, list(versions))

    transaction.on_commit(bump)


def lookup(request):
    """The stored entry for this URL if every tag it depends on is unchanged.

    With a shared cache (Redis), entries this process has read recently are
    kept in its memory too (:class:`RecentEntries`), and so are the tag
    versions it has read: every invalidation is pushed to every process
    (:mod:`.versions`), so a hit on a page this process served lately costs
    no round trip to Redis, and an invalidation made by any process still
    applies at once.
    """
    cache = page_cache()
    key = entry_key(request)
    entry = recent_entries.get(key)
    if entry is None:
        entry = cache.get(key)
        if entry is None:
            return None
        recent_entries.remember(key, entry)
    if pushed_versions.get_many(cache, list(entry["versions"])) != entry["versions"]:
        recent_entries.forget(key)
        return None
    return entry


class RecentEntries:
    """This process's copies of the stored pages it served last.

    Only used when the page cache is shared between processes (a local
    memory cache is already in the process). A copy is dropped when the
    shared entry would have expired, when its tags change, and when more
    than ``PAGE_CACHE_LOCAL_ENTRIES`` (default 200) pages are kept.
    """

    def __init__(self):
        self._entries = OrderedDict()
        self._lock = threading.Lock()

    def _enabled(self):
        return not isinstance(page_cache(), LocMemCache)

    def _limit(self):
        return getattr(settings, "PAGE_CACHE_LOCAL_ENTRIES", 200)

    def get(self, key):
        if not self._enabled():
            return None
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            if entry.get("expires", 0) <= time.time():
                del self._entries[key]
                return None
            self._entries.move_to_end(key)
            return entry

    def remember(self, key, entry):
        if not self._enabled() or self._limit() <= 0:
            return
        with self._lock:
            self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > self._limit():
                self._entries.popitem(last=False)

    def forget(self, key):
        with self._lock:
            self._entries.pop(key, None)

    def clear(self):
        with self._lock:
            self._entries.clear()


recent_entries = RecentEntries()


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
    html = replace_mini_basket(html, MINI_BASKET_PLACEHOLDER)
    timeout = getattr(settings, "PAGE_CACHE_SECONDS", 600)
    entry = {
        "versions": request.page_cache_versions,
        # When the shared copy expires: process copies go no later.
        "expires": time.time() + timeout,
        "parts": split_page(html, charset),
        "charset": charset,
        "headers": [
            (name, value)
            for name, value in response.items()
            if name.lower() not in UNSTORED_HEADERS
        ],
    }
    page_cache().set(entry_key(request), entry, timeout=timeout)
    return True


def split_page(html, charset):
    """The page as encoded pieces with each placeholder a piece of its own, so
    filling one in for a visitor is a join, not a search through the page.

    The anonymous (empty) mini-basket is rendered once, here: only visitors
    who may have a basket get theirs rendered on a hit.
    """
    parts = []
    for piece in PLACEHOLDERS.split(html):
        if piece == MINI_BASKET_PLACEHOLDER:
            parts.append(piece)
            parts.append(_empty_mini_basket().encode(charset))
        elif piece in PLACEHOLDER_NAMES:
            parts.append(piece)
        elif piece:
            parts.append(piece.encode(charset))
    return parts


def content_of(entry):
    """The stored page as anyone would see it, placeholders included (for
    inspection and tests)."""
    return "".join(
        part if isinstance(part, str) else part.decode(entry["charset"])
        for part in entry["parts"]
    )


def _empty_mini_basket():
    return render_mini_basket(None, empty=True).strip()


def _replace_masked_tokens(html, secret):
    from django.middleware.csrf import _unmask_cipher_token

    def swap(match):
        token = match.group(0)
        if _unmask_cipher_token(token) == secret:
            return CSRF_PLACEHOLDER
        return token

    return MASKED_TOKEN.sub(swap, html)


def personalise(request, entry):
    """The stored page (bytes) with this visitor's CSRF token, CSP nonce and
    mini-basket filled in."""
    charset = entry["charset"]
    token = nonce = None
    pieces = []
    parts = iter(entry["parts"])
    for part in parts:
        if part.__class__ is bytes:
            pieces.append(part)
        elif part == CSRF_PLACEHOLDER:
            token = token or csrf_token(request).encode(charset)
            pieces.append(token)
        elif part == NONCE_PLACEHOLDER:
            nonce = nonce or str(getattr(request, "csp_nonce", "")).encode(charset)
            pieces.append(nonce)
        elif part == MINI_BASKET_PLACEHOLDER:
            # The next part is the empty mini-basket stored with the page.
            empty = next(parts)
            if visitor_may_have_basket(request):
                pieces.append(render_mini_basket(request).strip().encode(charset))
            else:
                pieces.append(empty)
    return b"".join(pieces)


_CSRF_BASE = len(CSRF_ALLOWED_CHARS)
# Random bytes map onto CSRF characters by remainder; bytes from the largest
# multiple of the alphabet's size up are dropped, so each character is equally
# likely, as with Django's own draws.
_CSRF_DROP = bytes(range(256 - 256 % _CSRF_BASE, 256))
_CSRF_INDEX_OF_BYTE = bytes(byte % _CSRF_BASE for byte in range(256))
_CSRF_INDEX_OF_CHAR = bytes.maketrans(
    CSRF_ALLOWED_CHARS.encode(), bytes(range(_CSRF_BASE))
)
_CSRF_CHAR_OF_INDEX = bytes.maketrans(
    bytes(range(_CSRF_BASE)), CSRF_ALLOWED_CHARS.encode()
)


def _random_csrf_indices():
    """CSRF_SECRET_LENGTH uniformly random alphabet positions, as bytes.

    Django draws each character with its own call to the system's randomness;
    on a cache hit those draws were most of the cost of the request. This is
    one call (rarely two) and C-level byte translation.
    """
    indices = b""
    while len(indices) < CSRF_SECRET_LENGTH:
        indices += secrets.token_bytes(CSRF_SECRET_LENGTH + 8).translate(
            _CSRF_INDEX_OF_BYTE, _CSRF_DROP
        )
    return indices[:CSRF_SECRET_LENGTH]


def _random_csrf_string():
    return _random_csrf_indices().translate(_CSRF_CHAR_OF_INDEX).decode()


def csrf_token(request):
    """``django.middleware.csrf.get_token`` with faster random strings: the
    visitor's secret (a new one, sent as the CSRF cookie by the CSRF
    middleware, if they have none), masked with a fresh random mask."""
    secret = request.META.get("CSRF_COOKIE")
    if secret is None:
        secret = _random_csrf_string()
        request.META["CSRF_COOKIE"] = secret
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    mask = _random_csrf_indices()
    secret_indices = secret.encode().translate(_CSRF_INDEX_OF_CHAR)
    cipher = bytes(
        (s + m) % _CSRF_BASE for s, m in zip(secret_indices, mask, strict=True)
    )
    return (mask + cipher).translate(_CSRF_CHAR_OF_INDEX).decode()


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
