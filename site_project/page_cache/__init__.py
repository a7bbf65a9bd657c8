"""Whole-page cache for anonymous visitors, with exact invalidation.

Wagtail pages (home, article index, articles) and Oscar category pages are
stored once rendered and served to every anonymous visitor. Each stored page
carries the versions of the tags it depends on (``page:<id>``,
``category:<id>`` and ``everything``); changing a price, stock level or
published page bumps exactly the tags that show it, so the next visitor gets
a fresh render. Per-visitor parts (CSRF tokens, CSP nonces, the mini-basket)
are stored as placeholders and filled in for each visitor.
"""
