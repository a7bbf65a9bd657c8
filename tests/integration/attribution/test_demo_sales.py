"""`load_demo --with-sales` fills the callout sales report with a few weeks
of history that adds up, and leaves the demo's stock as it was."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Sum

from attribution.models import CalloutDay, OrderLineCallout
from shop.order.models import Line, Order
from shop.partner.models import StockRecord
from site_project.roles import EDITORS
from tests.conftest import ensure_site_tree

from .test_report import csv_rows, staff_client

pytestmark = pytest.mark.django_db


def stock():
    return dict(StockRecord.objects.values_list("pk", "num_in_stock"))


def test_demo_sales_history_fills_the_report():
    ensure_site_tree()
    call_command("load_demo", stdout=io.StringIO())
    stock_before = stock()

    call_command("load_demo", "--with-sales", stdout=io.StringIO())

    orders = Order.objects.filter(number__startswith="DEMO-").count()
    assert orders > 10
    assert OrderLineCallout.objects.count() == Line.objects.count()
    assert CalloutDay.objects.values("date").distinct().count() == 21
    assert stock() == stock_before
    rows = csv_rows(staff_client(EDITORS), "&by=article")
    revenue = sum(float(row["Revenue incl. VAT"]) for row in rows)
    expected = Line.objects.aggregate(total=Sum("line_price_incl_tax"))["total"]
    assert round(revenue, 2) == float(expected)

    call_command("load_demo", "--with-sales", stdout=io.StringIO())
    assert Order.objects.filter(number__startswith="DEMO-").count() == orders
