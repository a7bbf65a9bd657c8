"""The page cache's CSRF tokens are Django's, drawn faster."""

from collections import Counter

from django.middleware.csrf import (
    CSRF_ALLOWED_CHARS,
    CSRF_SECRET_LENGTH,
    CSRF_TOKEN_LENGTH,
    _check_token_format,
    _does_token_match,
)
from django.test import RequestFactory

from site_project.page_cache import store


def test_new_visitor_gets_a_secret_and_a_token_that_matches_it():
    request = RequestFactory().get("/")
    token = store.csrf_token(request)
    secret = request.META["CSRF_COOKIE"]
    assert len(secret) == CSRF_SECRET_LENGTH
    assert len(token) == CSRF_TOKEN_LENGTH
    _check_token_format(token)
    assert _does_token_match(token, secret)
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"] is True


def test_returning_visitor_keeps_their_secret_with_a_fresh_mask():
    request = RequestFactory().get("/")
    request.META["CSRF_COOKIE"] = "b" * CSRF_SECRET_LENGTH
    first, second = store.csrf_token(request), store.csrf_token(request)
    assert first != second
    assert _does_token_match(first, "b" * CSRF_SECRET_LENGTH)
    assert _does_token_match(second, "b" * CSRF_SECRET_LENGTH)
    assert request.META["CSRF_COOKIE"] == "b" * CSRF_SECRET_LENGTH


def test_random_strings_use_the_whole_alphabet_evenly():
    counts = Counter("".join(store._random_csrf_string() for _ in range(4000)))
    assert set(counts) == set(CSRF_ALLOWED_CHARS)
    expected = 4000 * CSRF_SECRET_LENGTH / len(CSRF_ALLOWED_CHARS)  # about 2065
    # A byte-modulo bias would give the first 8 characters about 3% more.
    assert all(abs(count - expected) < 0.12 * expected for count in counts.values())
