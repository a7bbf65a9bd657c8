#!/usr/bin/env python
"""`make bench-scale`: how fast the site renders, on demo data and at scale.

One run:
1. makes a fresh benchmark database on the configured server (PostgreSQL
   when DATABASE_URL points to one: a database named <name>_bench is
   created beside it; else a SQLite file in a temporary folder), migrates it
   and loads the demo data set;
2. counts the SQL queries of each page in-process (Django test client and
   CaptureQueriesContext);
3. starts one gunicorn on loopback (production settings, DEBUG off) and
   measures each page, rendered every time, with wrk: requests per second,
   p50 and p99 latency, each as a ratio to /healthz (a view that touches
   nothing: the baseline is Django answering at all);
4. adds the scale data set (bench/scale.py: 10,000 products, 2,000
   articles with callouts), measures again and reports growth as a ratio;
5. checks the targets, prints a table and writes bench/results/<time>.json.

The category, product, search and chooser pages (whose growth is a target)
are measured in --rounds rounds, one page after another, and each is reported
by its median round: this machine is shared, and one 10-second run of a page
moved its p50 by 20% from one run of the benchmark to the next. At scale, a
copy of the demo database is served beside it and measured in the same
rounds, so both sides of each growth ratio come from the same minutes.

Options: --duration (seconds per wrk run), --workers, --rounds, --products,
--articles, --skip-scale, --keep. REDIS_URL, when set, is the cache.
"""

import argparse
import contextlib
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from bench import server  # noqa: E402

RESULTS_DIR = BASE_DIR / "bench" / "results"
CALLOUT_BLOCKS = {"product_callout", "product_grid", "category_callout"}
SEARCH_TERM = "back support"
CHOOSER_TERM = "cushion"

# The targets from the issue, checked after the run.
COLD_ARTICLE_MAX_QUERIES = 15
SCALE_MAX_P50_GROWTH = 1.5
# The pages whose p50 at scale is compared with demo data.
GROWTH_PAGES = ("category", "product", "search", "chooser_search")
CHOOSER_MAX_P50_MS = 150
WORKER_MAX_RSS_MB = 250


def fail(message):
    print(f"bench: {message}", file=sys.stderr)
    sys.exit(1)


def ensure_wrk():
    if shutil.which("wrk"):
        return
    if os.geteuid() != 0:
        fail("wrk is not installed. Install it with: sudo apt-get install -y wrk")
    print("Installing wrk (Debian package wrk)...", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, env=env)
    if not shutil.which("wrk"):
        fail("apt-get did not install wrk.")


def postgres_statements(url, *statements):
    """Run database-level statements (CREATE/DROP DATABASE) on the server of
    ``url``, through its maintenance database."""
    import psycopg

    admin = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)


def with_database(url, name):
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def fresh_database_url(work):
    """A new, empty database of the configured kind, for this run only."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        name = urlsplit(url).path.lstrip("/") + "_bench"
        postgres_statements(
            url,
            f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
            f'CREATE DATABASE "{name}"',
        )
        return with_database(url, name), "postgresql"
    if url and not url.startswith("sqlite"):
        fail(f"DATABASE_URL must be PostgreSQL or SQLite, not {url!r}")
    return f"sqlite:///{work / 'bench.sqlite3'}", "sqlite"


def server_environment(database_url, work):
    """Environment of the in-process part and of gunicorn (bench/settings.py:
    production settings over plain http on loopback)."""
    return server.server_environment(
        "bench.settings",
        database_url,
        work / "media",
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        BENCH_STATIC_ROOT=str(work / "static"),
        LOG_LEVEL="WARNING",
    )


def worker_rss_mb(master_pid):
    """Resident memory of each gunicorn worker (children of the master)."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    sizes = []
    for pid in children.read_text().split():
        status = Path(f"/proc/{pid}/status")
        if status.exists():
            match = re.search(r"VmRSS:\s+(\d+) kB", status.read_text())
            if match:
                sizes.append(round(int(match.group(1)) / 1024, 1))
    return sizes


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def to_ms(text):
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    if not match:
        raise ValueError(f"wrk latency not understood: {text!r}")
    return float(match.group(1)) * UNITS[match.group(2)]


def run_wrk(url, duration, connections, cookie=None):
    command = [
        "wrk",
        "--threads",
        "2",
        "--connections",
        str(connections),
        "--duration",
        f"{duration}s",
        "--timeout",
        "30s",
        "--latency",
    ]
    if cookie:
        command += ["--header", f"Cookie: {cookie}"]
    output = subprocess.run(
        [*command, url], check=True, capture_output=True, text=True
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = to_ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1))
    p99 = to_ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    return {
        "rps": rps,
        "p50_ms": round(p50, 2),
        "p99_ms": round(p99, 2),
        "non_2xx": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
    }


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def require_ok(base, pages, names, cookie):
    """Fail unless each page answers 200 itself: wrk counts a redirect (to
    the sign-in page, say) as an answer."""
    opener = urllib.request.build_opener(_NoRedirect)
    for name in names:
        headers = {"Cookie": cookie} if name == "chooser_search" else {}
        request = urllib.request.Request(base + pages[name], headers=headers)
        try:
            with opener.open(request, timeout=30) as response:
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        if status != 200:
            fail(f"{name} ({base}{pages[name]}) answered {status}, not 200")


# ------------------------------------------------------------ in-process part


def setup_django(env):
    os.environ.update(env)
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()


def load(step, *args, **options):
    from django.core.management import call_command

    started = time.perf_counter()
    call_command(step, *args, **options)
    print(f"  {step}: {time.perf_counter() - started:.1f} s", flush=True)


def run_queued_tasks():
    """What the production task worker would do after loading: run every
    queued task (the reference index of the pages just published, which the
    pages' product callouts are found by) and stop."""
    load("db_worker", batch=True, startup_delay=False, verbosity=0)


def analyze():
    """Refresh PostgreSQL's planner statistics after a bulk load, as its
    autovacuum soon would on a live site (SQLite plans without them)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def callout_count(article):
    return sum(1 for block in article.body.raw_data if block["type"] in CALLOUT_BLOCKS)


def pick_pages():
    """The URLs to measure: the same pages on demo data and at scale."""
    from django.db.models import Count

    from blog.models import ArticlePage
    from shop.catalogue.models import Category, Product

    article, best = None, -1
    for candidate in ArticlePage.objects.live().public().order_by("pk")[:300]:
        count = callout_count(candidate)
        if count == 10:
            article, best = candidate, count
            break
        if count > best:
            article, best = candidate, count
    if article is None:
        fail("no live article to measure: did load_demo run?")
    category = (
        Category.objects.filter(is_public=True)
        .annotate(products=Count("product"))
        .order_by("-products", "path")
        .first()
    )
    product = (
        Product.objects.browsable()
        .filter(is_public=True, stockrecords__isnull=False)
        .order_by("pk")
        .first()
    )
    pages = {
        "home": "/",
        "article": article.url,
        "category": category.get_absolute_url(),
        "product": product.get_absolute_url(),
        "search": f"/search/?q={SEARCH_TERM.replace(' ', '+')}",
    }
    chooser = chooser_search_url()
    if chooser:
        pages["chooser_search"] = chooser
    return pages, {"article_callouts": best, "article_slug": article.slug}


def chooser_search_url():
    """The admin product chooser's search results (the CALLOUT helper's
    ChooserViewSet), or None when it does not exist yet."""
    from django.urls import NoReverseMatch, reverse

    try:
        from shop.choosers import product_chooser_viewset
    except ImportError:
        return None
    try:
        url = reverse(product_chooser_viewset.get_url_name("choose_results"))
    except NoReverseMatch:
        return None
    return f"{url}?q={CHOOSER_TERM}"


def bench_superuser_cookie():
    """Create a superuser without a usable password, sign it in with the test
    client (force_login: no password, so nothing for django-axes to count)
    and return the session cookie to give wrk."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    username = "bench-admin"
    user_model = get_user_model()
    user = user_model.objects.filter(username=username).first()
    if user is None:
        user = user_model.objects.create_superuser(
            username, "bench-admin@backbone.invalid", None
        )
    client = Client()
    client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}"


def count_queries(pages, cookie):
    """SQL queries per page: cold (every cache empty) and with the caches
    the first request filled warm (navigation, thumbnails)."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for name, path in pages.items():
        headers = {"HTTP_COOKIE": cookie} if name == "chooser_search" else {}
        cache.clear()
        with CaptureQueriesContext(connection) as cold:
            status = Client().get(path, **headers).status_code
        with CaptureQueriesContext(connection) as warm:
            Client().get(path, **headers)
        if status != 200:
            fail(f"{name} ({path}) answered {status}, not 200")
        counts[name] = {"cold": len(cold), "warm_caches": len(warm)}
    cache.clear()
    return counts


def measure(label, env, pages, cookie, args, demo=None):
    """wrk runs of every page, rendered by one gunicorn; with ``demo`` (the
    demo data set's copy: its env, pages and cookie), each round of the growth
    pages measures the demo copy beside this data set, one page after the
    other, so both sides of a growth ratio come from the same minutes of this
    shared machine.

    One wrk connection per worker, so p50 is the time to render a page rather
    than the time spent queueing behind other renders.

    Returns the runs, the workers' RSS and the demo copy's runs (or None).
    """
    print(f"\n== {label}: measuring with wrk ({args.duration} s each)", flush=True)
    runs = {}

    def recorder(base, side_cookie=cookie, into=runs, suffix=""):
        """A function that measures a page on ``base`` and keeps its run."""

        def record(name, url, with_cookie=False):
            run = run_wrk(
                base + url,
                args.duration,
                args.workers,
                side_cookie if with_cookie else None,
            )
            into[name] = run
            print(
                f"  {name + suffix:<22} {run['rps']:>8.1f} req/s  p50"
                f" {run['p50_ms']:>7.2f} ms  p99 {run['p99_ms']:>7.2f} ms",
                flush=True,
            )

        return record

    with contextlib.ExitStack() as stack:
        base, process = stack.enter_context(server.gunicorn(env, args.workers))
        require_ok(base, pages, pages, cookie)
        rendered = recorder(base)
        rendered("baseline", "/healthz")
        rendered("home", pages["home"])
        rendered("article", pages["article"])
        sides = [(label, rendered, pages, runs)]
        if demo is not None:
            demo_base, _ = stack.enter_context(
                server.gunicorn(demo["env"], args.workers)
            )
            demo_runs = {}
            demo_rendered = recorder(demo_base, demo["cookie"], demo_runs, " (demo)")
            sides.append(("demo", demo_rendered, demo["pages"], demo_runs))
        # The pages whose growth is a target: measured in rounds, one page
        # after another, and each reported by its median round (see
        # median_round), so a noisy moment of this shared machine moves
        # one round of a page rather than its result. With the demo copy,
        # the two sides take turns going first.
        growth = [name for name in GROWTH_PAGES if name in pages]
        if demo is not None:
            require_ok(demo_base, demo["pages"], growth, demo["cookie"])
        rounds = {side: {name: [] for name in growth} for side, *_ in sides}
        for number in range(1, args.rounds + 1):
            print(f"  round {number} of {args.rounds}", flush=True)
            for name in growth:
                order = sides if number % 2 else sides[::-1]
                for side, measure_page, side_pages, into in order:
                    if name not in side_pages:
                        continue
                    measure_page(
                        name, side_pages[name], with_cookie=name == "chooser_search"
                    )
                    rounds[side][name].append(into[name])
        for side, _, _, into in sides:
            for name in growth:
                if rounds[side][name]:
                    into[name] = median_round(rounds[side][name])
        rss = worker_rss_mb(process.pid)
    baseline = runs["baseline"]
    for run in runs.values():
        run["rps_ratio"] = round(run["rps"] / baseline["rps"], 3)
        run["p50_ratio"] = round(run["p50_ms"] / baseline["p50_ms"], 2)
        run["p99_ratio"] = round(run["p99_ms"] / baseline["p99_ms"], 2)
    return runs, rss, (sides[1][3] if demo is not None else None)


def median_round(rounds):
    """The round with the median p50 (the lower middle one of an even
    count), with every round's p50 and req/s kept beside it."""
    ordered = sorted(rounds, key=lambda run: run["p50_ms"])
    run = dict(ordered[(len(ordered) - 1) // 2])
    run["rounds_p50_ms"] = [each["p50_ms"] for each in rounds]
    run["rounds_rps"] = [each["rps"] for each in rounds]
    return run


def dataset_counts():
    from blog.models import ArticlePage
    from shop.catalogue.models import Product

    return {
        "products": Product.objects.count(),
        "articles": ArticlePage.objects.live().count(),
    }


def bench_dataset(label, env, args, demo=None):
    """Measure the data set now loaded; ``demo`` (see measure) adds the demo
    copy's growth pages, measured beside it, as ``demo_beside``."""
    from django.core.cache import cache

    cache.clear()
    pages, about = pick_pages()
    cookie = bench_superuser_cookie()
    queries = count_queries(pages, cookie)
    runs, rss, demo_runs = measure(label, env, pages, cookie, args, demo)
    result = {
        "data": dataset_counts(),
        "pages": pages,
        **about,
        "queries": queries,
        "wrk": runs,
        "worker_rss_mb": rss,
    }
    if demo_runs is not None:
        result["demo_beside"] = demo_runs
    return result, cookie


def copy_demo_database(database_url, vendor, work):
    """A copy of the benchmark database as it is now (the demo data set), for
    the demo side of the growth ratios; returns its URL."""
    from django.db import connections

    connections.close_all()
    if vendor == "sqlite":
        import sqlite3

        copy_path = work / "demo.sqlite3"
        with (
            contextlib.closing(sqlite3.connect(work / "bench.sqlite3")) as source,
            contextlib.closing(sqlite3.connect(copy_path)) as copy,
        ):
            source.backup(copy)
        return f"sqlite:///{copy_path}"
    name = urlsplit(database_url).path.lstrip("/")
    postgres_statements(
        database_url,
        f'DROP DATABASE IF EXISTS "{name}_demo" WITH (FORCE)',
        f'CREATE DATABASE "{name}_demo" TEMPLATE "{name}"',
    )
    return with_database(database_url, f"{name}_demo")


def demo_cache_url():
    """The demo copy's server caches apart from the scale server's: another
    Redis database (the next number), so neither reads the other's entries."""
    url = os.environ.get("REDIS_URL")
    if not url:
        return None
    parts = urlsplit(url)
    number = parts.path.lstrip("/") or "0"
    return urlunsplit(parts._replace(path=f"/{int(number) + 1}"))


def drop_demo_copy(database_url, vendor):
    if vendor == "postgresql":
        name = urlsplit(database_url).path.lstrip("/")
        postgres_statements(
            database_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
        )


def check_targets(result):
    checks = []
    demo, scale = result["demo"], result.get("scale")
    final = scale or demo
    article = final["queries"]["article"]
    checks.append(
        (
            f"article, caches warm, <= {COLD_ARTICLE_MAX_QUERIES} SQL queries",
            article["warm_caches"] <= COLD_ARTICLE_MAX_QUERIES,
            f"{article['warm_caches']} queries, {article['cold']} with every "
            f"cache empty ({final['article_callouts']} callouts)",
        )
    )
    if scale:
        for name in GROWTH_PAGES:
            if name not in scale["wrk"] or name not in demo["wrk"]:
                checks.append((f"{name} at scale", False, "not measured"))
                continue
            # The demo copy measured beside the scale data, when there is one.
            before = scale.get("demo_beside", {}).get(name) or demo["wrk"][name]
            after = scale["wrk"][name]
            if not (before["rps"] and after["rps"]):
                checks.append((f"{name} at scale", False, "no request answered"))
                continue
            growth = after["p50_ms"] / before["p50_ms"]
            result.setdefault("growth_p50", {})[name] = round(growth, 2)
            checks.append(
                (
                    f"{name} p50 at scale <= {SCALE_MAX_P50_GROWTH}x demo",
                    growth <= SCALE_MAX_P50_GROWTH,
                    f"{growth:.2f}x ({before['p50_ms']} -> {after['p50_ms']} ms)",
                )
            )
    chooser = final["wrk"].get("chooser_search")
    checks.append(
        (
            f"chooser search p50 < {CHOOSER_MAX_P50_MS} ms",
            bool(chooser and chooser["rps"]) and chooser["p50_ms"] < CHOOSER_MAX_P50_MS,
            f"{chooser['p50_ms']} ms" if chooser else "not measured",
        )
    )
    rss = max(final["worker_rss_mb"] or [0])
    checks.append(
        (
            f"gunicorn worker RSS < {WORKER_MAX_RSS_MB} MB",
            0 < rss < WORKER_MAX_RSS_MB,
            f"{rss} MB",
        )
    )
    result["targets"] = [
        {"target": name, "met": met, "measured": measured}
        for name, met, measured in checks
    ]
    return all(met for _, met, _ in checks)


def print_table(result):
    for label in ("demo", "scale"):
        data = result.get(label)
        if not data:
            continue
        print(
            f"\n{label}: {data['data']['products']} products, "
            f"{data['data']['articles']} articles"
        )
        print(
            f"  {'page':<22}{'req/s':>9}{'x base':>8}{'p50 ms':>9}{'x base':>8}"
            f"{'p99 ms':>9}{'x base':>8}{'SQL cold':>9}{'warm':>6}"
        )
        for name, run in data["wrk"].items():
            queries = data["queries"].get(name, {})
            print(
                f"  {name:<22}{run['rps']:>9.1f}{run['rps_ratio']:>8.2f}"
                f"{run['p50_ms']:>9.2f}{run['p50_ratio']:>8.2f}"
                f"{run['p99_ms']:>9.2f}{run['p99_ratio']:>8.2f}"
                f"{queries.get('cold', '')!s:>9}{queries.get('warm_caches', '')!s:>6}"
            )
        print(f"  worker RSS (MB): {data['worker_rss_mb']}")
        beside = data.get("demo_beside")
        if beside:
            print("  demo copy, measured in the same rounds (growth is against it):")
            for name, run in beside.items():
                print(
                    f"  {name:<22}{run['rps']:>9.1f}{'':>8}{run['p50_ms']:>9.2f}"
                    f"{'':>8}{run['p99_ms']:>9.2f}"
                )
    print("\nTargets:")
    for target in result["targets"]:
        mark = "ok  " if target["met"] else "MISS"
        print(f"  [{mark}] {target['target']}: {target['measured']}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="wrk runs of each page whose growth is a target (median reported)",
    )
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--articles", type=int, default=2_000)
    parser.add_argument("--skip-scale", action="store_true")
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the benchmark database and media (for profiling)",
    )
    args = parser.parse_args()

    ensure_wrk()
    work = Path(tempfile.mkdtemp(prefix="backbone-bench-"))
    database_url, vendor = fresh_database_url(work)
    env = server_environment(database_url, work)
    print(f"bench: {vendor} database, cache {os.environ.get('REDIS_URL') or 'locmem'}")
    setup_django(env)
    try:
        load("migrate", interactive=False, verbosity=0)
        load("collectstatic", interactive=False, verbosity=0)
        load("load_demo", verbosity=0)
        run_queued_tasks()
        analyze()
        result = {
            "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "database": vendor,
            "cache": "redis" if os.environ.get("REDIS_URL") else "locmem",
            "cpus": os.cpu_count(),
            "settings": vars(args),
        }
        result["demo"], demo_cookie = bench_dataset("demo", env, args)
        if not args.skip_scale:
            demo_url = copy_demo_database(database_url, vendor, work)
            # The same secret key: the demo copy holds the bench session.
            demo_env = {**env, "DATABASE_URL": demo_url}
            if demo_cache_url():
                demo_env["REDIS_URL"] = demo_cache_url()
            demo = {
                "env": demo_env,
                "pages": result["demo"]["pages"],
                "cookie": demo_cookie,
            }
            print(
                f"\n== loading {args.products} products, {args.articles} articles",
                flush=True,
            )
            from bench.scale import load_scale_data

            started = time.perf_counter()
            load_scale_data(args.products, args.articles)
            print(
                f"  load_scale_data: {time.perf_counter() - started:.1f} s",
                flush=True,
            )
            run_queued_tasks()
            analyze()
            try:
                result["scale"], _ = bench_dataset("scale", env, args, demo)
            finally:
                drop_demo_copy(demo_url, vendor)
        met = check_targets(result)
        print_table(result)
        RESULTS_DIR.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        path = RESULTS_DIR / f"{stamp}-{vendor}.json"
        path.write_text(json.dumps(result, indent=2) + "\n")
        print(f"\nResults: {path.relative_to(BASE_DIR)}")
    except BaseException as error:
        print(f"bench: failed; its database and media are kept in {work}")
        if isinstance(error, server.ServerError):
            fail(str(error))
        raise
    if args.keep:
        print(f"bench: database and media kept in {work} ({database_url})")
    else:
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(0 if met else 1)


if __name__ == "__main__":
    main()
