"""The callout sales report: per callout and per article, for a period, the
same numbers a query over the orders gives, cancelled lines left out."""

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.db.models import Count, F, Sum
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from attribution.models import (
    BasketLineCallout,
    CalloutDay,
    CalloutSalesDay,
    OrderLineCallout,
)
from attribution.reports import forget_closed_figures
from shop.order.models import Line, Order
from site_project.roles import CUSTOMER_SERVICE, EDITORS, assign_role
from tests.factories_shop import make_product
from tests.integration.callouts.conftest import product_callout, product_grid
from tests.integration.shop.helpers import (
    add_to_basket,
    go_to_preview,
    place_order,
    start_guest_checkout,
)

pytestmark = pytest.mark.django_db

URL = "/cms/reports/callout-sales/"


def staff_client(role=None, **flags):
    user = get_user_model().objects.create_user(
        username=f"staff-{role or 'super'}", password="x", **flags
    )
    if role:
        assign_role(user, role)
    client = Client()
    client.force_login(user)
    return client


def check_out(client):
    start_guest_checkout(client)
    go_to_preview(client)
    assert place_order(client).status_code == 302
    return Order.objects.latest("pk")


def csv_rows(client, query=""):
    response = client.get(f"{URL}?export=csv{query}")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def sales(make_article, add_from_callout):
    """Three orders: one from each callout of 'Neck', a cancelled one, and a
    product bought from the shop; beacons for the callouts."""
    roller = make_product(title="Foam roller", price="16.00")
    ball, pillow = make_product(price="7.50"), make_product(price="30.00")
    neck = make_article(product_callout(roller.pk), title="Neck")
    back = make_article(product_grid([ball.pk, pillow.pk]), title="Back")

    first = Client()
    add_from_callout(first, neck, roller)
    add_from_callout(first, neck, roller)
    add_to_basket(first, ball)  # from the shop: sold direct
    check_out(first)
    second = Client()
    add_from_callout(second, back, pillow)
    check_out(second)
    cancelled = Client()
    add_from_callout(cancelled, back, ball)
    check_out(cancelled).set_status("Cancelled")

    for via, times in ((f"{neck.pk}.b0", 4), (f"{back.pk}.b0", 10)):
        for _ in range(times):
            Client().post(
                "/attribution/seen/",
                f'{{"seen": ["{via}"], "clicked": ["{via}"]}}',
                content_type="text/plain",
            )
    return neck, back


def direct_figures(page_id):
    """What a query over the orders gives for an article."""
    lines = Line.objects.filter(callout_attribution__page_id=page_id).exclude(
        status="Cancelled"
    )
    figures = lines.aggregate(
        orders=Count("order", distinct=True),
        units=Sum("quantity"),
        revenue=Sum("line_price_incl_tax"),
    )
    return {
        "orders": str(figures["orders"]),
        "units": str(figures["units"] or 0),
        "revenue": str((figures["revenue"] or Decimal(0)).quantize(Decimal("0.01"))),
    }


def test_report_numbers_equal_a_query_over_orders(sales):
    neck, back = sales
    rows = csv_rows(staff_client(EDITORS))

    by_article = {row["Article"]: row for row in rows}
    assert set(by_article) == {"Neck", "Back"}
    for article in (neck, back):
        row = by_article[article.title]
        figures = {
            "orders": row["Orders"],
            "units": row["Units"],
            "revenue": row["Revenue incl. VAT"],
        }
        assert figures == direct_figures(article.pk)
    expected = {
        "Impressions": "4",
        "Clicks": "4",
        "Basket adds": "2",
        "Orders": "1",
        "Units": "2",
        "Revenue incl. VAT": "32.00",
        "Adds per impression": "0.5",
    }
    assert {name: by_article["Neck"][name] for name in expected} == expected
    # The cancelled order's ball is an add, not a sale.
    assert by_article["Back"]["Basket adds"] == "2"
    assert by_article["Back"]["Revenue incl. VAT"] == "30.00"
    # Sorted by revenue, highest first, unless told.
    assert [row["Article"] for row in rows] == ["Neck", "Back"]


#: What the issue takes off: a cancelled or refunded line is not a sale.
NOT_SALES = ["Cancelled", "Refunded"]


def test_numbers_equal_a_query_over_orders_with_a_refunded_and_a_cancelled_line(
    sales, make_article, add_from_callout
):
    """Runs on SQLite and, in `make test-postgres`, on PostgreSQL: the
    report's orders, units and revenue per article and per callout, and its
    totals, are those of a plain query over the order lines."""
    neck, back = sales
    shopper = Client()
    roller = Line.objects.get(callout_attribution__page=neck).product
    pillow = (
        Line.objects.exclude(status="Cancelled")
        .get(callout_attribution__page=back)
        .product
    )
    add_from_callout(shopper, neck, roller)
    add_from_callout(shopper, back, pillow)
    add_from_callout(shopper, back, pillow)
    order = check_out(shopper)
    refunded, cancelled = order.lines.order_by("pk")
    # Each line's status as the dashboard sets it: the order stays placed.
    Line.objects.filter(pk=refunded.pk).update(status="Refunded")
    Line.objects.filter(pk=cancelled.pk).update(status="Cancelled")
    again = Client()
    add_from_callout(again, back, pillow)
    check_out(again)

    counted = Line.objects.filter(callout_attribution__isnull=False).exclude(
        status__in=NOT_SALES
    )

    def expected(lines):
        figures = lines.aggregate(
            orders=Count("order", distinct=True),
            units=Sum("quantity"),
            revenue=Sum("line_price_incl_tax"),
        )
        return (
            str(figures["orders"]),
            str(figures["units"] or 0),
            str(Decimal(figures["revenue"] or 0).quantize(Decimal("0.01"))),
        )

    def shown(row):
        return row["Orders"], row["Units"], row["Revenue incl. VAT"]

    editor = staff_client(EDITORS)
    for by in ("callout", "article"):
        rows = {row["Article"]: row for row in csv_rows(editor, f"&by={by}")}
        assert set(rows) == {"Neck", "Back"}
        for article in (neck, back):
            lines = counted.filter(callout_attribution__page=article)
            assert shown(rows[article.title]) == expected(lines)
        totals = [
            sum(Decimal(shown(row)[n]) for row in rows.values()) for n in (0, 1, 2)
        ]
        assert [str(t) for t in totals[:2]] == list(expected(counted)[:2])
        assert f"{totals[2]:.2f}" == expected(counted)[2]
    # Neither the refunded roller nor the cancelled pillows count: their
    # order is in no row.
    assert shown(rows["Neck"]) == ("1", "2", "32.00")
    assert shown(rows["Back"]) == ("2", "2", "60.00")


def test_rows_per_article_sum_the_callouts(sales, make_article):
    neck, back = sales
    rows = csv_rows(staff_client(EDITORS), "&by=article&ordering=article")
    assert [(r["Article"], r["Callout"], r["Orders"]) for r in rows] == [
        ("Back", "All callouts", "1"),
        ("Neck", "All callouts", "1"),
    ]


def test_a_period_without_sales_is_empty(sales):
    rows = csv_rows(
        staff_client(EDITORS), "&period_from=2020-01-01&period_to=2020-01-31"
    )
    assert rows == []


def test_html_report_lists_the_callouts_for_editors(sales):
    neck, back = sales
    response = staff_client(EDITORS).get(f"{URL}?ordering=-impressions")
    assert response.status_code == 200
    rows = [
        [cell.get_text(" ", strip=True) for cell in row.select("td")]
        for row in BeautifulSoup(response.content, "html.parser").select("tbody tr")
    ]
    assert [row[:3] for row in rows] == [
        ["Back", "Product grid 1", "10"],
        ["Neck", "Product callout 1", "4"],
    ]
    assert rows[0][-3:] == ["100.0%", "20.0%", "10.0%"]
    assert f"/cms/pages/{neck.pk}/edit/" in response.content.decode()


def test_only_editors_and_superusers_see_the_report(sales):
    assert staff_client(EDITORS).get(URL).status_code == 200
    superuser = staff_client(is_superuser=True, is_staff=True)
    assert superuser.get(URL).status_code == 200
    customer_service = staff_client(CUSTOMER_SERVICE)
    assert customer_service.get(URL).status_code in (302, 403)
    assert Client().get(URL).status_code == 302


def test_the_period_is_drawn_as_svg_by_the_site(sales):
    response = staff_client(EDITORS).get(URL)
    chart = BeautifulSoup(response.content, "html.parser").select_one(
        "[data-callout-sales-chart]"
    )
    headings = [h.get_text(strip=True) for h in chart.select("h2")]
    assert headings == [
        "Impressions: 14",
        "Basket adds: 4",
        "Revenue incl. VAT: £62.00",
    ]
    charts = chart.select("svg")
    # One bar a day of the default period; today's is the tallest.
    assert [len(svg.select("rect")) for svg in charts] == [30, 30, 30]
    today = charts[2].select("rect")[-1]
    assert today["height"] == "60.0"
    assert today.title.get_text().endswith(": £62.00")
    assert not chart.select("script, image, use, [href]")


def shown(client, url):
    """The report's chart and table as HTML."""
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    return str(soup.select_one("[data-callout-sales-chart]")), str(soup.table)


def test_lines_past_retention_are_folded_and_the_report_stays_the_same(sales):
    """Retention: old attributed lines become daily sales per callout."""
    editor = staff_client(EDITORS)
    Order.objects.update(date_placed=F("date_placed") - timedelta(days=100))
    BasketLineCallout.objects.update(touched_at=F("touched_at") - timedelta(days=100))
    since = (timezone.localdate() - timedelta(days=120)).isoformat()
    queries = [f"&by={by}&period_from={since}" for by in ("callout", "article")]
    before = [csv_rows(editor, query) for query in queries]
    shown_before = shown(editor, f"{URL}?period_from={since}")
    assert OrderLineCallout.objects.count() == 3

    call_command("fold_attribution", stdout=io.StringIO())

    assert [csv_rows(editor, query) for query in queries] == before
    assert shown(editor, f"{URL}?period_from={since}") == shown_before
    assert not OrderLineCallout.objects.exists()
    assert not BasketLineCallout.objects.exists()
    assert CalloutSalesDay.objects.count() == 2


def test_closed_days_are_summed_once_and_a_later_cancel_or_deletion_shows_at_once(
    sales,
):
    """Days before today are summed once and kept; cancelling a line of such
    a day, or deleting an article, shows in the next report all the same."""
    neck, back = sales
    Order.objects.update(date_placed=F("date_placed") - timedelta(days=3))
    CalloutDay.objects.update(date=F("date") - timedelta(days=3))
    editor = staff_client(EDITORS)
    by_article = "&by=article"
    first = csv_rows(editor, by_article)
    assert {row["Article"] for row in first} == {"Neck", "Back"}
    with CaptureQueriesContext(connection) as kept:
        assert csv_rows(editor, by_article) == first
    with CaptureQueriesContext(connection) as summed:
        forget_closed_figures()
        assert csv_rows(editor, by_article) == first
    # Kept: three queries fewer (the closed days' impressions, sales, folds).
    assert len(summed) - len(kept) == 3

    line = Line.objects.filter(callout_attribution__page_id=neck.pk).first()
    line.set_status("Cancelled")
    rows = {row["Article"]: row for row in csv_rows(editor, by_article)}
    assert {k: rows["Neck"][k.title()] for k in ("orders", "units")} == {
        k: v for k, v in direct_figures(neck.pk).items() if k != "revenue"
    }
    assert rows["Neck"]["Revenue incl. VAT"] == direct_figures(neck.pk)["revenue"]

    back.delete()
    rows = {row["Article"]: row for row in csv_rows(editor, by_article)}
    assert rows["Deleted article"]["Impressions"] == "0"


def test_lines_within_retention_are_kept(sales):
    call_command("fold_attribution", stdout=io.StringIO())
    assert OrderLineCallout.objects.count() == 3
    assert not CalloutSalesDay.objects.exists()


@pytest.mark.parametrize(
    ("query", "days"),
    [
        ("", 30),
        ("period_from={today}", 1),
        ("period_to={today}", 30),
        ("period_from={today}&period_to=2020-01-01", None),
        ("period_from=0001-01-01", 731),
        ("period_from=not-a-date", 30),
    ],
)
def test_any_period_gives_a_report(query, days):
    today = timezone.localdate()
    response = staff_client(EDITORS).get(f"{URL}?{query.format(today=today)}")
    assert response.status_code == 200
    chart = BeautifulSoup(response.content, "html.parser").select_one(
        "[data-callout-sales-chart]"
    )
    expected = days or (today - date(2020, 1, 1)).days + 1
    assert len(chart.svg.select("rect")) == min(expected, 731)
    assert chart.select("h2")[-1].get_text(strip=True) == "Revenue incl. VAT: £0.00"


def test_one_articles_figures_from_its_edit_page(sales):
    neck, back = sales
    editor = staff_client(EDITORS)
    edit_page = editor.get(f"/cms/pages/{neck.pk}/edit/").content.decode()
    link = f"{URL}?article={neck.pk}"
    assert f'href="{link}"' in edit_page

    rows = csv_rows(editor, f"&article={neck.pk}")
    assert [(row["Article"], row["Orders"]) for row in rows] == [("Neck", "1")]
    chart = BeautifulSoup(editor.get(link).content, "html.parser").select_one(
        "[data-callout-sales-chart] h2"
    )
    assert chart.get_text(strip=True) == "Impressions: 4"


def summary(response):
    found = BeautifulSoup(response.content, "html.parser").select_one(
        "[data-article-callout-sales]"
    )
    return found and found.get_text(" ", strip=True)


def test_an_articles_edit_view_shows_its_own_figures(sales):
    neck, back = sales
    editor = staff_client(EDITORS)
    assert summary(editor.get(f"/cms/pages/{neck.pk}/edit/")) == (
        "Callout sales, last 30 days: impressions 4, clicks 4, basket adds 2, "
        "orders 1, units 2, revenue £32.00 incl. VAT. Open the report"
    )
    # The cancelled order's line is not a sale.
    assert "orders 1, units 1, revenue £30.00 incl. VAT" in summary(
        editor.get(f"/cms/pages/{back.pk}/edit/")
    )
    # Shown once, on the page it was made for: not carried to the next one.
    assert summary(editor.get(f"/cms/pages/{neck.pk}/edit/")).startswith(
        "Callout sales, last 30 days: impressions 4"
    )
    assert summary(editor.get("/cms/")) is None


def test_an_article_without_sales_shows_zeros_and_other_pages_nothing(make_article):
    quiet = make_article(product_callout(make_product().pk), title="Quiet")
    editor = staff_client(EDITORS)
    assert summary(editor.get(f"/cms/pages/{quiet.pk}/edit/")).startswith(
        "Callout sales, last 30 days: impressions 0, clicks 0, basket adds 0, "
        "orders 0, units 0, revenue £0.00 incl. VAT."
    )
    home = quiet.get_parent().get_parent()
    assert summary(editor.get(f"/cms/pages/{home.pk}/edit/")) is None


def test_dashboard_product_page_shows_revenue_by_article(sales):
    neck, back = sales
    superuser = staff_client(is_superuser=True, is_staff=True)
    ball = Line.objects.get(order__status="Cancelled").product
    pillow = (
        Line.objects.exclude(status="Cancelled")
        .get(callout_attribution__page=back)
        .product
    )
    for product, expected in ((pillow, [["Back", "1", "1", "£30.00"]]), (ball, [])):
        url = f"/shop/dashboard/catalogue/products/{product.pk}/"
        soup = BeautifulSoup(superuser.get(url).content, "html.parser")
        rows = [
            [cell.get_text(strip=True) for cell in row.select("td")]
            for row in soup.select("[data-product-sales-by-article] tbody tr")
        ]
        assert rows == expected


def test_the_reports_first_page_runs_the_same_queries_however_many_articles(
    sales, make_article, add_from_callout, django_assert_num_queries
):
    """Callouts are named from the bodies of the rows shown, in one query
    however many articles there are, and the article filter is a chooser,
    not a list of every article."""
    editor = staff_client(EDITORS)
    editor.get(URL)
    with django_assert_num_queries(22):
        assert editor.get(URL).status_code == 200
    for number in range(3):
        product = make_product(price="5.00")
        article = make_article(product_callout(product.pk), title=f"More {number}")
        add_from_callout(Client(), article, product)
    with django_assert_num_queries(22):
        assert editor.get(URL).status_code == 200
