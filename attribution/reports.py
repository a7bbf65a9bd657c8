"""Sales by article and callout, for a period: impressions, clicks and basket
adds from the daily counts, orders, units and revenue from the attributed
order lines (cancelled and refunded lines left out). Aggregates only: no
row names a customer or an order."""

import datetime
import uuid
from dataclasses import dataclass
from decimal import Decimal

import django_filters
from django import forms
from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Sum
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from oscar.templatetags.currency_filters import currency
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import AdminPageChooser
from wagtail.models import Page

from blog.callout_blocks import CalloutBlock
from blog.models import ArticlePage

from .models import CalloutDay, CalloutSalesDay, OrderLineCallout

#: Days the report covers when no period is chosen, today included.
DEFAULT_PERIOD_DAYS = 30
#: The longest period the report covers (the chart has a bar a day).
MAX_PERIOD_DAYS = 731
BY_CALLOUT, BY_ARTICLE = "callout", "article"
PENNY = Decimal("0.01")
#: How long the sums of a closed period (days before today) are kept.
CLOSED_FIGURES_SECONDS = 24 * 60 * 60
CLOSED_VERSION_KEY = "attribution:closed-figures-version"


@dataclass
class CalloutSales:
    """One callout's (or one article's) figures for the period."""

    page_id: int | None
    block_id: str
    article: str
    callout: str | None
    #: Whether the article still exists (a deleted one keeps its sales).
    kept: bool
    impressions: int = 0
    clicks: int = 0
    adds: int = 0
    orders: int = 0
    units: int = 0
    revenue: Decimal = Decimal("0.00")

    @property
    def edit_url(self):
        """The article's edit view, worked out for the rows shown only."""
        if not self.kept:
            return None
        return reverse("wagtailadmin_pages:edit", args=[self.page_id])

    def rate(self, count):
        return count / self.impressions if self.impressions else None

    @property
    def click_rate(self):
        return self.rate(self.clicks)

    @property
    def add_rate(self):
        return self.rate(self.adds)

    @property
    def order_rate(self):
        return self.rate(self.orders)


def percent(rate):
    return "–" if rate is None else f"{rate:.1%}"


def callout_labels(pages):
    """{(page id, block id): "Product callout 2: headline"} for the callouts
    in the pages' live bodies, numbered in body order."""
    labels = {}
    for page in pages:
        body = getattr(page, "body", None)
        if body is None:
            continue
        child_blocks = body.stream_block.child_blocks
        callouts = [
            raw
            for raw in body.raw_data
            if isinstance(child_blocks.get(raw.get("type")), CalloutBlock)
        ]
        for number, raw in enumerate(callouts, start=1):
            label = f"{child_blocks[raw['type']].label} {number}"
            if headline := (raw.get("value") or {}).get("headline"):
                label += f": {headline}"
            labels[page.pk, raw.get("id")] = label
    return labels


def in_period(model, start, end, page_id=None):
    """``model``'s daily rows in the period, of one article if given."""
    rows = model.objects.filter(date__gte=start, date__lte=end)
    return rows if page_id is None else rows.filter(page_id=page_id)


def start_of_day(day):
    """The first moment of ``day`` in the site's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def counted_lines(start, end, page_id=None):
    """Attributed order lines placed in the period (of one article if given)
    and not cancelled or refunded. The period is a range of moments, so the
    index on the order's placing time serves it."""
    lines = OrderLineCallout.objects.filter(
        line__order__date_placed__gte=start_of_day(start),
        line__order__date_placed__lt=start_of_day(end + datetime.timedelta(days=1)),
    ).exclude(line__status__in=settings.ATTRIBUTION_UNCOUNTED_LINE_STATUSES)
    return lines if page_id is None else lines.filter(page_id=page_id)


def merged(parts):
    """{key: {figure: value}} dicts added together."""
    figures = {}
    for part in parts:
        for key, values in part.items():
            into = figures.setdefault(key, {})
            for name, value in values.items():
                into[name] = into.get(name, 0) + (value or 0)
    return figures


def summed_figures(start, end, keys, page_id):
    """{key: {figure: sum}} of the period, in three queries: order lines past
    retention come from their daily folds (CalloutSalesDay)."""
    days = (
        in_period(CalloutDay, start, end, page_id)
        .values(*keys)
        .annotate(
            impressions=Sum("impressions"), clicks=Sum("clicks"), adds=Sum("adds")
        )
        .order_by()
    )
    sales = (
        counted_lines(start, end, page_id)
        .values(*keys)
        .annotate(
            orders=Count("line__order", distinct=True),
            units=Sum("line__quantity"),
            revenue=Sum("line__line_price_incl_tax"),
        )
        .order_by()
    )
    folded = (
        in_period(CalloutSalesDay, start, end, page_id)
        .values(*keys)
        .annotate(orders=Sum("orders"), units=Sum("units"), revenue=Sum("revenue"))
        .order_by()
    )
    return merged(
        {tuple(row.pop(name) for name in keys): row} for row in [*days, *sales, *folded]
    )


def forget_closed_figures():
    """Drop the kept sums of closed periods: an order line of an earlier day
    was cancelled or refunded, an article was deleted, old lines were
    folded. The kept sums are filed under a version that is new each time,
    so none is used again, even if the cache has dropped the version."""
    cache.set(CLOSED_VERSION_KEY, new_version(), None)


def new_version():
    return uuid.uuid4().hex


def period_figures(compute, start, end, *key_parts):
    """``compute(start, end)`` for the period, where the days before today
    (which only a cancellation, a refund, a deletion or a fold can change,
    and each forgets them) are summed once and kept, and today is summed on
    every request."""
    today = timezone.localdate()
    parts = []
    if start < today:
        closed_end = min(end, today - datetime.timedelta(days=1))
        version = cache.get_or_set(CLOSED_VERSION_KEY, new_version, None)
        key = ":".join(
            map(str, ("attribution", version, compute.__name__, start, closed_end))
        )
        key += ":" + ":".join(map(str, key_parts))
        closed = cache.get(key)
        if closed is None:
            closed = compute(start, closed_end)
            cache.set(key, closed, CLOSED_FIGURES_SECONDS)
        parts.append(closed)
    if end >= today:
        parts.append(compute(max(start, today), end))
    return parts


def callout_sales(start, end, by=BY_CALLOUT, page_id=None):
    """The period's rows, one per callout (or per article) with any figure."""
    keys = ["page_id"] if by == BY_ARTICLE else ["page_id", "block_id"]

    def callout_figures(first, last):
        return summed_figures(first, last, keys, page_id)

    figures = merged(period_figures(callout_figures, start, end, by, page_id))
    titles = dict(
        Page.objects.filter(pk__in={key[0] for key in figures} - {None}).values_list(
            "pk", "title"
        )
    )
    rows = []
    for key, values in figures.items():
        if "revenue" in values:
            # SQLite sums decimals without their places.
            values["revenue"] = Decimal(values["revenue"]).quantize(PENNY)
        title = titles.get(key[0])
        rows.append(
            CalloutSales(
                page_id=key[0],
                block_id=key[1] if by == BY_CALLOUT else "",
                article=title or "Deleted article",
                # Callouts are named from their article's body, for the rows
                # shown (label_callouts); the article's rows need no name.
                callout=None if by == BY_CALLOUT else "All callouts",
                kept=title is not None,
                **values,
            )
        )
    return rows


def label_callouts(rows):
    """Name the callouts of ``rows`` not yet named, from the live bodies of
    their articles only, in two queries."""
    unnamed = [row for row in rows if row.callout is None]
    pages = Page.objects.specific().in_bulk({row.page_id for row in unnamed} - {None})
    labels = callout_labels(pages.values())
    for row in unnamed:
        row.callout = labels.get((row.page_id, row.block_id), "Removed callout")
    return rows


def default_period():
    """(first day, last day) of the report when no period is chosen."""
    end = timezone.localdate()
    return end - datetime.timedelta(days=DEFAULT_PERIOD_DAYS - 1), end


def article_figures(page):
    """One article's figures for the default period, summed over its callouts,
    as the report's "One per article" row gives them."""
    rows = callout_sales(*default_period(), by=BY_ARTICLE, page_id=page.pk)
    return (
        rows[0]
        if rows
        else CalloutSales(page.pk, "", page.title, "All callouts", kept=True)
    )


#: Width of a day's bar in the chart's own units, and the space after it.
BAR_WIDTH, BAR_GAP = 8, 2


@dataclass
class ChartBar:
    day: datetime.date
    value: object
    x: int
    y: float
    height: float


@dataclass
class ChartSeries:
    """One figure per day of the period, as the bars of an SVG chart."""

    label: str
    total: object
    bars: list
    width: int
    height: int = 60
    bar_width: int = BAR_WIDTH
    #: Whether the figures are money (shown with the currency).
    money: bool = False

    @property
    def first_day(self):
        return self.bars[0].day if self.bars else None

    @property
    def last_day(self):
        return self.bars[-1].day if self.bars else None


def chart_series(label, days, values, zero=0):
    top = max(values.values(), default=0) or 1
    series = ChartSeries(
        label=label,
        total=sum(values.values(), zero),
        bars=[],
        width=len(days) * (BAR_WIDTH + BAR_GAP),
        money=isinstance(zero, Decimal),
    )
    for index, day in enumerate(days):
        value = values.get(day, zero)
        height = round(series.height * float(value) / float(top), 2)
        series.bars.append(
            ChartBar(
                day,
                value,
                index * (BAR_WIDTH + BAR_GAP),
                series.height - height,
                height,
            )
        )
    return series


def daily_figures(start, end, page_id):
    """{(day,): {"impressions", "adds", "revenue"}} of every callout in the
    period, in three queries."""
    counts = (
        in_period(CalloutDay, start, end, page_id)
        .values("date")
        .annotate(impressions=Sum("impressions"), adds=Sum("adds"))
        .order_by()
    )
    revenue = (
        counted_lines(start, end, page_id)
        .annotate(date=TruncDate("line__order__date_placed"))
        .values("date")
        .annotate(revenue=Sum("line__line_price_incl_tax"))
        .order_by()
    )
    folded = (
        in_period(CalloutSalesDay, start, end, page_id)
        .values("date")
        .annotate(revenue=Sum("revenue"))
        .order_by()
    )
    return merged({(row.pop("date"),): row} for row in [*counts, *revenue, *folded])


def period_chart(start, end, page_id=None):
    """Daily impressions, basket adds and revenue of every callout in the
    period."""

    def chart_figures(first, last):
        return daily_figures(first, last, page_id)

    figures = merged(period_figures(chart_figures, start, end, page_id))
    days = [start + datetime.timedelta(n) for n in range((end - start).days + 1)]

    def series(name):
        return {key[0]: value[name] for key, value in figures.items() if name in value}

    revenue = {
        day: Decimal(value).quantize(PENNY) for day, value in series("revenue").items()
    }
    return [
        chart_series("Impressions", days, series("impressions")),
        chart_series("Basket adds", days, series("adds")),
        chart_series("Revenue incl. VAT", days, revenue, zero=Decimal("0.00")),
    ]


class CalloutSalesFilterSet(WagtailFilterSet):
    period = django_filters.DateFromToRangeFilter(
        label="Period", method="whole_period", widget=DateRangePickerWidget
    )
    by = django_filters.ChoiceFilter(
        label="Rows",
        choices=[(BY_CALLOUT, "One per callout"), (BY_ARTICLE, "One per article")],
        empty_label=None,
        method="whole_period",
        widget=forms.RadioSelect,
    )

    # A chooser, not a list of every article: the list grows with the site.
    article = django_filters.ModelChoiceFilter(
        label="Article",
        queryset=ArticlePage.objects.all(),
        widget=AdminPageChooser(target_models=[ArticlePage]),
        method="whole_period",
    )

    class Meta:
        model = OrderLineCallout
        fields = []

    def whole_period(self, queryset, name, value):
        """The rows are worked out for the period (CalloutSalesReportView)."""
        return queryset


class CalloutSalesReportView(ReportView):
    """Which articles and callouts sell, for a period."""

    page_title = "Callout sales"
    header_icon = "tag"
    index_url_name = "callout_sales_report"
    index_results_url_name = "callout_sales_report_results"
    model = Page
    any_permission_required = ["add", "change", "publish"]
    filterset_class = CalloutSalesFilterSet
    default_ordering = "-revenue"
    results_template_name = "attribution/callout_sales_results.html"
    # The rows are worked out for the period, not searched.
    is_searchable = False
    export_filename = "callout-sales"
    list_export = [
        "article",
        "callout",
        "impressions",
        "clicks",
        "adds",
        "orders",
        "units",
        "revenue",
        "click_rate",
        "add_rate",
        "order_rate",
    ]
    export_headings = {
        "article": "Article",
        "callout": "Callout",
        "impressions": "Impressions",
        "clicks": "Clicks",
        "adds": "Basket adds",
        "orders": "Orders",
        "units": "Units",
        "revenue": "Revenue incl. VAT",
        "click_rate": "Clicks per impression",
        "add_rate": "Adds per impression",
        "order_rate": "Orders per impression",
    }
    columns = [
        TitleColumn(
            "article", label="Article", sort_key="article", get_url=lambda r: r.edit_url
        ),
        Column("callout", label="Callout", sort_key="callout"),
        Column("impressions", sort_key="impressions"),
        Column("clicks", sort_key="clicks"),
        Column("adds", label="Basket adds", sort_key="adds"),
        Column("orders", sort_key="orders"),
        Column("units", sort_key="units"),
        Column(
            "revenue",
            label="Revenue incl. VAT",
            sort_key="revenue",
            accessor=lambda r: currency(r.revenue),
        ),
        Column(
            "click_rate",
            label="Click rate",
            sort_key="click_rate",
            accessor=lambda r: percent(r.click_rate),
        ),
        Column(
            "add_rate",
            label="Add rate",
            sort_key="add_rate",
            accessor=lambda r: percent(r.add_rate),
        ),
        Column(
            "order_rate",
            label="Order rate",
            sort_key="order_rate",
            accessor=lambda r: percent(r.order_rate),
        ),
    ]

    @cached_property
    def period(self):
        """(first day, last day): the chosen period, at most MAX_PERIOD_DAYS
        long; from a chosen first day to today, or the DEFAULT_PERIOD_DAYS
        up to a chosen last day (today unless chosen)."""
        chosen = None
        if self.filters and self.filters.is_valid():
            chosen = self.filters.form.cleaned_data.get("period")
        # The range field gives the first and the last moment of its days.
        first = chosen.start.date() if chosen and chosen.start else None
        last = chosen.stop.date() if chosen and chosen.stop else None
        end = last or timezone.localdate()
        start = first or end - datetime.timedelta(days=DEFAULT_PERIOD_DAYS - 1)
        start, end = min(start, end), max(start, end)
        return max(start, end - datetime.timedelta(days=MAX_PERIOD_DAYS - 1)), end

    @property
    def article_id(self):
        """The one article the report is about, if chosen."""
        if self.filters and self.filters.is_valid():
            article = self.filters.form.cleaned_data.get("article")
            return article.pk if article else None
        return None

    @property
    def rows_by(self):
        if self.filters and self.filters.is_valid():
            return self.filters.form.cleaned_data.get("by") or BY_CALLOUT
        return BY_CALLOUT

    def get_queryset(self):
        ordering = self.ordering or self.default_ordering
        name = ordering.lstrip("-")

        def sort_key(row):
            value = getattr(row, name)
            return (value is not None, value if value is not None else 0)

        rows = callout_sales(*self.period, by=self.rows_by, page_id=self.article_id)
        if name == "callout" or self.is_export:
            label_callouts(rows)
        rows.sort(
            key=lambda row: (row.article.lower(), row.callout or "", row.block_id)
        )
        return sorted(rows, key=sort_key, reverse=ordering.startswith("-"))

    def decorate_paginated_queryset(self, object_list):
        """Name the callouts of the rows shown: a page of them, not every
        callout of the period."""
        return label_callouts(object_list)

    def filter_queryset(self, queryset):
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.is_export:
            context["chart"] = period_chart(*self.period, page_id=self.article_id)
        return context
