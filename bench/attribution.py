#!/usr/bin/env python
"""`make bench-attribution`: the callout sales report and the beacon at scale,
on PostgreSQL.

One run:
1. makes a fresh database beside the configured PostgreSQL one
   (<name>_attribution_bench), migrates it and loads bench/scale.py's
   articles (2,000, ten callouts each) and the products they show;
2. adds attribution history with COPY, as the app stores it: --lines
   attributed order lines (two to an order, placed over the last
   --order-days days, some cancelled and some refunded) and --impressions
   impressions as daily counts per callout (``CalloutDay``: one row per
   callout and day over the last days the count needs), with a few clicks
   and basket adds;
3. starts one gunicorn on loopback (bench/settings.py: production settings,
   DEBUG off) and measures, from one connection per worker:
   - report: /cms/reports/callout-sales/ as an editor opens it (the default
     period, rows by callout, highest revenue first), p50 and p90;
   - beacon: POST /attribution/seen/ naming three callouts of an article;
   - baseline: /healthz (the middleware stack alone), for reference;
   - burst: many more connections than workers sending beacons (real,
     forged and malformed) at once; every answer must be 204 or 400;
4. counts the report's SQL in-process, prints a table, writes
   bench/results/<time>-attribution.json and exits 1 when a budget is
   missed.
"""

import argparse
import datetime as dt
import json
import os
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from bench import server  # noqa: E402
from bench.measure import (  # noqa: E402
    drop_database,
    fresh_database,
    percentile,
    postgres_url,
    request_all,
    sql_of,
    summarize,
    write_results,
)
from bench.run import (  # noqa: E402
    analyze,
    fail,
    load,
    server_environment,
    setup_django,
)

REPORT_URL = "/cms/reports/callout-sales/"
BEACON_URL = "/attribution/seen/"
#: Budgets from issue 23.
REPORT_P50_MS = 300
BEACON_P50_MS = 5
#: Answers a beacon may get: counted (204) or refused (400).
BEACON_ANSWERS = (204, 400)
#: Share of the history's order lines cancelled, and refunded.
CANCELLED, REFUNDED = 0.02, 0.01
LINES_PER_ORDER = 2


def excl_vat(price):
    return (price / Decimal("1.2")).quantize(Decimal("0.01"))


def copy_rows(model, fields, rows):
    """COPY ``rows`` (tuples in the order of ``fields``) into ``model``'s
    table: PostgreSQL's bulk load, many times faster than INSERTs."""
    from django.db import connection

    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(
        connection.ops.quote_name(model._meta.get_field(name).column) for name in fields
    )
    with (
        connection.cursor() as cursor,
        cursor.copy(
            f"COPY {table} ({columns}) FROM STDIN"  # noqa: S608 - names from _meta
        ) as copy,
    ):
        count = 0
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def scale_callouts():
    """(page id, block id) of every callout of the live articles."""
    from attribution.callouts import callout_ids
    from blog.models import ArticlePage

    return [
        (article.pk, block_id)
        for article in ArticlePage.objects.live().only("pk", "body").order_by("pk")
        for block_id in sorted(callout_ids(article))
    ]


def popular(callouts, rng):
    """The callouts with weights: a few sell a lot, most sell a little, as
    reading does (Zipf-like)."""
    order = list(callouts)
    rng.shuffle(order)
    return order, [1 / (rank + 10) for rank in range(len(order))]


def load_sales(callouts, lines, days, rng):
    """``lines`` attributed order lines, ``LINES_PER_ORDER`` to an order, the
    orders spread over the last ``days`` days."""
    from django.utils import timezone

    from attribution.models import OrderLineCallout
    from shop.catalogue.models import Product
    from shop.order.models import Line, Order

    products = list(
        Product.objects.filter(stockrecords__isnull=False).values_list(
            "pk", "title", "upc", "stockrecords__pk", "stockrecords__partner_id"
        )
    )
    now = timezone.now()
    orders = lines // LINES_PER_ORDER
    placed = [
        now - timedelta(seconds=rng.uniform(0, days * 86400)) for _ in range(orders)
    ]
    prices = [Decimal(rng.randrange(500, 9000)) / 100 for _ in range(lines)]
    quantities = [rng.choice((1, 1, 1, 2, 3)) for _ in range(lines)]
    order_fields = (
        "number", "currency", "total_incl_tax", "total_excl_tax",
        "shipping_incl_tax", "shipping_excl_tax", "shipping_method",
        "shipping_code", "status", "guest_email", "date_placed",
        "analytics_tracked",
    )  # fmt: skip

    def order_rows():
        for n in range(orders):
            total = sum(
                prices[i] * quantities[i]
                for i in range(n * LINES_PER_ORDER, (n + 1) * LINES_PER_ORDER)
            )
            yield (
                f"BENCH-{n:07d}", "GBP", total, excl_vat(total),
                Decimal(0), Decimal(0), "Standard", "standard",
                "Complete", f"guest{n}@backbone.invalid", placed[n], True,
            )  # fmt: skip

    copy_rows(Order, order_fields, order_rows())
    order_ids = dict(
        Order.objects.filter(number__startswith="BENCH-").values_list("number", "pk")
    )
    line_fields = (
        "order", "partner", "partner_name", "partner_sku", "partner_line_reference",
        "partner_line_notes", "stockrecord", "product", "title", "upc", "quantity",
        "line_price_incl_tax", "line_price_excl_tax",
        "line_price_before_discounts_incl_tax",
        "line_price_before_discounts_excl_tax", "unit_price_incl_tax",
        "unit_price_excl_tax", "status", "num_allocated", "allocation_cancelled",
    )  # fmt: skip
    statuses = rng.choices(
        ["Complete", "Cancelled", "Refunded"],
        [1 - CANCELLED - REFUNDED, CANCELLED, REFUNDED],
        k=lines,
    )

    def line_rows():
        for i in range(lines):
            product, title, upc, stockrecord, partner = products[i % len(products)]
            unit = prices[i]
            total = unit * quantities[i]
            excl = excl_vat(total)
            yield (
                order_ids[f"BENCH-{i // LINES_PER_ORDER:07d}"], partner, "Backbone",
                f"SKU{product}", "", "", stockrecord, product, title, upc,
                quantities[i], total, excl, total, excl, unit,
                excl_vat(unit), statuses[i],
                quantities[i], False,
            )  # fmt: skip

    copy_rows(Line, line_fields, line_rows())
    # Read before the COPY: the connection runs nothing else until it ends.
    placed_lines = list(
        Line.objects.filter(order__number__startswith="BENCH-")
        .order_by("pk")
        .values_list("pk", "order__date_placed")
    )
    order, weights = popular(callouts, rng)
    chosen = rng.choices(order, weights, k=lines)

    def attribution_rows():
        for (line_id, date_placed), (page_id, block_id) in zip(
            placed_lines, chosen, strict=True
        ):
            touched = date_placed - timedelta(minutes=rng.randrange(1, 3 * 1440))
            yield line_id, page_id, block_id, touched

    return copy_rows(
        OrderLineCallout, ("line", "page", "block_id", "touched_at"), attribution_rows()
    )


def load_days(callouts, impressions, rng):
    """``impressions`` impressions as ``CalloutDay`` rows of one impression
    each, one per callout and day (every callout seen every day, back as many
    days as that takes: the most rows so many impressions can make), with a
    click for one row in twenty and a basket add for one in fifty."""
    from django.utils import timezone

    from attribution.models import CalloutDay

    today = timezone.localdate()
    days = -(-impressions // len(callouts))

    def rows():
        left = impressions
        for back in range(days):
            day = today - timedelta(days=back)
            for page_id, block_id in callouts:
                if left <= 0:
                    return
                left -= 1
                clicks = int(rng.random() < 0.05)
                adds = int(rng.random() < 0.02)
                yield day, page_id, block_id, 1, clicks, adds

    return copy_rows(
        CalloutDay,
        ("date", "page", "block_id", "impressions", "clicks", "adds"),
        rows(),
    ), days


def editor_cookie():
    """A member of the Editors group, signed in with the test client
    (force_login: no password), as the session cookie to send."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    from site_project.roles import EDITORS, assign_role

    user, _ = get_user_model().objects.get_or_create(
        username="bench-editor", defaults={"email": "bench-editor@backbone.invalid"}
    )
    assign_role(user, EDITORS)
    client = Client()
    client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}"


def beacon_bodies(callouts, rng, count):
    """``count`` beacons as site.js sends them: three callouts of one
    article seen, one of them clicked."""
    by_page = {}
    for page_id, block_id in callouts:
        by_page.setdefault(page_id, []).append(f"{page_id}.{block_id}")
    pages = rng.choices(sorted(by_page), k=count)
    bodies = []
    for page_id in pages:
        seen = rng.sample(by_page[page_id], 3)
        bodies.append(json.dumps({"seen": seen, "clicked": seen[:1]}))
    return bodies


def burst_bodies(callouts, rng, count):
    """A flood: real beacons, forged ids, malformed and oversized bodies."""
    real = beacon_bodies(callouts, rng, count // 2)
    forged = [
        json.dumps(
            {
                "seen": [
                    f"{999_000_000 + n}.forged",
                    f"{callouts[n % len(callouts)][0]}.nope",
                ]
            }
        )
        for n in range(count // 6)
    ]
    malformed = ['{"seen": "all"}', "not json", '{"seen": [1, 2]}', "[]", "{}"]
    oversized = [json.dumps({"seen": ["1.a" * 2000]})]
    return real + forged + malformed * (count // 30) + oversized * (count // 30)


def figures(summary):
    return {
        key: summary.get(key)
        for key in ("requests", "errors", "p50_ms", "p90_ms", "p99_ms")
    }


def check(result):
    report, beacon, burst = (
        result["sets"][name] for name in ("report", "beacon", "burst")
    )
    checks = [
        (
            f"report p50 < {REPORT_P50_MS} ms",
            report["requests"]
            and report["p50_ms"] < REPORT_P50_MS
            and not report["errors"],
            f"p50 {report.get('p50_ms')} ms, p90 {report.get('p90_ms')} ms, "
            f"{report['errors']} not answered 200",
        ),
        (
            f"beacon p50 < {BEACON_P50_MS} ms",
            beacon["requests"]
            and beacon["p50_ms"] < BEACON_P50_MS
            and not beacon["errors"],
            f"p50 {beacon.get('p50_ms')} ms, p90 {beacon.get('p90_ms')} ms, "
            f"{beacon['errors']} not answered 204",
        ),
        (
            "burst: never a 5xx, every beacon answered",
            burst["requests"]
            and not burst["server_errors"]
            and not burst["unanswered"],
            f"{burst['requests']} beacons over {burst['connections']} connections: "
            f"statuses {burst['statuses']}",
        ),
        (
            "burst: storage grows by at most a row per real callout",
            burst["rows_added"] <= burst["real_callouts"],
            f"{burst['rows_added']} CalloutDay rows added, "
            f"{burst['real_callouts']} real callouts named",
        ),
    ]
    result["budgets"] = [
        {"target": name, "met": bool(met), "measured": measured}
        for name, met, measured in checks
    ]
    return all(met for _, met, _ in checks)


def print_table(result):
    data = result["data"]
    print(
        f"\ncallout sales at {data['articles']} articles, {data['callouts']} callouts, "
        f"{data['order_lines']} attributed order lines, {data['impressions']} "
        f"impressions in {data['callout_days']} daily rows "
        f"(postgresql, {result['settings']['workers']} workers)"
    )
    print(
        f"  {'set':<8}{'requests':>10}{'p50 ms':>9}{'p90 ms':>9}{'p99 ms':>9}"
        f"{'budget':>9}{'errors':>8}"
    )
    budgets = {
        "report": f"< {REPORT_P50_MS}",
        "beacon": f"< {BEACON_P50_MS}",
        "burst": "",
        "baseline": "",
    }
    for name, summary in result["sets"].items():
        print(
            f"  {name:<8}{summary['requests']:>10}{summary.get('p50_ms') or 0:>9.1f}"
            f"{summary.get('p90_ms') or 0:>9.1f}{summary.get('p99_ms') or 0:>9.1f}"
            f"{budgets[name]:>9}{summary['errors']:>8}"
        )
    sql = result["report_sql"]
    print(
        f"\n  report in-process: {sql['queries']} queries, {sql['sql_ms']} ms SQL, "
        f"slowest {sql['slowest_sql_ms']} ms, {sql['in_process_ms']} ms in all"
    )
    print("\nBudgets:")
    for target in result["budgets"]:
        mark = "ok  " if target["met"] else "MISS"
        print(f"  [{mark}] {target['target']}: {target['measured']}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--articles", type=int, default=2_000)
    parser.add_argument("--products", type=int, default=500)
    parser.add_argument("--lines", type=int, default=200_000)
    parser.add_argument("--impressions", type=int, default=2_000_000)
    parser.add_argument(
        "--order-days", type=int, default=90, help="days the orders are spread over"
    )
    parser.add_argument("--repeats", type=int, default=30, help="report requests")
    parser.add_argument("--beacons", type=int, default=300, help="timed beacons")
    parser.add_argument("--burst", type=int, default=3_000, help="beacons in the burst")
    parser.add_argument(
        "--burst-connections", type=int, default=32, help="connections in the burst"
    )
    parser.add_argument("--keep", action="store_true", help="keep the database")
    args = parser.parse_args()

    database_url = fresh_database(
        postgres_url("attribution", "bench-attribution"), "attribution_bench"
    )
    work = Path(tempfile.mkdtemp(prefix="backbone-attribution-bench-"))
    env = server_environment(database_url, work)
    print(f"bench attribution: {urlsplit(database_url).path[1:]}", flush=True)
    setup_django(env)
    rng = random.Random(23)  # noqa: S311 - reproducible test data, not secrets
    try:
        load("migrate", interactive=False, verbosity=0)
        load("collectstatic", interactive=False, verbosity=0)
        from django.db import connections, transaction

        from attribution.models import CalloutDay
        from bench.scale import load_scale_data

        started = time.perf_counter()
        load_scale_data(args.products, args.articles)
        print(f"  load_scale_data: {time.perf_counter() - started:.1f} s", flush=True)
        callouts = scale_callouts()
        started = time.perf_counter()
        with transaction.atomic():
            lines = load_sales(callouts, args.lines, args.order_days, rng)
        print(
            f"  order lines: {lines} in {time.perf_counter() - started:.1f} s",
            flush=True,
        )
        started = time.perf_counter()
        with transaction.atomic():
            rows, days = load_days(callouts, args.impressions, rng)
        print(
            f"  impressions: {rows} daily rows over {days} days in "
            f"{time.perf_counter() - started:.1f} s",
            flush=True,
        )
        analyze()
        cookie = editor_cookie()
        result = {
            "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "database": "postgresql",
            "cpus": os.cpu_count(),
            "settings": vars(args),
            "data": {
                "articles": args.articles,
                "callouts": len(callouts),
                "order_lines": lines,
                "impressions": args.impressions,
                "callout_days": rows,
            },
            "sets": {},
        }
        result["report_sql"] = sql_of(REPORT_URL, cookie)
        if result["report_sql"]["status"] != 200:
            fail(f"{REPORT_URL} answered {result['report_sql']['status']}, not 200")
        beacons = [
            (BEACON_URL, body) for body in beacon_bodies(callouts, rng, args.beacons)
        ]
        burst = [(BEACON_URL, body) for body in burst_bodies(callouts, rng, args.burst)]
        named = {
            via
            for _, body in burst
            for via in (
                json.loads(body).get("seen") or [] if body.startswith("{") else []
            )
            if isinstance(via, str)
        }
        real = {f"{page}.{block}" for page, block in callouts} & named
        rows_before = CalloutDay.objects.count()
        connections.close_all()
        with server.gunicorn(env, args.workers, log_path=work / "gunicorn.log") as (
            base,
            _,
        ):
            # The floor: the whole middleware stack, no template, no database.
            timings = request_all(base, ["/healthz"], args.beacons, args.workers)
            result["sets"]["baseline"] = figures(summarize(timings))
            request_all(base, [REPORT_URL], 2, args.workers, cookie)
            print(
                f"== report: {args.repeats} requests, {args.workers} connections",
                flush=True,
            )
            timings = request_all(
                base, [REPORT_URL], args.repeats, args.workers, cookie
            )
            result["sets"]["report"] = figures(summarize(timings))
            result["report_ms"] = [round(ms, 1) for ms, _ in timings[REPORT_URL]]
            print(
                f"== beacon: {len(beacons)} beacons, {args.workers} connections",
                flush=True,
            )
            request_all(base, beacons[:10], 1, args.workers)
            timings = request_all(base, beacons, 1, args.workers)
            result["sets"]["beacon"] = figures(summarize(timings, ok=(204,)))
            print(
                f"== burst: {len(burst)} beacons, {args.burst_connections} connections",
                flush=True,
            )
            started = time.perf_counter()
            timings = request_all(base, burst, 1, args.burst_connections)
            elapsed = time.perf_counter() - started
        statuses = Counter(status for runs in timings.values() for _, status in runs)
        summary = figures(summarize(timings, ok=BEACON_ANSWERS))
        every = [ms for runs in timings.values() for ms, _ in runs]
        result["sets"]["burst"] = {
            **summary,
            "p99_ms": round(percentile(every, 99), 1),
            "connections": args.burst_connections,
            "per_second": round(len(every) / elapsed, 1),
            "statuses": dict(sorted(statuses.items())),
            "server_errors": sum(n for status, n in statuses.items() if status >= 500),
            "unanswered": statuses.get(0, 0),
            "rows_added": CalloutDay.objects.count() - rows_before,
            "real_callouts": len(real),
        }
        met = check(result)
        print_table(result)
        path = write_results(result, "attribution")
        print(f"\nResults: {path.relative_to(BASE_DIR)}")
    except BaseException as error:
        print(f"bench: failed; kept its database {database_url} and media {work}")
        if isinstance(error, server.ServerError):
            fail(str(error))
        raise
    connections.close_all()
    if args.keep:
        print(f"bench: database kept: {database_url}")
    else:
        drop_database(database_url)
    shutil.rmtree(work, ignore_errors=True)
    sys.exit(0 if met else 1)


if __name__ == "__main__":
    main()
