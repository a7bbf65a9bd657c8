#!/usr/bin/env python
"""`make bench` (first part): the reference stack's HTTP cache against the
same article rendered by gunicorn, measured in the same run.

Runs inside the stack (`make bench` runs deploy/stack.py --fresh --
bench/stack.py, on its own ports and folder, with fresh demo content),
checks the three-callout article answers 200 through nginx and is a Varnish
HIT, then runs wrk in interleaved rounds against
- the article through nginx -> Varnish (cached), and
- the article straight from one gunicorn (rendered every time),
and reports the median requests per second of each, their ratio and the
non-2xx count. Exits 1 when the cached article serves less than
CACHED_ARTICLE_MIN_RATIO times the rendered one, or any answer failed.
Results: bench/results/<time>-stack.json.
"""

import argparse
import json
import os
import statistics
import sys
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from bench.run import ensure_wrk, fail, run_wrk  # noqa: E402

ARTICLE_PATH = "/articles/dead-bug-bird-dog-pallof-press/"
CACHED_ARTICLE_MIN_RATIO = 10


def get(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status, response.headers.get("X-Cache", "")


def measure(args):
    cached = os.environ["STACK_URL"] + ARTICLE_PATH
    rendered = os.environ["STACK_GUNICORN_URLS"].split(",")[0] + ARTICLE_PATH
    for url in (cached, rendered):
        status, _ = get(url)
        if status != 200:
            fail(f"{url} answered {status}, not 200")
    if get(cached)[1] != "HIT":
        fail(f"{cached} is not a Varnish HIT on the second request")
    runs = {"cached": [], "rendered": []}
    for round_number in range(args.rounds):
        order = ["cached", "rendered"]
        if round_number % 2:
            order.reverse()
        for name in order:
            url = cached if name == "cached" else rendered
            result = run_wrk(url, args.duration, args.connections)
            runs[name].append(result)
            print(
                f"round {round_number + 1} {name:8} {result['rps']:9.1f} req/s "
                f"p50 {result['p50_ms']} ms non-2xx {result['non_2xx']} "
                f"{result['socket_errors']}",
                flush=True,
            )
    medians = {
        name: statistics.median(r["rps"] for r in rs) for name, rs in runs.items()
    }
    errors = sum(r["non_2xx"] for rs in runs.values() for r in rs)
    return runs, medians, errors


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if "STACK_URL" not in os.environ:
        fail("run it inside the stack: make bench")
    ensure_wrk()
    runs, medians, errors = measure(args)
    ratio = medians["cached"] / medians["rendered"]
    print(
        f"\ncached article (nginx -> Varnish): {medians['cached']:.1f} req/s\n"
        f"rendered article (gunicorn):       {medians['rendered']:.1f} req/s\n"
        f"ratio {ratio:.1f}x (target >= {CACHED_ARTICLE_MIN_RATIO}x), "
        f"non-2xx {errors}"
    )
    results = BASE_DIR / "bench" / "results"
    results.mkdir(exist_ok=True)
    out = results / f"{time.strftime('%Y%m%d-%H%M%S')}-stack.json"
    out.write_text(
        json.dumps(
            {"runs": runs, "medians": medians, "ratio": ratio, "non_2xx": errors},
            indent=2,
        )
    )
    print(f"results: {out}")
    if errors or ratio < CACHED_ARTICLE_MIN_RATIO:
        sys.exit(1)


if __name__ == "__main__":
    main()
