"""Reading a query: its words, the synonyms that widen it and, when it finds
nothing, the spelling it probably meant.

``search_many`` is the one search of the site: the results page, the admin
choosers and the importer's suggested callouts all go through it, each with
its own querysets, and Wagtail's configured search backend does the rest.
"""

import difflib
import re
from dataclasses import dataclass, field

from django.core.cache import cache
from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, Fuzzy, Or, PlainText

# Longer input is cut, not refused: the search boxes already stop at 200.
MAX_QUERY_LENGTH = 200
# Enough words for any real question; more only makes the SQL bigger.
MAX_QUERY_TERMS = 12
# Words are letters and digits; everything else (quotes, wildcards, SQL or
# full-text operators, markup) separates words and never reaches the backend.
WORD_RE = re.compile(r"[^\W_]+")
# English words too common to tell one document from another; PostgreSQL's
# English configuration drops the same kind of words from its index.
STOP_WORDS = frozenset(
    """a about after all also am an and any are as at be because been but by
    can could did do does for from had has have how i if in into is it its
    just me my no not of on or our so than that the their them then there
    these they this those to too up us was we were what when where which who
    why will with would you your""".split()  # noqa: SIM905
)
# The longest synonym term, in words.
MAX_PHRASE = 4
SYNONYMS_KEY = "search_terms.synonyms"
# The vocabulary is rebuilt this often (seconds): a name added to the site
# is offered as a spelling soon after, and reading it costs one query per
# kind of result.
VOCABULARY_TIMEOUT = 300
# How alike a correction must look to the word typed (difflib's ratio), and
# the shortest word worth correcting.
CORRECTION_CUTOFF = 0.75
MIN_CORRECTED_LENGTH = 4
# Fuzzy matching compares the whole query with each title and text: only a
# short query of real words (a name, a misspelt word or two) is close to
# anything, and a run of junk would match by its few ordinary letters.
MAX_FUZZY_WORDS = 3
MAX_FUZZY_WORD_LENGTH = 24


def clean_query(raw):
    """The query as the backend will see it: at most ``MAX_QUERY_TERMS`` plain
    words of the first ``MAX_QUERY_LENGTH`` characters, so that no input can
    produce a full-text syntax error or an unbounded query."""
    words = WORD_RE.findall((raw or "")[:MAX_QUERY_LENGTH])
    return " ".join(words[:MAX_QUERY_TERMS])


def query_words(raw):
    """The lower-case words of ``raw`` that can tell results apart."""
    return [w for w in clean_query(raw).lower().split() if w not in STOP_WORDS]


def synonyms():
    """Each synonym term (a word or phrase) and the other terms of its groups."""
    found = cache.get(SYNONYMS_KEY)
    if found is None:
        from .models import Synonym

        found = {}
        for synonym in Synonym.objects.all():
            terms = synonym.term_list()
            for term in terms:
                others = found.setdefault(term, [])
                others += [t for t in terms if t != term and t not in others]
        cache.set(SYNONYMS_KEY, found, None)
    return found


def renew_synonyms(**kwargs):
    """A synonym was saved or deleted: the next search reads them again."""
    cache.delete(SYNONYMS_KEY)


def singulars(word):
    """The singular forms an English plural may stand for ("balls" -> "ball",
    "stretches" -> "stretch", "injuries" -> "injury"), so that a plural finds
    a singular title on a backend that does not stem (SQLite)."""
    if len(word) <= 3 or not word.endswith("s") or word.endswith("ss"):
        return []
    forms = [word[:-1]]
    if word.endswith("ies"):
        forms.append(word[:-3] + "y")
    elif word.endswith(("ches", "shes", "xes", "sses")):
        forms.append(word[:-2])
    return forms


def plurals(word):
    """The plural an English singular may be written as ("tool" -> "tools",
    "stretch" -> "stretches", "injury" -> "injuries"), so that a singular
    finds a plural name on a backend that does not stem (SQLite)."""
    if len(word) <= 2 or not word.isalpha() or singulars(word):
        return []
    if word.endswith("y") and word[-2] not in "aeiou":
        return [word[:-1] + "ies"]
    if word.endswith(("ch", "sh", "x", "s", "z")):
        return [word + "es"]
    return [word + "s"]


def alternatives(words):
    """The query as units, each a list of the terms that may stand for it:
    the words as typed, a phrase with a synonym taken whole (longest first),
    a plural's singular or a singular's plural, and their synonyms."""
    table = synonyms()
    units, i = [], 0
    while i < len(words):
        for size in range(min(MAX_PHRASE, len(words) - i), 0, -1):
            *head, last = words[i : i + size]
            forms = [
                " ".join([*head, form])
                for form in [last, *singulars(last), *plurals(last)]
            ]
            if size == 1 or any(form in table for form in forms):
                unit = []
                for form in forms:
                    unit += [t for t in [form, *table.get(form, [])] if t not in unit]
                units.append(unit)
                i += size
                break
    return units


def build(words):
    """A Wagtail search query that needs every unit of ``words``, any of a
    unit's synonyms standing for it."""
    parts = [
        Or([PlainText(term) for term in terms])
        if len(terms) > 1
        else PlainText(terms[0])
        for terms in alternatives(words)
    ]
    return parts[0] if len(parts) == 1 else And(parts)


def build_any(words):
    """A Wagtail search query that needs one unit of ``words``, or None for a
    query of one unit: ranked by the backend, a result holding more of the
    words scores higher."""
    units = alternatives(words)
    if len(units) < 2:
        return None
    return Or([PlainText(term) for terms in units for term in terms])


def vocabulary(key, querysets, names=()):
    """The words of the names (autocomplete fields) of ``querysets``'
    objects, of ``names`` (querysets of strings: tags, topics) and of the
    synonyms: what a search can be corrected to. Cached under ``key``."""
    cache_key = f"search_terms.vocabulary.{key}"
    words = cache.get(cache_key)
    if words is None:
        texts = list(synonyms())
        for objects in querysets:
            columns = {f.name for f in objects.model._meta.concrete_fields}
            fields = [
                f.field_name
                for f in objects.model.get_autocomplete_search_fields()
                if f.field_name in columns
            ]
            for row in objects.values_list(*fields):
                texts += [value for value in row if value]
        for strings in names:
            texts += [value for value in strings if value]
        words = sorted(
            {
                word
                for text in texts
                for word in WORD_RE.findall(text.lower())
                if word.isalpha() and len(word) >= MIN_CORRECTED_LENGTH - 1
            }
        )
        cache.set(cache_key, words, VOCABULARY_TIMEOUT)
    return words


def correct(words, known):
    """``words`` with each word the vocabulary ``known`` lacks replaced by
    the known word it most looks like; None when nothing changes."""
    known_set = set(known)
    corrected = []
    for word in words:
        if word in known_set or len(word) < MIN_CORRECTED_LENGTH or not word.isalpha():
            corrected.append(word)
            continue
        near = [w for w in known if abs(len(w) - len(word)) <= 2]
        match = difflib.get_close_matches(word, near, n=1, cutoff=CORRECTION_CUTOFF)
        corrected.append(match[0] if match else word)
    return corrected if corrected != words else None


@dataclass
class Reading:
    """How a query was read: the words searched for, and whether they are a
    spelling correction of what was typed, or its results hold only some of
    its words (``partial``) or come close to it (``fuzzy``)."""

    typed: str
    words: list = field(default_factory=list)
    corrected: bool = False
    fuzzy: bool = False
    partial: bool = False

    @property
    def text(self):
        return " ".join(self.words)

    @property
    def only_stop_words(self):
        """Something was typed, but only words too common to search for."""
        return bool(self.typed) and not self.words


def search_many(
    querysets, raw, *, vocabulary_key, names=(), some_words=False, **options
):
    """Search each of ``querysets`` (a dict, name -> queryset) for ``raw``;
    returns the Reading and a dict of Wagtail search results (None for an
    empty query); ``options`` go to the backend's ``search``.

    The same words go to every queryset, and a result needs all of them.
    When none finds anything, the query is corrected against the names of
    their objects and ``names`` (see ``vocabulary``); with ``some_words``, a
    query of several words then finds what holds some of them; last, the
    backend's fuzzy matching gets a turn where it offers one (trigram
    similarity on PostgreSQL)."""
    reading = Reading(clean_query(raw), query_words(raw))
    if not reading.words:
        return reading, dict.fromkeys(querysets)

    def found(results):
        return any(result.count() for result in results.values())

    results = run(querysets, build(reading.words), **options)
    if found(results):
        return reading, results
    known = vocabulary(vocabulary_key, querysets.values(), names)
    corrected = correct(reading.words, known)
    if corrected:
        retry = run(querysets, build(corrected), **options)
        if found(retry):
            return Reading(reading.typed, corrected, corrected=True), retry
    some = build_any(reading.words) if some_words else None
    if some is not None:
        retry = run(querysets, some, **options)
        if found(retry):
            return Reading(reading.typed, reading.words, partial=True), retry
    if len(reading.words) > MAX_FUZZY_WORDS or any(
        len(word) > MAX_FUZZY_WORD_LENGTH for word in reading.words
    ):
        return reading, results
    try:
        fuzzy = run(querysets, Fuzzy(reading.text), **options)
        if found(fuzzy):
            return Reading(reading.typed, reading.words, fuzzy=True), fuzzy
    except NotImplementedError:
        # SQLite's full-text search has no fuzzy matching: the correction
        # above is all a typo gets there.
        pass
    return reading, results


def run(querysets, query, **options):
    """``query`` through the configured Wagtail search backend, once per
    queryset of ``querysets`` (a dict, name -> queryset)."""
    backend = get_search_backend()
    return {
        name: backend.search(query, objects, **options)
        for name, objects in querysets.items()
    }


def search(objects, raw, **options):
    """``search_many`` for one queryset: the Reading and the results."""
    reading, results = search_many({"objects": objects}, raw, **options)
    return reading, results["objects"]
