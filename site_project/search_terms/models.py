import re

from django.core.exceptions import ValidationError
from django.db import models

TERM_RE = re.compile(r"[^\W_]+")


def split_terms(text):
    """The comma-separated terms of ``text``, each as lower-case words."""
    terms = []
    for part in text.split(","):
        words = " ".join(TERM_RE.findall(part.lower()))
        if words and words not in terms:
            terms.append(words)
    return terms


class Synonym(models.Model):
    """Words or phrases a searcher may use for the same thing: a search for
    any of them finds what the others find."""

    terms = models.CharField(
        max_length=500,
        help_text=(
            "Two or more words or phrases that mean the same to a shopper, "
            "separated by commas, e.g. “traction, decompression” or "
            "“foam roller, roller”."
        ),
    )

    class Meta:
        ordering = ["terms"]

    def __str__(self):
        return ", ".join(self.term_list())

    def term_list(self):
        return split_terms(self.terms)

    def clean(self):
        terms = self.term_list()
        if len(terms) < 2:
            raise ValidationError(
                {
                    "terms": "Give at least two different words or phrases, "
                    "separated by commas."
                }
            )
        if any(len(term.split()) > 4 for term in terms):
            raise ValidationError(
                {"terms": "Each term is a word or a short phrase of up to four words."}
            )
        self.terms = ", ".join(terms)
