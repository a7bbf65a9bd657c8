"""Products and categories an article's text mentions, offered as callouts
next to the block that mentions them.

The shop's products are found through the site's search index (one query per
article, the article's own words and the synonyms editors manage for them);
a candidate is suggested where a block names it: its title, the last words
of its title ("massage ball"), its product type, or one of its categories,
each also with a synonym standing for one of its terms ("traction belt" for
"decompression belt" when traction ~ decompression).
"""

import re

from django.utils.html import strip_tags
from oscar.core.loading import get_model
from wagtail.search.backends import get_search_backend

from site_project.search_terms.query import synonyms

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")

WORD_RE = re.compile(r"[^\W_]+")
STOPWORDS = frozenset(
    """a about after again all also an and any are as at be because been
    before being but by can could did do does doing down each few for from
    further had has have having he her here hers him his how i if in into
    is it its itself just me more most my no nor not now of off on once
    only or other our out over own same she should so some such than that
    the their them then there these they this those through to too under
    until up very was we were what when where which while who whom why
    will with would you your yours set kit pack pair one two new""".split()  # noqa: SIM905
)
MAX_QUERY_WORDS = 60
MAX_CANDIDATES = 30
TEXT_BLOCKS = {"paragraph", "note", "pull_quote", "heading"}
CALLOUT_BLOCKS = {"product_callout", "product_grid", "category_callout"}


def words(text):
    """Lower-case words with a plural 's' taken off, for matching."""
    return [singular(word) for word in WORD_RE.findall(text.lower())]


def singular(word):
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def block_text(block_type, value):
    if block_type == "heading":
        return value.get("text", "")
    if block_type == "pull_quote":
        return value.get("quote", "")
    if block_type == "note":
        return strip_tags(value.get("title", "") + " " + value.get("text", ""))
    return strip_tags(value) if isinstance(value, str) else ""


def contains(haystack, needle):
    size = len(needle)
    return size > 0 and any(
        haystack[i : i + size] == needle for i in range(len(haystack) - size + 1)
    )


def product_phrases(product):
    """The phrases that name a product, most specific first: its title, the
    last two words of its name without sizes and "for ..." ("Electric Heat Pad
    for the Lower Back" gives "heat pad"), and its product type."""
    name = re.split(r",| for | with | \(", product.title.lower())[0]
    content = [w for w in words(name) if w not in STOPWORDS and not w[0].isdigit()]
    phrases = [
        words(product.title),
        words(name),
        content[-2:] if len(content) >= 2 else [],
    ]
    if product.product_class_id:
        phrases.append(words(product.product_class.name))
    unique = []
    for phrase in phrases:
        if phrase and phrase not in unique:
            unique.append(phrase)
    return unique


def synonym_table():
    """Each synonym term as matching words, with the other terms of its
    groups."""
    return {
        tuple(words(term)): [words(other) for other in others]
        for term, others in synonyms().items()
    }


def with_synonyms(phrases, table):
    """The phrases, then each with a synonym standing for one of its terms."""
    found = list(phrases)
    for phrase in phrases:
        for term, others in table.items():
            size = len(term)
            for i in range(len(phrase) - size + 1):
                if tuple(phrase[i : i + size]) != term:
                    continue
                for other in others:
                    variant = phrase[:i] + other + phrase[i + size :]
                    if variant not in found:
                        found.append(variant)
    return found


class Suggester:
    """Suggestions for one article body at a time; categories and synonyms
    are read once."""

    def __init__(self):
        self.synonyms = synonym_table()
        self.categories = [
            (category, with_synonyms([words(category.name)], self.synonyms))
            for category in Category.objects.all()
        ]
        # The words the shop's product names use: only these can find a
        # product, so only these go to the search.
        self.vocabulary = {
            singular(word)
            for title, kind in self.products().values_list(
                "title", "product_class__name"
            )
            for word in WORD_RE.findall(f"{title} {kind or ''}".lower())
        }

    def products(self):
        return (
            Product.objects.filter(is_public=True)
            .exclude(structure=Product.CHILD)
            .select_related("product_class")
        )

    def candidates(self, texts):
        seen, query = set(), []
        for text in texts:
            # A synonym the text uses brings the words of the others.
            said = words(text)
            for term, others in self.synonyms.items():
                if contains(said, list(term)):
                    text += " " + " ".join(" ".join(other) for other in others)
            for word in WORD_RE.findall(text.lower()):
                if (
                    singular(word) in self.vocabulary
                    and word not in STOPWORDS
                    and len(word) > 2
                    and word not in seen
                ):
                    seen.add(word)
                    query.append(word)
        if not query:
            return []
        found = get_search_backend().search(
            " ".join(query[:MAX_QUERY_WORDS]), self.products(), operator="or"
        )[:MAX_CANDIDATES]
        return [
            (product, with_synonyms(product_phrases(product), self.synonyms))
            for product in found
        ]

    def suggest(self, body):
        """[{block, product_id | category_id, phrase, label}] for raw body data
        (dicts with "type" and "value"), each product or category once, at the
        first block that names it; none for what the body already calls out."""
        texts = [
            block_text(block["type"], block["value"])
            for block in body
            if block["type"] in TEXT_BLOCKS
        ]
        called_out = called_out_ids(body)
        candidates = self.candidates(texts)
        suggestions, taken = [], set(called_out)
        for position, block in enumerate(body):
            if block["type"] not in TEXT_BLOCKS:
                continue
            text = words(block_text(block["type"], block["value"]))
            said = set()
            for product, phrases in candidates:
                if ("product", product.pk) in taken:
                    continue
                phrase = next(
                    (p for p in phrases if tuple(p) not in said and contains(text, p)),
                    None,
                )
                if phrase is not None:
                    said.add(tuple(phrase))
                    taken.add(("product", product.pk))
                    suggestions.append(
                        {
                            "block": position,
                            "product_id": product.pk,
                            "phrase": " ".join(phrase),
                            "label": product.title,
                        }
                    )
            for category, phrases in self.categories:
                phrase = next((p for p in phrases if contains(text, p)), None)
                if ("category", category.pk) not in taken and phrase is not None:
                    taken.add(("category", category.pk))
                    suggestions.append(
                        {
                            "block": position,
                            "category_id": category.pk,
                            "phrase": " ".join(phrase),
                            "label": category.name,
                        }
                    )
        return suggestions


def called_out_ids(body):
    ids = set()
    for block in body:
        value = block["value"]
        if block["type"] == "product_callout" and value.get("product"):
            ids.add(("product", value["product"]))
        elif block["type"] == "product_grid":
            ids |= {("product", item["value"]) for item in value.get("products", [])}
        elif block["type"] == "category_callout" and value.get("category"):
            ids.add(("category", value["category"]))
    return ids
