"""Helpers that more than one benchmark uses: latency figures from timed
requests, HTTP requests from a few client threads, a throw-away PostgreSQL
database beside the configured one, and the results file."""

import datetime as dt
import json
import math
import os
import queue
import random
import statistics
import threading
import time
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import urlsplit

from bench.run import RESULTS_DIR, fail, postgres_statements, with_database


def percentile(values, percent):
    """The nearest-rank percentile: the smallest value that at least
    ``percent`` per cent of ``values`` do not exceed."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = math.ceil(percent / 100 * len(ordered))
    return ordered[max(rank, 1) - 1]


def summarize(timings, ok=(200,)):
    """Latency figures of one set from ``timings``: URL -> list of
    ``(milliseconds, status)``, in the order the URL was requested. A status
    not in ``ok`` is an error."""
    every = [ms for runs in timings.values() for ms, _ in runs]
    firsts = [runs[0][0] for runs in timings.values() if runs]
    urls = {
        url: {
            "p50_ms": round(statistics.median(ms for ms, _ in runs), 1),
            "max_ms": round(max(ms for ms, _ in runs), 1),
            "statuses": sorted({status for _, status in runs}),
        }
        for url, runs in timings.items()
        if runs
    }
    errors = sum(
        1 for runs in timings.values() for _, status in runs if status not in ok
    )
    if not every:
        return {"requests": 0, "errors": errors, "urls": urls}
    return {
        "requests": len(every),
        "errors": errors,
        "p50_ms": round(percentile(every, 50), 1),
        "p90_ms": round(percentile(every, 90), 1),
        "p99_ms": round(percentile(every, 99), 1),
        "first_p50_ms": round(percentile(firsts, 50), 1),
        "urls": urls,
    }


def request_all(base, requests, repeats, connections, cookie=None, seed=20):
    """Send each of ``requests`` ``repeats`` times: round by round, each round
    in its own shuffled order, from ``connections`` threads with a connection
    each. A request is a path (a GET) or ``(path, body)`` (a POST of that
    body as text/plain, as ``navigator.sendBeacon`` sends a string).

    Returns request -> list of (milliseconds, status) in request order; a
    request the server did not answer (connection reset or closed) counts
    with status 0."""
    rng = random.Random(seed)  # noqa: S311 - an order of requests, not a secret
    work = queue.Queue()
    for _ in range(repeats):
        order = list(requests)
        rng.shuffle(order)
        for request in order:
            work.put(request)
    host = urlsplit(base)
    headers = {"Cookie": cookie} if cookie else {}
    timings = {request: [] for request in requests}
    lock = threading.Lock()

    def client():
        # One connection per thread; http.client opens it again whenever
        # gunicorn closes it after a response.
        connection = HTTPConnection(host.hostname, host.port, timeout=60)
        try:
            while True:
                try:
                    request = work.get_nowait()
                except queue.Empty:
                    return
                if isinstance(request, tuple):
                    path, body = request
                    method = "POST"
                    sent = {**headers, "Content-Type": "text/plain;charset=UTF-8"}
                else:
                    path, body, method, sent = request, None, "GET", headers
                started = time.perf_counter()
                try:
                    connection.request(method, path, body=body, headers=sent)
                    response = connection.getresponse()
                    response.read()
                    status = response.status
                except (ConnectionError, TimeoutError):
                    connection.close()
                    status = 0
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    timings[request].append((elapsed, status))
        finally:
            connection.close()

    threads = [threading.Thread(target=client) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return timings


def sql_of(path, cookie):
    """The SQL one request of ``path`` runs, in-process, after a first request
    has loaded the code: how many queries, their total time and the slowest."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    headers = {"HTTP_COOKIE": cookie} if cookie else {}
    Client().get(path, **headers)
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        status = Client().get(path, **headers).status_code
        elapsed = (time.perf_counter() - started) * 1000
    times = [float(query["time"]) * 1000 for query in captured]
    worst = max(captured, key=lambda query: float(query["time"]), default=None)
    return {
        "status": status,
        "in_process_ms": round(elapsed, 1),
        "queries": len(times),
        "sql_ms": round(sum(times), 1),
        "slowest_sql_ms": round(max(times, default=0), 1),
        "slowest_sql": worst["sql"][:2000] if worst else "",
    }


def postgres_url(what, make_target):
    """The configured PostgreSQL database: DATABASE_URL, or inside the
    reference stack the one its Django processes use."""
    url = os.environ.get("DATABASE_URL", "")
    env_file = os.environ.get("STACK_ENV_FILE")
    if not url and env_file:
        for line in Path(env_file).read_text().splitlines():
            key, _, value = line.partition("=")
            if key == "DATABASE_URL":
                url = value
    if not url.startswith(("postgres://", "postgresql://")):
        fail(
            f"the {what} budgets are for PostgreSQL: set DATABASE_URL to one "
            f"(db=$(bash scripts/postgres.sh start)) or run `make {make_target}`"
        )
    return url


def fresh_database(url, suffix):
    """An empty database ``<name>_<suffix>`` beside ``url``'s; its URL."""
    name = f"{urlsplit(url).path.lstrip('/')}_{suffix}"
    postgres_statements(
        url,
        f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
        f'CREATE DATABASE "{name}"',
    )
    return with_database(url, name)


def drop_database(url):
    name = urlsplit(url).path.lstrip("/")
    postgres_statements(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def write_results(result, name):
    """``result`` as bench/results/<time>-<name>.json; returns the path."""
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    path = RESULTS_DIR / f"{stamp}-{name}.json"
    path.write_text(json.dumps(result, indent=2) + "\n")
    return path
