"""Wagtail's SQLite FTS5 search backend with a faster query plan.

Only imported on SQLite (by ``site_project.search_backend``): the FTS5 index
model it uses does not exist on other databases.

Why: Wagtail's SQLite backend filters the searched queryset with
``pk IN (SELECT object_id FROM fts JOIN indexentry ... WHERE fts MATCH ?)``
and, when scores are wanted, annotates each row with a correlated subquery
that repeats the whole ``MATCH``. SQLite's planner walks ``indexentry`` (or
the searched table) and asks FTS5 once per row, so every candidate row pays
for a full-text lookup: over 30 s for the site search and 3.5 s for a chooser
word search with 10,000 products.

The fix keeps Wagtail's match and bm25 scoring expressions and only changes
the plan:

* the full-text lookup always starts from the FTS5 table (``CROSS JOIN``
  is SQLite's documented way to fix the join order), so ``MATCH`` runs once;
* relevance ordering fetches ``(object_id, score)`` of every match that the
  searched queryset allows (its filters as one uncorrelated subquery) in a
  single query, sorts them in Python and loads only the rows of the
  requested slice (objects, or dicts for a ``values()`` queryset); the
  number of those matches is the results' count, so counting after a
  ranked slice costs no query.

Results mean the same as before: the same ``MATCH`` expression, the same
score (lower bm25 is better, ties by descending pk), the same filters.
"""

from django.db import connections
from django.db.models import Exists, F, IntegerField, OuterRef
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from django.db.models.query import ModelIterable, ValuesIterable
from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.backends.database.sqlite.sqlite import (
    IndexEntry,
    SQLiteAutocompleteQueryCompiler,
    SQLiteFTSIndexEntry,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.query import MatchAll, Not
from modelsearch.utils import get_descendants_content_types_pks

# The name a values() row's primary key is fetched under (see ``ranked``).
RANKED_PK = "_ranked_pk_"


class FTSFirstMixin:
    """Query compiler methods that run ``MATCH`` once, from the FTS5 table."""

    def _plain_match(self):
        """The query when it is a plain match (not MatchAll, not negated)."""
        query = normalize(self.query)
        if isinstance(query, (MatchAll, Not)):
            return None
        return query

    def _hits_sql(self, config, with_score, allowed_only=False):
        """SQL and params: ``object_id`` (and ``score``) of every match.

        ``allowed_only`` keeps only objects of the searched queryset (its
        filters run once, as an uncorrelated subquery).
        """
        query = self._plain_match()
        search_query = self.build_search_query(query, config=config)
        match = MatchExpression(self.fields or self.FTS_TABLE_FIELDS, search_query)
        hits = SQLiteFTSIndexEntry.objects.filter(match).filter(
            index_entry__content_type__in=get_descendants_content_types_pks(
                self.queryset.model
            )
        )
        if allowed_only:
            hits = hits.filter(Exists(self._allowed_object()))
        if with_score:
            rank = self._build_rank_expression(self.get_search_vectors(), config)
            hits = hits.annotate(score=rank).values_list(
                "index_entry__object_id", "score"
            )
        else:
            hits = hits.values_list("index_entry__object_id", flat=True)
        sql, params = hits.order_by().query.sql_with_params()
        # The first join is FROM the FTS table to the index entries (any
        # later ones belong to the searched queryset's subquery). CROSS JOIN
        # keeps the FTS table as the outer loop, so MATCH is evaluated once.
        entry_join = f' INNER JOIN "{IndexEntry._meta.db_table}" ON '
        if entry_join not in sql:  # pragma: no cover - Wagtail changed its SQL
            raise RuntimeError(f"Unexpected search SQL: {sql}")
        return sql.replace(entry_join, entry_join.replace("INNER", "CROSS"), 1), params

    def _allowed_object(self):
        """The searched queryset narrowed to the object of an index entry.

        A correlated lookup by primary key: each match costs one index probe,
        so a search costs what its matches cost, whatever the size of the
        table. (An uncorrelated ``object_id IN (SELECT pk ...)`` made SQLite
        list every allowed row first: every product for each search.)
        """
        pk = self.queryset.model._meta.pk
        target = pk.target_field if pk.is_relation else pk
        object_pk = OuterRef("index_entry__object_id")
        if isinstance(target, IntegerField):
            # object_id is text; cast it so the lookup can use the primary key.
            object_pk = Cast(object_pk, IntegerField())
        return self.queryset.order_by().filter(pk=object_pk)

    def matching_queryset(self, config):
        """The searched queryset narrowed to the matches (no ordering added)."""
        sql, params = self._hits_sql(config, with_score=False)
        # The SQL is Django's own compilation of the FTS queryset, with the
        # search terms kept apart as parameters.
        hits = RawSQL(sql, params)  # noqa: S611  # nosec B611
        return self.queryset.filter(pk__in=hits)

    def _plain_rows(self):
        """Whether the searched queryset yields objects or ``values()`` dicts
        (``values_list()`` rows keep Wagtail's plan)."""
        return self.queryset._iterable_class in (ModelIterable, ValuesIterable)

    def wants_python_ranking(self, score_field):
        return (
            self._plain_match() is not None
            and self._plain_rows()
            and (self.order_by_relevance or score_field is not None)
        )

    def search(self, config, start, stop, score_field=None):
        if self._plain_match() is None or not self._plain_rows():
            return super().search(config, start, stop, score_field=score_field)
        if self.wants_python_ranking(score_field):
            # Callers that need a queryset (facets) get the unranked matches.
            return self.matching_queryset(config)[start:stop]
        queryset = self.matching_queryset(config)
        if not queryset.query.order_by:
            # Wagtail's default, to keep pages stable.
            queryset = queryset.order_by("-pk")
        return queryset[start:stop]

    def ranked(self, config, start, stop, score_field):
        """The [start:stop] slice of matches, best first: objects, or dicts
        for a ``values()`` queryset.

        Two queries: every allowed match with its score, then the rows of
        the slice. How many matches there are is kept (``total_matches``),
        so counting the results afterwards costs no query.
        """
        sql, params = self._hits_sql(config, with_score=True, allowed_only=True)
        pk_field = self.queryset.model._meta.pk
        with connections[self.queryset.db].cursor() as cursor:
            cursor.execute(sql, params)
            candidates = [
                (score, pk_field.to_python(object_id))
                for object_id, score in cursor.fetchall()
            ]
        self.total_matches = len({pk for _, pk in candidates})
        if not candidates:
            return []
        if self.order_by_relevance:
            # Wagtail's order: score ascending (bm25), then pk descending.
            candidates.sort(key=lambda item: (item[0], _negated(item[1])))
        else:
            order = self.queryset.query.order_by or ("-pk",)
            ordered = list(
                self.matching_queryset(config)
                .order_by(*order)
                .values_list("pk", flat=True)
            )
            by_pk = {pk: score for score, pk in candidates}
            candidates = [(by_pk[pk], pk) for pk in ordered if pk in by_pk]
        page = candidates[start:stop]
        rows = self._rows_by_pk([pk for _, pk in page])
        results = []
        for score, pk in page:
            row = rows.get(pk)
            if row is None:
                continue
            if score_field is not None and isinstance(row, dict):
                row[score_field] = score
            elif score_field is not None:
                setattr(row, score_field, score)
            results.append(row)
        return results

    def _rows_by_pk(self, pks):
        """The searched queryset's rows for ``pks``, by primary key."""
        queryset = self.queryset.order_by()
        if queryset._iterable_class is ModelIterable:
            return queryset.in_bulk(pks)
        # values() rows: the primary key is fetched under a name of its own
        # (and dropped), so rows that do not select it still work.
        rows = queryset.filter(pk__in=pks).annotate(**{RANKED_PK: F("pk")})
        return {row.pop(RANKED_PK): row for row in rows}


def _negated(pk):
    try:
        return -pk
    except TypeError:  # non-numeric primary keys: keep a stable order
        return pk


class FastSQLiteSearchQueryCompiler(FTSFirstMixin, SQLiteSearchQueryCompiler):
    pass


class FastSQLiteAutocompleteQueryCompiler(
    FTSFirstMixin, SQLiteAutocompleteQueryCompiler
):
    pass


class FastSQLiteSearchResults(SQLiteSearchResults):
    def _config(self):
        return self.query_compiler.get_config(self.backend)

    def _do_search(self):
        compiler = self.query_compiler
        if compiler.wants_python_ranking(self._score_field):
            return compiler.ranked(
                self._config(), self.start, self.stop, self._score_field
            )
        return super()._do_search()

    def _do_count(self):
        compiler = self.query_compiler
        if compiler._plain_match() is None:
            return super()._do_count()
        # A ranked slice of the same search (slices share the compiler)
        # already counted every match.
        count = getattr(compiler, "total_matches", None)
        if count is None:
            count = compiler.matching_queryset(self._config()).count()
        count -= self.start
        if self.stop is not None:
            count = min(count, self.stop - self.start)
        return max(count, 0)


class FastSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = FastSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = FastSQLiteAutocompleteQueryCompiler
    results_class = FastSQLiteSearchResults
