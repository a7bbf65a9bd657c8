"""The Author and Topic snippets, and the report of product callouts to fix."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Author, Topic
from .reports import CalloutProblemsReportView, PageReportMenuItem


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    menu_label = "Authors"
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "role"]
    search_fields = ["name", "role"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = "Topics"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "slug"]


register_snippet(AuthorViewSet)
register_snippet(TopicViewSet)


@hooks.register("register_admin_urls")
def register_callout_report_urls():
    view = CalloutProblemsReportView
    return [
        path("reports/product-callouts/", view.as_view(), name=view.index_url_name),
        path(
            "reports/product-callouts/results/",
            view.as_view(results_only=True),
            name=view.index_results_url_name,
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_callout_report_menu_item():
    return PageReportMenuItem(
        CalloutProblemsReportView.page_title,
        reverse(CalloutProblemsReportView.index_url_name),
        name="product-callouts-to-fix",
        icon_name="warning",
        order=650,
    )
