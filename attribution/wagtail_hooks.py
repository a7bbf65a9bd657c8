"""The callout sales report in the admin's Reports menu."""

from django.urls import path, reverse
from wagtail import hooks

from blog.reports import PageReportMenuItem

from .reports import CalloutSalesReportView


@hooks.register("register_admin_urls")
def register_callout_sales_urls():
    view = CalloutSalesReportView
    return [
        path("reports/callout-sales/", view.as_view(), name=view.index_url_name),
        path(
            "reports/callout-sales/results/",
            view.as_view(results_only=True),
            name=view.index_results_url_name,
        ),
    ]


@hooks.register("register_reports_menu_item")
def callout_sales_menu_item():
    return PageReportMenuItem(
        CalloutSalesReportView.page_title,
        reverse(CalloutSalesReportView.index_url_name),
        name="callout-sales",
        icon_name=CalloutSalesReportView.header_icon,
        order=640,
    )
