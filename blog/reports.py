"""Wagtail admin reports: pages whose callouts show a product a shopper
cannot buy, from Wagtail's ReferenceIndex (no page's StreamField is opened);
articles due for medical review; articles breaking the editorial rules."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permissions import policy_registry

from shop.cards import OUT_OF_STOCK, product_cards
from shop.references import product_references

from .editorial_checks import article_problems, review_state, reviews_due
from .models import ArticlePage

#: Each problem, worst first.
PROBLEMS = ("Deleted", "Not public", "Out of stock", "Unavailable")


def problem_of(card):
    if card is None:
        return "Deleted"
    if not card.is_public:
        return "Not public"
    if card.availability_code == OUT_OF_STOCK:
        return "Out of stock"
    return None if card.is_available else "Unavailable"


@dataclass(frozen=True)
class CalloutProblem:
    """One page featuring one product a shopper cannot buy."""

    page_title: str
    page_status: str
    edit_page_url: str
    product_id: int
    product_title: str
    edit_product_url: str | None
    problem: str


def callout_problems(request=None):
    """Every (page, unavailable product) pair, worst problems first, in a
    fixed number of queries: the references, the cards and the pages."""
    pairs = {
        (int(page_id), int(product_id))
        for page_id, product_id in product_references().values_list(
            "object_id", "to_object_id"
        )
    }
    cards = product_cards({product_id for _, product_id in pairs}, request)
    problems = {pair: problem_of(cards.get(pair[1])) for pair in pairs}
    pages = Page.objects.in_bulk({page_id for (page_id, _), p in problems.items() if p})
    rows = []
    for (page_id, product_id), problem in problems.items():
        if problem is None or (page := pages.get(page_id)) is None:
            continue
        card = cards.get(product_id)
        # Not Page.status_string: it asks the workflow tables once per row.
        status = "Live + draft" if page.has_unpublished_changes else "Live"
        rows.append(
            CalloutProblem(
                page_title=page.get_admin_display_title(),
                page_status=status if page.live else "Draft",
                edit_page_url=reverse("wagtailadmin_pages:edit", args=[page_id]),
                product_id=product_id,
                product_title=card.title if card else f"Product #{product_id}",
                edit_product_url=card
                and reverse("dashboard:catalogue-product", kwargs={"pk": product_id}),
                problem=problem,
            )
        )
    return sorted(
        rows,
        key=lambda p: (PROBLEMS.index(p.problem), p.page_title.lower(), p.product_id),
    )


def may_edit_pages(user):
    """Whether `user` may add, change or publish pages: who sees the reports."""
    return policy_registry.get_by_type(Page).user_has_any_permission(
        user, CalloutProblemsReportView.any_permission_required
    )


class PageReportMenuItem(MenuItem):
    """A Reports menu item for those who may add, change or publish pages."""

    def is_shown(self, request):
        return may_edit_pages(request.user)


class CalloutProblemsReportView(ReportView):
    """Pages whose product callouts are hidden or degraded for shoppers."""

    page_title = "Product callouts to fix"
    header_icon = "warning"
    index_url_name = "callout_problems_report"
    index_results_url_name = "callout_problems_report_results"
    model = Page
    any_permission_required = ["add", "change", "publish"]
    export_filename = "product-callouts-to-fix"
    list_export = ["page_title", "page_status", "product_title", "problem"]
    export_headings = {
        "page_title": "Page",
        "page_status": "Status",
        "product_title": "Product",
        "problem": "Problem",
    }
    columns = [
        TitleColumn("page_title", label="Page", get_url=lambda row: row.edit_page_url),
        Column("page_status", label="Status"),
        TitleColumn(
            "product_title", label="Product", get_url=lambda row: row.edit_product_url
        ),
        Column("problem"),
    ]

    def get_queryset(self):
        return callout_problems(self.request)


@dataclass(frozen=True)
class ReviewDue:
    """A live article whose medical review is overdue or coming up."""

    page_title: str
    edit_page_url: str
    reviewer: str
    last_reviewed: object
    review_due: object
    state: str


def live_articles_for_review():
    # The schedule needs no body or references: not loaded for every article.
    return ArticlePage.objects.live().defer("body", "references").order_by("title")


def review_due_rows(today=None):
    """Every live article due for review within the warning days, soonest
    first, in one query."""
    today = today or timezone.localdate()
    return [
        ReviewDue(
            page_title=article.title,
            edit_page_url=reverse("wagtailadmin_pages:edit", args=[article.pk]),
            reviewer=article.reviewer.name if article.reviewer else "",
            last_reviewed=article.last_reviewed,
            review_due=due,
            state=review_state(due, today),
        )
        for article, due in reviews_due(live_articles_for_review(), today)
    ]


class ReviewsDueReportView(ReportView):
    """Live articles whose medical review is overdue or due within 30 days."""

    page_title = "Reviews due"
    header_icon = "calendar-alt"
    index_url_name = "reviews_due_report"
    index_results_url_name = "reviews_due_report_results"
    model = Page
    any_permission_required = ["add", "change", "publish"]
    export_filename = "reviews-due"
    list_export = ["page_title", "reviewer", "last_reviewed", "review_due", "state"]
    export_headings = {
        "page_title": "Article",
        "reviewer": "Reviewer",
        "last_reviewed": "Last reviewed",
        "review_due": "Review due",
        "state": "State",
    }
    columns = [
        TitleColumn(
            "page_title", label="Article", get_url=lambda row: row.edit_page_url
        ),
        Column("reviewer"),
        DateColumn("last_reviewed", label="Last reviewed"),
        DateColumn("review_due", label="Review due"),
        Column("state"),
    ]

    def get_queryset(self):
        return review_due_rows()


@dataclass(frozen=True)
class ArticleCheckRow:
    """A live or draft article and the editorial rules it breaks."""

    page_title: str
    edit_page_url: str
    problems: str


class ArticleChecksReportView(ReportView):
    """Every article with the rules it breaks (no reviewer, no references,
    review overdue, callouts without the disclosure); the same rules warn in
    the editor's content checks."""

    page_title = "Article checks"
    header_icon = "tasks"
    index_url_name = "article_checks_report"
    index_results_url_name = "article_checks_report_results"
    model = Page
    any_permission_required = ["add", "change", "publish"]
    export_filename = "article-checks"
    list_export = ["page_title", "problems"]
    export_headings = {"page_title": "Article", "problems": "Problems"}
    columns = [
        TitleColumn(
            "page_title", label="Article", get_url=lambda row: row.edit_page_url
        ),
        Column("problems"),
    ]

    def get_queryset(self):
        today = timezone.localdate()
        rows = [
            ArticleCheckRow(
                page_title=article.get_admin_display_title(),
                edit_page_url=reverse("wagtailadmin_pages:edit", args=[article.pk]),
                problems="; ".join(
                    rule.problem for rule in article_problems(article, today)
                )
                or "None",
            )
            for article in ArticlePage.objects.order_by("title")
        ]
        return sorted(rows, key=lambda row: row.problems == "None")
