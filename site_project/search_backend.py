"""Wagtail's database search backend, with a faster query plan on SQLite.

``WAGTAILSEARCH_BACKENDS`` points here instead of at
``wagtail.search.backends.database``. On PostgreSQL (and MySQL, or SQLite
without FTS5) this is Wagtail's own backend, unchanged. On SQLite with FTS5 it
is :class:`site_project.sqlite_search.FastSQLiteSearchBackend`, which runs the
full-text MATCH once instead of once per row (see that module).
"""

from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up
    """Wagtail's database backend, or the faster one on SQLite with FTS5."""
    backend = DatabaseSearchBackend(params)
    if type(backend).__name__ == "SQLiteSearchBackend":
        # Imported here: its FTS5 index model exists on SQLite only.
        from site_project.sqlite_search import FastSQLiteSearchBackend

        return FastSQLiteSearchBackend(params)
    return backend
