"""Site-wide search: articles and products from one Wagtail search index.

Its own app, labelled ``site_search`` because Oscar owns the label
``search``. It sits on top: it may import ``blog`` and ``shop``; neither
imports it. Its templates stay with the project's in ``templates/search/``.
"""
