"""A Wagtail admin report: articles whose text names shop products or
categories but which have no product callout, with what they mention."""

from dataclasses import dataclass

from django.urls import reverse
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from blog.models import ArticlePage

from .suggestions import CALLOUT_BLOCKS, Suggester


@dataclass(frozen=True)
class UncalledArticle:
    title: str
    status: str
    edit_url: str
    suggestions_url: str
    mentions: str


def articles_without_callouts():
    """Each article (its latest draft) with no callout whose words name
    something the shop sells, titles in order."""
    suggester, rows = Suggester(), []
    for page in ArticlePage.objects.select_related("latest_revision").order_by("title"):
        draft = (
            page.get_latest_revision_as_object()
            if page.has_unpublished_changes
            else page
        )
        body = list(draft.body.raw_data)
        if any(block["type"] in CALLOUT_BLOCKS for block in body):
            continue
        suggestions = suggester.suggest(body)
        if not suggestions:
            continue
        live = "Live + draft" if page.has_unpublished_changes else "Live"
        rows.append(
            UncalledArticle(
                title=draft.title,
                status=live if page.live else "Draft",
                edit_url=reverse("wagtailadmin_pages:edit", args=[page.pk]),
                suggestions_url=reverse("importer:suggestions", args=[page.pk]),
                mentions=", ".join(s["label"] for s in suggestions),
            )
        )
    return rows


class ArticlesWithoutCalloutsReportView(ReportView):
    page_title = "Articles that mention products but have no callout"
    header_icon = "link"
    index_url_name = "articles_without_callouts_report"
    index_results_url_name = "articles_without_callouts_report_results"
    model = Page
    any_permission_required = ["add", "change", "publish"]
    export_filename = "articles-without-callouts"
    list_export = ["title", "status", "mentions"]
    export_headings = {"title": "Article", "status": "Status", "mentions": "Mentions"}
    columns = [
        TitleColumn("title", label="Article", get_url=lambda row: row.edit_url),
        Column("status"),
        TitleColumn(
            "mentions", label="Mentions", get_url=lambda row: row.suggestions_url
        ),
    ]

    def get_queryset(self):
        return articles_without_callouts()
