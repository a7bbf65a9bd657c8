"""Wagtail's database search backend, with faster query plans.

``WAGTAILSEARCH_BACKENDS`` points here instead of at
``wagtail.search.backends.database``. On SQLite with FTS5 it is
:class:`site_project.sqlite_search.FastSQLiteSearchBackend`, which runs the
full-text MATCH once instead of once per row; on PostgreSQL it is
:class:`site_project.postgres_search.IndexDrivenPostgresSearchBackend`, which
starts from the matching index entries instead of scanning the searched
table (see those modules). On MySQL, or SQLite without FTS5, it is Wagtail's
own backend, unchanged.
"""

from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up
    """Wagtail's database backend, or a faster one on SQLite and PostgreSQL."""
    backend = DatabaseSearchBackend(params)
    name = type(backend).__name__
    # Imported here: each module uses models or SQL of its database only.
    if name == "SQLiteSearchBackend":
        from site_project.sqlite_search import FastSQLiteSearchBackend

        return FastSQLiteSearchBackend(params)
    if name == "PostgresSearchBackend":
        from site_project.postgres_search import IndexDrivenPostgresSearchBackend

        return IndexDrivenPostgresSearchBackend(params)
    return backend
