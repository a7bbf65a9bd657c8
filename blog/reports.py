"""A Wagtail admin report: callouts whose product needs an editor's attention.

Every page whose callouts point at a product that is out of stock, no longer
public, or deleted, with links to fix the page and the product. It reads
Wagtail's ReferenceIndex (which records chooser-block references), so it
never opens a page's StreamField.
"""

from dataclasses import dataclass

from django.urls import reverse
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from shop.cards import OUT_OF_STOCK, product_cards
from shop.references import product_references

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

    page: Page
    product_id: int
    product_title: str
    problem: str

    @property
    def page_title(self):
        return self.page.get_admin_display_title()

    @property
    def page_status(self):
        # Not Page.status_string: it asks the workflow tables once per row.
        if not self.page.live:
            return "Draft"
        return "Live + draft" if self.page.has_unpublished_changes else "Live"

    @property
    def edit_page_url(self):
        return reverse("wagtailadmin_pages:edit", args=[self.page.pk])

    @property
    def edit_product_url(self):
        if self.problem != "Deleted":
            return reverse(
                "dashboard:catalogue-product", kwargs={"pk": self.product_id}
            )


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
    broken = {
        pair: problem
        for pair in pairs
        if (problem := problem_of(cards.get(pair[1]))) is not None
    }
    pages = Page.objects.in_bulk({page_id for page_id, _ in broken})
    problems = [
        CalloutProblem(
            page=pages[page_id],
            product_id=product_id,
            product_title=cards[product_id].title
            if product_id in cards
            else f"Product #{product_id}",
            problem=problem,
        )
        for (page_id, product_id), problem in broken.items()
        if page_id in pages
    ]
    return sorted(
        problems,
        key=lambda p: (PROBLEMS.index(p.problem), p.page_title.lower(), p.product_id),
    )


class CalloutProblemsReportView(ReportView):
    """Pages whose product callouts are hidden or degraded for shoppers."""

    page_title = "Product callouts to fix"
    header_icon = "warning"
    index_url_name = "callout_problems_report"
    index_results_url_name = "callout_problems_report_results"
    model = Page
    any_permission_required = ["add", "change", "publish"]
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

    def get_filename(self):
        return "product-callouts-to-fix"

    def get_queryset(self):
        return callout_problems(self.request)
