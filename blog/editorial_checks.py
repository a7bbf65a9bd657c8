"""What makes an article trustworthy, checked in one place: the rules behind
the editor's content checks in preview and the "Article checks" report, and
the review schedule behind the "Reviews due" report and dashboard count."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

#: Days ahead in which a coming review is reported as due.
REVIEW_WARNING_DAYS = 30


@dataclass(frozen=True)
class ArticleRule:
    """One check: its id (also the content checker's axe rule id), what is
    wrong and what to do."""

    id: str
    problem: str
    advice: str


RULES = (
    ArticleRule(
        "article-no-reviewer",
        "No medical reviewer",
        "Choose the clinician who checked the article (Byline and topics tab).",
    ),
    ArticleRule(
        "article-no-references",
        "No references",
        "List the guidance or studies the article rests on (Content tab).",
    ),
    ArticleRule(
        "article-review-overdue",
        "Medical review overdue",
        "Ask a reviewer to check the article, then set its last reviewed date.",
    ),
    ArticleRule(
        "article-callouts-without-disclosure",
        "Product callouts without the disclosure",
        "The site's disclosure wording (BLOG_PRODUCT_DISCLOSURE) is empty: "
        "readers are not told that the site sells these products.",
    ),
)


def article_problems(article, today=None):
    """The rules an article breaks, in the order of RULES."""
    broken = {
        "article-no-reviewer": article.reviewer_id is None,
        "article-no-references": not article.references,
        "article-review-overdue": article.review_is_overdue(today),
        "article-callouts-without-disclosure": article.has_product_callouts
        and not settings.BLOG_PRODUCT_DISCLOSURE.strip(),
    }
    return [rule for rule in RULES if broken[rule.id]]


def review_state(due, today):
    """How a review due on `due` reads on `today`."""
    days = (due - today).days
    if days < 0:
        return f"Overdue by {-days} day{'s' if days != -1 else ''}"
    if days == 0:
        return "Due today"
    return f"Due in {days} day{'s' if days != 1 else ''}"


def reviews_due(articles, today=None):
    """(article, due date) for each article whose review is overdue or due
    within REVIEW_WARNING_DAYS of `today`, soonest first."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=REVIEW_WARNING_DAYS)
    due = [(article, article.review_due) for article in articles]
    return sorted(
        ((article, date) for article, date in due if date <= horizon),
        key=lambda pair: (pair[1], pair[0].title.lower()),
    )
