"""The callout sales report in the admin's Reports menu, and a link to an
article's own figures in its header."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.widgets.button import Button

from blog.models import ArticlePage
from blog.reports import PageReportMenuItem, may_edit_pages

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


@hooks.register("register_page_header_buttons")
def callout_sales_button(page, user, view_name, next_url=None):
    """An article's own figures, from its header in the admin."""
    if page.specific_class is ArticlePage and may_edit_pages(user):
        url = reverse(CalloutSalesReportView.index_url_name)
        yield Button(
            "Callout sales",
            f"{url}?article={page.pk}",
            icon_name=CalloutSalesReportView.header_icon,
            priority=68,
        )
