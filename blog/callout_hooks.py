"""Wagtail admin hooks for product callouts: the callouts-to-fix report."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page
from wagtail.permissions import policy_registry

from .reports import CalloutProblemsReportView


class CalloutReportMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_registry.get_by_type(Page).user_has_any_permission(
            request.user, ["add", "change", "publish"]
        )


@hooks.register("register_admin_urls")
def register_callout_report_urls():
    return [
        path(
            "reports/product-callouts/",
            CalloutProblemsReportView.as_view(),
            name="callout_problems_report",
        ),
        path(
            "reports/product-callouts/results/",
            CalloutProblemsReportView.as_view(results_only=True),
            name="callout_problems_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_callout_report_menu_item():
    return CalloutReportMenuItem(
        "Product callouts to fix",
        reverse("callout_problems_report"),
        name="product-callouts-to-fix",
        icon_name="warning",
        order=650,
    )
