"""The callout sales report in the admin's Reports menu, and an article's
own figures in its edit view: a summary at its top and a link in its
header."""

from django.contrib import messages
from django.urls import path, reverse
from django.utils.html import format_html
from oscar.templatetags.currency_filters import currency
from wagtail import hooks
from wagtail.admin.widgets.button import Button

from blog.models import ArticlePage
from blog.reports import PageReportMenuItem, may_edit_pages

from .reports import DEFAULT_PERIOD_DAYS, CalloutSalesReportView, article_figures


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


@hooks.register("before_edit_page")
def callout_sales_summary(request, page):
    """An article's figures for the report's default period, shown at the top
    of its edit view (as a message of the admin's own).

    Wagtail has no public way for another app to add a side panel to the
    page editor (wagtail/wagtail#12179): its edit view builds a fixed list
    of panels. ``before_edit_page`` is the documented hook that runs on each
    opening of the edit view; GET only, so a save or an autosave adds
    nothing."""
    if request.method != "GET" or not request.accepts("text/html"):
        return
    if page.specific_class is not ArticlePage or not may_edit_pages(request.user):
        return
    figures = article_figures(page)
    url = f"{reverse(CalloutSalesReportView.index_url_name)}?article={page.pk}"
    messages.info(
        request,
        format_html(
            "<span data-article-callout-sales>Callout sales, last {} days: "
            "impressions {}, clicks {}, basket adds {}, orders {}, units {}, "
            'revenue {} incl. VAT. <a href="{}">Open the report</a></span>',
            DEFAULT_PERIOD_DAYS,
            figures.impressions,
            figures.clicks,
            figures.adds,
            figures.orders,
            figures.units,
            currency(figures.revenue),
            url,
        ),
    )
