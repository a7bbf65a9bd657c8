"""What must hold in the database after a load test (needs Django set up)."""

from django.db.models import Count, Sum

from shop.order.models import Line, Order
from shop.partner.models import StockRecord


def stock_snapshot():
    """{stockrecord id: (num_in_stock, num_allocated)} before the run."""
    return {
        pk: (in_stock or 0, allocated or 0)
        for pk, in_stock, allocated in StockRecord.objects.values_list(
            "pk", "num_in_stock", "num_allocated"
        )
    }


def check_database(result, before, orders_before):
    """Problems found (empty when all is well) and the figures behind them.

    - every checkout the visitors saw succeed has exactly one order;
    - no order is half-placed: each has lines, a shipping address and totals
      that add up;
    - for each stock record, what the run allocated equals the quantities
      of the run's order lines, and no free stock is below zero.
    """
    problems = []
    new_orders = Order.objects.filter(pk__gt=orders_before)
    by_email = dict(
        new_orders.values_list("guest_email").annotate(n=Count("pk")).order_by()
    )
    missing = [e for e in result.checkout_emails if by_email.get(e, 0) != 1]
    if missing:
        problems.append(
            f"{len(missing)} successful checkouts without exactly one order, "
            f"e.g. {missing[:3]}"
        )

    half_placed = []
    for order in new_orders.annotate(
        line_count=Count("lines"), lines_total=Sum("lines__line_price_incl_tax")
    ).select_related("shipping_address"):
        expected_total = (
            (order.lines_total or 0)
            + order.shipping_incl_tax
            - order.total_discount_incl_tax
        )
        if (
            order.line_count == 0
            or order.shipping_address is None
            or order.total_incl_tax != expected_total
        ):
            half_placed.append(order.number)
    if half_placed:
        problems.append(f"half-placed orders: {half_placed[:10]}")

    ordered = dict(
        Line.objects.filter(order__in=new_orders)
        .values_list("stockrecord_id")
        .annotate(quantity=Sum("quantity"))
        .order_by()
    )
    allocation_mismatches, below_zero = [], []
    for pk, in_stock, allocated in StockRecord.objects.values_list(
        "pk", "num_in_stock", "num_allocated"
    ):
        in_stock, allocated = in_stock or 0, allocated or 0
        allocated_before = before.get(pk, (0, 0))[1]
        if allocated - allocated_before != ordered.get(pk, 0):
            allocation_mismatches.append(
                (pk, allocated - allocated_before, ordered.get(pk, 0))
            )
        if in_stock < 0 or in_stock - allocated < 0:
            below_zero.append((pk, in_stock, allocated))
    if allocation_mismatches:
        problems.append(
            "allocated stock differs from the order lines "
            f"(record, allocated, ordered): {allocation_mismatches[:10]}"
        )
    if below_zero:
        problems.append(f"stock below zero (record, in stock, allocated): {below_zero}")

    figures = {
        "orders_placed": new_orders.count(),
        "units_ordered": sum(ordered.values()),
        "stock_records_touched": len(ordered),
        "orders_without_a_seen_success": new_orders.count()
        - len(result.checkout_emails),
    }
    return problems, figures


# After PostgreSQL is back, each worker's next request reconnects; requests
# already queued during the outage may still see it go.
RECOVERY_GRACE_SECONDS = 5


def check_responses(result, outage=None):
    """Problems in what visitors saw: no 5xx at all, except the 503 page for
    requests in flight while the database was down (``outage`` = (stopped,
    started) in monotonic time)."""
    problems = []
    if result.server_errors:
        sample = [(m, p, s) for _, m, p, s, _ in result.server_errors[:5]]
        problems.append(f"{len(result.server_errors)} server errors, e.g. {sample}")
    for started, finished, path, body in result.unavailable:
        if outage is None or not (
            finished >= outage[0] and started <= outage[1] + RECOVERY_GRACE_SECONDS
        ):
            moment = (
                "no outage"
                if outage is None
                else f"{started - outage[0]:+.1f} s from the stop, "
                f"{started - outage[1]:+.1f} s from the restart"
            )
            problems.append(f"503 outside the outage: {path} ({moment})")
            break
        if 'data-error-page="503"' not in body or "Traceback" in body:
            problems.append(f"the 503 answer for {path} is not the static 503 page")
            break
    if result.transport_errors:
        problems.append(f"connections failed: {dict(result.transport_errors)}")
    return problems
