#!/usr/bin/env python
"""`make loadtest`: a bounded load test with a PostgreSQL outage in the middle.

1. starts its own throw-away PostgreSQL cluster on loopback (scripts/
   postgres.sh with PGPORT=15351, so other test servers are never touched),
   migrates a fresh database and loads the demo data set;
2. starts gunicorn with production settings (bench.load.settings);
3. runs --visitors threads for --duration seconds: reading articles, adding
   products from callouts, checking out as guests;
4. --outage-after seconds in, stops PostgreSQL abruptly for --outage-for
   seconds, then starts it again (0 disables the outage);
5. checks: zero 5xx except the static 503 page during the outage, every
   successful checkout has exactly one complete order, allocated stock equals
   the ordered quantities, no stock below zero, and the site serves
   checkouts again after the outage. Exits non-zero if any check fails.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(BASE_DIR))

from bench.load.driver import run_load, warm_up  # noqa: E402
from bench.load.server import PostgresOutage, gunicorn, server_environment  # noqa: E402

PGPORT = "15351"


def postgres(command):
    # scripts/postgres.sh keeps its throw-away cluster under /tmp by design.
    root = f"/tmp/backbone-postgres-{PGPORT}"  # nosec B108
    env = {**os.environ, "PGPORT": PGPORT, "PGROOT": root}
    result = subprocess.run(  # nosec B603 (fixed argv, no shell)
        [str(BASE_DIR / "scripts" / "postgres.sh"), command],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip()


def setup_database(env):
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    started = time.monotonic()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_demo", verbosity=0)
    # The production task worker's part: the demo pages' reference index.
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
    print(
        "loadtest: database migrated and demo loaded in "
        f"{time.monotonic() - started:.0f} s"
    )


def report(result, outage, db_figures, problems, recovered_checkouts):
    seconds = result.finished - result.started
    print("\n== load test")
    print(f"duration              {seconds:.0f} s")
    print(
        f"requests              {result.requests} ({result.requests / seconds:.1f}/s)"
    )
    print(f"status codes          {dict(sorted(result.statuses.items()))}")
    print(
        "latency               "
        f"p50 {result.percentile(0.5) * 1000:.0f} ms, "
        f"p95 {result.percentile(0.95) * 1000:.0f} ms, "
        f"p99 {result.percentile(0.99) * 1000:.0f} ms"
    )
    print(f"journeys              {dict(sorted(result.journeys.items()))}")
    print(f"checkouts seen ok     {len(result.checkout_emails)}")
    if result.checkout_times:
        ordered = sorted(result.checkout_times)
        print(f"checkout p50          {ordered[len(ordered) // 2] * 1000:.0f} ms")
    if outage is not None:
        down = outage.started_at - outage.stopped_at
        print(f"outage                PostgreSQL down {down:.1f} s")
        print(f"503 answers           {len(result.unavailable)}")
        print(f"checkouts after it    {recovered_checkouts}")
    for key, value in db_figures.items():
        print(f"{key:<21} {value}")
    print("problems              " + ("none" if not problems else ""))
    for problem in problems:
        print(f"  - {problem}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=120)
    parser.add_argument("--visitors", type=int, default=16)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--outage-after", type=float, default=45)
    parser.add_argument("--outage-for", type=float, default=15)
    parser.add_argument(
        "--keep-server",
        action="store_true",
        help="leave the PostgreSQL cluster running (and reuse it next time)",
    )
    args = parser.parse_args()
    if args.duration > 300:
        parser.error("--duration is capped at 300 s: this is a bounded test")

    database_url = postgres("start")
    work = Path(tempfile.mkdtemp(prefix="backbone-loadtest-"))
    # Media live as long as the database that names them (--keep-server).
    media = Path(tempfile.gettempdir()) / f"backbone-loadtest-media-{PGPORT}"
    env = server_environment(database_url, media)
    try:
        setup_database(env)
        from bench.load.checks import check_database, check_responses, stock_snapshot
        from shop.order.models import Order

        before = stock_snapshot()
        orders_before = (
            Order.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        )
        outage = PostgresOutage(database_url) if args.outage_for > 0 else None
        with gunicorn(
            env, workers=args.workers, log_path=work / "gunicorn.log"
        ) as base:
            print(f"loadtest: {args.visitors} visitors, {args.duration} s, {base}")
            during = (
                outage.during_load(args.outage_after, args.outage_for)
                if outage
                else None
            )
            warm_up(base)
            result = run_load(base, args.duration, args.visitors, during=during)

        from django.db import connection

        connection.close()
        problems = check_responses(result, outage.window if outage else None)
        db_problems, db_figures = check_database(result, before, orders_before)
        problems += db_problems
        recovered = None
        if outage is not None:
            recovered = checkouts_after(result, outage.started_at)
            if not recovered:
                problems.append("no checkout succeeded after the database came back")
        report(result, outage, db_figures, problems, recovered)
        print(f"\nlogs: {work}")
        return 1 if problems else 0
    finally:
        if not args.keep_server:
            postgres("stop")
            shutil.rmtree(media, ignore_errors=True)


def checkouts_after(result, moment):
    return sum(1 for finished in result.checkout_finished if finished > moment)


if __name__ == "__main__":
    sys.exit(main())
