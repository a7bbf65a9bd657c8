"""Wagtail's PostgreSQL search backend with a query plan driven by the index.

Only used on PostgreSQL (``site_project.search_backend`` picks it by vendor).

Why: Wagtail's PostgreSQL backend joins the searched table to its index
entries on ``index_entry.object_id = searched.id::varchar``. No index can
serve that text comparison from the searched side, so PostgreSQL reads every
row of the searched table and hashes it, for the count and again for the
results: at 10,000 products each chooser search paid two sequential scans
(about 9 + 8 ms), however few products matched. Ranked searches also selected
the matched vector (``title || body``, concatenated for every match) and
re-filtered the joined rows with it: ranking the site search's 1,400
"core" articles took over 50 ms, mostly concatenating tsvectors.

The fix keeps Wagtail's match and rank expressions and changes the plan:

* the matches are the index entries of the searched model's content types
  whose vector matches the query (the GIN indexes answer that), and the
  searched queryset is narrowed with ``pk = ANY(ARRAY(<their object ids>))``,
  so PostgreSQL fetches exactly those rows through the primary key index;
* relevance ranking computes Wagtail's rank expression for those rows only,
  each on its own index entry (found as Wagtail's join finds it, through
  the entries' unique index), without selecting the matched vector, and
  orders as Wagtail does (score descending, then primary key descending).
  The ranked page also counts the matches (``COUNT(*) OVER ()``), so the
  results' ``count()`` after a ranked page costs no query.

At 10,000 products and 2,000 articles (bench data), the site search's
article query ("core", 1,400 matches) went from about 56 ms to 15 ms plus
a 6 ms count to none; each chooser query (count, page) from 8-9 ms to 2-3 ms.
(What remains of the ranking is ``ts_rank`` itself, on each match's body
vector: the exact order needs every match scored.)

Results mean the same as before: the same tsquery, the same vectors, the
same rank expression (hence the same float scores), the same filters and
ordering. Searches this does not cover (MatchAll, fuzzy, searches limited
to ``fields=``, non-integer primary keys, a non-relevance order with
scores) are Wagtail's, unchanged.
"""

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import (
    BooleanField,
    CharField,
    Count,
    F,
    Func,
    IntegerField,
    OuterRef,
    Subquery,
    Window,
)
from django.db.models.functions import Cast
from django.db.models.query import ModelIterable, ValuesIterable
from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    PostgresAutocompleteQueryCompiler,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
)
from modelsearch.query import Fuzzy, MatchAll, Not
from modelsearch.utils import get_descendants_content_types_pks

# How Wagtail's compilers name the index entries' columns from the searched
# model (``TextIDGenericRelation`` "index_entries").
ENTRY_PREFIX = "index_entries__"
# How many matches a ranked page's query counted (see ``search()``).
TOTAL_ATTR = "_search_total_"


class EqualsAny(Func):
    """``<value> = ANY(<array>)``, a condition for ``filter()``.

    With ``pk = ANY(ARRAY(<subquery>))`` PostgreSQL runs the subquery once
    (an InitPlan) and looks each element up in the primary key index;
    ``pk IN (<subquery>)`` instead lets the planner hash-join against a full
    scan of the searched table.
    """

    template = "%(expressions)s)"
    arg_joiner = " = ANY("
    arity = 2
    output_field = BooleanField()


def _entry_field(expression):
    """An index-entry column named from the searched model, named from the
    index entry instead (``F("index_entries__title")`` -> ``F("title")``);
    None when it is not one."""
    if isinstance(expression, F) and expression.name.startswith(ENTRY_PREFIX):
        return F(expression.name.removeprefix(ENTRY_PREFIX))
    return None


class IndexDrivenMixin:
    """Query compiler methods that start from the matching index entries."""

    def _integer_pk(self):
        pk = self.queryset.model._meta.pk
        target = pk.target_field if pk.is_relation else pk
        return isinstance(target, IntegerField)

    def _entry_vectors(self, search_query):
        """Wagtail's index vectors and their boosts, as index-entry columns,
        or None when one of them is not an index-entry column."""
        vectors = []
        for vector, boost in self.get_index_vectors(search_query):
            local_vector = _entry_field(vector)
            if local_vector is None:
                return None
            if not isinstance(boost, (int, float)):
                boost = _entry_field(boost)
                if boost is None:
                    return None
            vectors.append((local_vector, boost))
        return vectors

    def index_plan(self, config):
        """``(search_query, entry_vectors)`` when this search can start from
        the index entries, else None (Wagtail's own plan then runs)."""
        query = self.query
        if isinstance(query, (MatchAll, Fuzzy)):
            return None
        if isinstance(query, Not) and isinstance(query.subquery, MatchAll):
            return None
        if self.fields is not None or not self._integer_pk():
            return None
        search_query = self.build_tsquery(query, config=config)
        if search_query is None:
            return None
        vectors = self._entry_vectors(search_query)
        if not vectors:
            return None
        return search_query, vectors

    def _matching_entries(self, search_query, vectors):
        """Index entries of the searched model whose vector matches."""
        combined = vectors[0][0]
        for vector, _boost in vectors[1:]:
            combined = combined._combine(vector, "||", False)
        return (
            IndexEntry._default_manager.filter(
                content_type_id__in=get_descendants_content_types_pks(
                    self.queryset.model
                )
            )
            .alias(_vector_=combined)
            .filter(_vector_=search_query)
        )

    def matching_queryset(self, plan):
        """The searched queryset narrowed to the matches (no order added)."""
        search_query, vectors = plan
        # The cast is in the subquery's select list, so it only ever sees
        # object ids of the searched model's content types (integers).
        object_pks = (
            self._matching_entries(search_query, vectors)
            .annotate(_object_pk=Cast("object_id", IntegerField()))
            .values("_object_pk")
        )
        return self.queryset.filter(EqualsAny(F("pk"), ArraySubquery(object_pks)))

    def entry_score(self, plan, config):
        """The object's score: Wagtail's rank expression, computed on the
        index entry of the outer row's object, found as Wagtail's join finds
        it (content type and ``object_id = pk::varchar``: the unique index)."""
        vectors = plan[1]
        entry = IndexEntry._default_manager.filter(
            content_type_id__in=get_descendants_content_types_pks(self.queryset.model),
            object_id=Cast(OuterRef("pk"), CharField(max_length=50)),
        )
        rank = self._build_rank_expression(vectors, config)
        return Subquery(entry.annotate(_score=rank).values("_score")[:1])

    def search(
        self, config, start, stop, score_field=None, backend=None, with_total=False
    ):
        """Wagtail's ``search()``: the [start:stop] slice of the matches as a
        queryset. ``with_total`` (relevance order only) gives each object
        ``TOTAL_ATTR``: how many matches there are, counted in the same query
        (``COUNT(*) OVER ()``), so the results can skip their count query."""
        plan = self.index_plan(config)
        if plan is None or (not self.order_by_relevance and score_field is not None):
            # Scores in the queryset's own order: Wagtail's plan.
            return super().search(
                config, start, stop, score_field=score_field, backend=backend
            )
        queryset = self.matching_queryset(plan)
        if self.order_by_relevance:
            score = self.entry_score(plan, config)
            if score_field is None:
                queryset = queryset.alias(_search_score_=score)
                score_field = "_search_score_"
            else:
                queryset = queryset.annotate(**{score_field: score})
            if with_total:
                queryset = queryset.annotate(**{TOTAL_ATTR: Window(Count("*"))})
            # Wagtail's order: rank descending, then primary key descending.
            queryset = queryset.order_by(F(score_field).desc(), "-pk")
        elif not queryset.query.order_by:
            # Wagtail's default, to keep pages stable.
            queryset = queryset.order_by("-pk")
        return queryset[start:stop]


class IndexDrivenSearchQueryCompiler(IndexDrivenMixin, PostgresSearchQueryCompiler):
    pass


class IndexDrivenAutocompleteQueryCompiler(
    IndexDrivenMixin, PostgresAutocompleteQueryCompiler
):
    pass


class IndexDrivenSearchResults(PostgresSearchResults):
    """Wagtail's results; a relevance-ordered page also tells how many
    matches there are, and the count then needs no query of its own.

    The total is kept on the query compiler, which every slice and clone of
    one ``search()`` call shares (as Wagtail's results cache their own rows
    and count): ``site_search`` fetches a ranked page, then counts.
    """

    def _do_search(self):
        compiler = self.query_compiler
        config = compiler.get_config(self.backend)
        rows = compiler.queryset._iterable_class
        if (
            compiler.index_plan(config) is None
            or not compiler.order_by_relevance
            # values_list() rows would carry the count as a column.
            or rows not in (ModelIterable, ValuesIterable)
        ):
            return super()._do_search()
        queryset = compiler.search(
            config,
            self.start,
            self.stop,
            score_field=self._score_field,
            backend=self.backend,
            with_total=True,
        )
        results = list(queryset)
        for row in results:
            # Objects carry the count as an attribute, values() rows as a key.
            fields = row if rows is ValuesIterable else row.__dict__
            total = fields.pop(TOTAL_ATTR, None)
            if total is not None:
                compiler.total_matches = total
        return results

    def _do_count(self):
        compiler = self.query_compiler
        total = getattr(compiler, "total_matches", None)
        if total is not None:
            stop = total if self.stop is None else min(total, self.stop)
            return max(stop - self.start, 0)
        # Counting needs neither scores nor order: just the matches.
        plan = compiler.index_plan(compiler.get_config(self.backend))
        if plan is None:
            return super()._do_count()
        return compiler.matching_queryset(plan)[self.start : self.stop].count()


class IndexDrivenPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = IndexDrivenSearchQueryCompiler
    autocomplete_query_compiler_class = IndexDrivenAutocompleteQueryCompiler
    results_class = IndexDrivenSearchResults
