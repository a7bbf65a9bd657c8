"""The importer's place in Wagtail's admin: an "Import articles" menu item for
editors, and "Suggested callouts" in every article's header menu."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from blog.models import ArticlePage
from blog.reports import PageReportMenuItem

from . import views
from .reports import ArticlesWithoutCalloutsReportView


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(views.addable_parents(request.user))


urlpatterns = [
    path("", views.ImportView.as_view(), name="import"),
    path(
        "suggestions/<int:page_id>/",
        views.SuggestionsView.as_view(),
        name="suggestions",
    ),
]


@hooks.register("register_admin_urls")
def register_importer_urls():
    report = ArticlesWithoutCalloutsReportView
    return [
        path("import/", include((urlpatterns, "importer"), namespace="importer")),
        path("reports/no-callouts/", report.as_view(), name=report.index_url_name),
        path(
            "reports/no-callouts/results/",
            report.as_view(results_only=True),
            name=report.index_results_url_name,
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_no_callouts_report_menu_item():
    report = ArticlesWithoutCalloutsReportView
    return PageReportMenuItem(
        "Articles without callouts",
        reverse(report.index_url_name),
        name="articles-without-callouts",
        icon_name="link",
        order=660,
    )


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        "Import articles",
        reverse("importer:import"),
        name="import-articles",
        icon_name="download",
        order=250,
    )


@hooks.register("register_page_header_buttons")
def suggested_callouts_button(page, user, view_name, next_url=None):
    if (
        isinstance(page.specific_deferred, ArticlePage)
        and page.permissions_for_user(user).can_edit()
    ):
        yield Button(
            "Suggested callouts",
            reverse("importer:suggestions", args=[page.pk]),
            icon_name="link",
            priority=40,
        )
