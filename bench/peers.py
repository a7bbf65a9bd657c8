#!/usr/bin/env python
"""`make bench-peers`: this site's rendered pages beside its two peers.

Wagtail's demo (wagtail/bakerydemo) for article pages and django-oscar's
sandbox for shop pages, set up in PEERS_DIR (--peers-dir, default
/work/peers) as ../shared/peers/README.md says:

    PEERS_DIR/bakerydemo, PEERS_DIR/venv-bakery
    PEERS_DIR/oscar, PEERS_DIR/venv-oscar
    PEERS_DIR/oscar-fair/oscar_fair_settings.py   the sandbox's settings made
        fair (cached template loader, this project's SQLite settings, no
        spelling suggestions); it reads the database path from
        OSCAR_FAIR_DATABASE.

One run:
1. makes a fresh SQLite database in a temporary folder, migrates it and
   loads the demo data (bench/run.py's helpers);
2. starts three gunicorns (--workers each, DEBUG off): this site with
   bench/settings.py and no page cache, bakerydemo with its production
   settings, the Oscar sandbox with the fair settings on a copy of its
   database made for this run;
3. checks that every page answers 200 itself (not a redirect), warms each
   page up, then measures each pair of pages with wrk in --rounds rounds:
   each round takes the pairs in a rotated order and alternates which side
   of a pair goes first, so a noisy minute of this shared machine falls on
   both sides;
4. reports the median req/s of each page, the ratio of each pair and the
   non-2xx answers (a page with errors has no figure), writes
   bench/results/<time>-peers.json and exits 1 when a target of issue 18 is
   missed.
"""

import argparse
import contextlib
import datetime as dt
import json
import os
import re
import secrets
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from bench import run, server  # noqa: E402

DEFAULT_PEERS_DIR = "/work/peers"
# A demo article with exactly three callouts (two product callouts and a
# product grid).
ARTICLE_SLUG = "dead-bug-bird-dog-pallof-press"
ARTICLE_CALLOUTS = 3


@dataclass(frozen=True)
class Pair:
    """A page of this site, the peer page it is measured against, and the
    least ratio (this site's req/s over the peer's) issue 18 asks for."""

    name: str
    page: str
    peer: str
    peer_path: str
    target: float | None = None


PAIRS = (
    Pair(
        "article, 3 callouts", "article", "bakerydemo", "/blog/icelandic-baking/", 1.0
    ),
    Pair("product", "product", "oscar", "/en-gb/catalogue/neuromancer_13/", 1.0),
    Pair("category", "category", "oscar", "/en-gb/catalogue/category/clothing_1/", 5.0),
    Pair("search", "search", "bakerydemo", "/search/?q=bread"),
    Pair("home", "home", "bakerydemo", "/"),
    Pair("article index", "articles", "bakerydemo", "/blog/"),
)


@dataclass(frozen=True)
class Peer:
    """Another project's gunicorn: its folder, virtualenv and environment."""

    name: str
    repository: Path
    folder: Path
    venv: Path
    app: str
    env: dict
    ready_path: str


def clean_environment():
    """What a peer's gunicorn inherits: none of this site's settings."""
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR")
    return {name: os.environ[name] for name in keep if name in os.environ}


def copy_sqlite(source, target):
    """A consistent copy of a SQLite database (its backup API)."""
    with (
        contextlib.closing(sqlite3.connect(source)) as original,
        contextlib.closing(sqlite3.connect(target)) as copy,
    ):
        original.backup(copy)


def prepare_peers(peers_dir, work):
    """The two peers, checked to be set up; the sandbox's database is copied
    into ``work`` so the run neither reads nor writes the one it was built
    in (Oscar records analytics on every product view)."""
    bakerydemo = peers_dir / "bakerydemo"
    oscar = peers_dir / "oscar"
    fair = peers_dir / "oscar-fair"
    needed = {
        bakerydemo / "manage.py": "the bakerydemo clone",
        bakerydemo / "bakerydemodb": "bakerydemo's database (load_initial_data)",
        peers_dir / "venv-bakery" / "bin" / "gunicorn": "bakerydemo's virtualenv",
        oscar / "sandbox" / "db.sqlite": "the Oscar sandbox's database",
        peers_dir / "venv-oscar" / "bin" / "gunicorn": "Oscar's virtualenv",
        fair / "oscar_fair_settings.py": "the sandbox's fair settings",
    }
    missing = [f"{what} ({path})" for path, what in needed.items() if not path.exists()]
    if missing:
        run.fail(
            "the peers are not set up in "
            f"{peers_dir}: missing {'; '.join(missing)}. Set them up as "
            "../shared/peers/README.md says (PEERS_DIR or --peers-dir to look "
            "elsewhere)."
        )
    oscar_database = work / "oscar.sqlite3"
    copy_sqlite(oscar / "sandbox" / "db.sqlite", oscar_database)
    return {
        "bakerydemo": Peer(
            name="bakerydemo",
            repository=bakerydemo,
            folder=bakerydemo,
            venv=peers_dir / "venv-bakery",
            app="bakerydemo.wsgi",
            env={
                "DJANGO_SETTINGS_MODULE": "bakerydemo.settings.production",
                "DEBUG": "False",
                "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
                "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
                "SECURE_SSL_REDIRECT": "False",
                "SECURE_HSTS_SECONDS": "0",
            },
            ready_path="/",
        ),
        "oscar": Peer(
            name="oscar",
            repository=oscar,
            folder=oscar / "sandbox",
            venv=peers_dir / "venv-oscar",
            app="wsgi",
            env={
                "DJANGO_SETTINGS_MODULE": "oscar_fair_settings",
                "PYTHONPATH": str(fair),
                "OSCAR_FAIR_DATABASE": str(oscar_database),
                "DEBUG": "False",
                "SECRET_KEY": secrets.token_urlsafe(50),
                "ALLOWED_HOSTS": "127.0.0.1,localhost",
            },
            ready_path="/en-gb/",
        ),
    }


def git_commit(folder):
    def git(*args):
        return subprocess.run(
            ["git", "-C", str(folder), *args],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()

    return {
        "commit": git("rev-parse", "HEAD"),
        "changed": bool(git("status", "--short", "--untracked-files=no")),
    }


def site_pages(article_slug):
    """This site's side of each pair: bench/run.py's pages (home, category,
    product, search), the article index and the three-callout article."""
    from blog.models import ArticlePage

    pages, _ = run.pick_pages()
    article = ArticlePage.objects.live().public().filter(slug=article_slug).first()
    if article is None:
        run.fail(f"no live article {article_slug!r} in the demo data")
    callouts = run.callout_count(article)
    if callouts != ARTICLE_CALLOUTS:
        run.fail(
            f"article {article_slug!r} has {callouts} callouts, not "
            f"{ARTICLE_CALLOUTS}: pick another with --article-slug"
        )
    pages["article"] = article.url
    pages["articles"] = "/articles/"
    return {pair.page: pages[pair.page] for pair in PAIRS}


def errors_of(runs):
    """Non-2xx answers and timed-out requests over every run of a page."""
    timeouts = sum(
        int(match.group(1))
        for each in runs
        for match in [re.search(r"timeout (\d+)", each["socket_errors"])]
        if match
    )
    return sum(each["non_2xx"] for each in runs) + timeouts


def summary(url, runs):
    return {
        "url": url,
        "median_rps": round(statistics.median(each["rps"] for each in runs), 1),
        "median_p50_ms": round(statistics.median(each["p50_ms"] for each in runs), 2),
        "errors": errors_of(runs),
        "rounds": runs,
    }


def measure(sides, args):
    """wrk on both pages of every pair, in rounds; ``sides`` maps each pair's
    name to its two (label, URL) sides."""
    runs = {(pair.name, label): [] for pair in PAIRS for label, _ in sides[pair.name]}
    for number in range(args.rounds):
        print(f"  round {number + 1} of {args.rounds}", flush=True)
        shift = number % len(PAIRS)
        for pair in PAIRS[shift:] + PAIRS[:shift]:
            order = sides[pair.name] if number % 2 == 0 else sides[pair.name][::-1]
            for label, url in order:
                result = run.run_wrk(url, args.duration, args.connections)
                runs[pair.name, label].append(result)
                print(
                    f"    {pair.name:<20} {label:<11} {result['rps']:>8.1f} req/s"
                    f"  p50 {result['p50_ms']:>7.2f} ms  non-2xx {result['non_2xx']}",
                    flush=True,
                )
    return runs


def compare(sides, runs):
    """Each pair's medians, ratio and target."""
    results = []
    for pair in PAIRS:
        (_, site_url), (_, peer_url) = sides[pair.name]
        site = summary(site_url, runs[pair.name, "site"])
        peer = summary(peer_url, runs[pair.name, pair.peer])
        ratio = None
        if not (site["errors"] or peer["errors"]) and peer["median_rps"]:
            ratio = round(site["median_rps"] / peer["median_rps"], 2)
        met = None
        if pair.target is not None:
            met = ratio is not None and ratio >= pair.target
        # The two sides of a round ran one after the other: their ratio is
        # less moved by the load of the minute than a ratio of medians.
        round_ratios = [
            round(mine["rps"] / theirs["rps"], 2)
            for mine, theirs in zip(site["rounds"], peer["rounds"], strict=True)
            if theirs["rps"]
        ]
        results.append(
            {
                "pair": pair.name,
                "peer": pair.peer,
                "site": site,
                "peer_page": peer,
                "ratio": ratio,
                "round_ratios": round_ratios,
                "median_round_ratio": (
                    statistics.median(round_ratios) if round_ratios else None
                ),
                "target": pair.target,
                "met": met,
            }
        )
    return results


def rps_cell(side):
    errors = f" ({side['errors']} err)" if side["errors"] else ""
    return f"{side['median_rps']:.1f}{errors}"


def print_table(results):
    """Medians and ratio of each pair; "rounds" is the median and range of
    the ratios taken round by round."""
    print(
        f"\n  {'pair':<20}{'this site':>11}{'peer':>26}{'ratio':>8}"
        f"{'rounds':>20}   target"
        f"\n  {'':<20}{'req/s':>11}{'req/s':>26}"
    )
    for each in results:
        ratio = f"{each['ratio']:.2f}x" if each["ratio"] is not None else "-"
        rounds = "-"
        if each["round_ratios"]:
            rounds = (
                f"{each['median_round_ratio']:.2f}x ({min(each['round_ratios']):.2f}"
                f"-{max(each['round_ratios']):.2f})"
            )
        target = ""
        if each["target"] is not None:
            mark = "ok" if each["met"] else "MISS"
            target = f">= {each['target']:.1f}x {mark}"
        peer = f"{each['peer']} {rps_cell(each['peer_page'])}"
        print(
            f"  {each['pair']:<20}{rps_cell(each['site']):>11}{peer:>26}{ratio:>8}"
            f"{rounds:>20}   {target}"
        )
    print("\n  pages:")
    for each in results:
        site, peer = each["site"]["url"], each["peer_page"]["url"]
        print(f"    {each['pair']:<20} {site}  vs  {peer}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--peers-dir",
        type=Path,
        default=Path(os.environ.get("PEERS_DIR", DEFAULT_PEERS_DIR)),
        help="where the peers are set up (default: $PEERS_DIR or /work/peers)",
    )
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--warmup", type=int, default=3, help="seconds of wrk per page, not counted"
    )
    parser.add_argument("--article-slug", default=ARTICLE_SLUG)
    args = parser.parse_args()

    run.ensure_wrk()
    work = Path(tempfile.mkdtemp(prefix="backbone-bench-peers-"))
    peers = prepare_peers(args.peers_dir.resolve(), work)
    database_url = f"sqlite:///{work / 'bench.sqlite3'}"
    env = run.server_environment(database_url, work)
    print(f"bench-peers: this site at {BASE_DIR}, peers in {args.peers_dir}")
    run.setup_django(env)
    try:
        run.load("migrate", interactive=False, verbosity=0)
        run.load("collectstatic", interactive=False, verbosity=0)
        run.load("load_demo", verbosity=0)
        run.run_queued_tasks()
        pages = site_pages(args.article_slug)
        from django.db import connections

        connections.close_all()
        with contextlib.ExitStack() as stack:
            site_base, _ = stack.enter_context(
                server.gunicorn(env, args.workers, log_path=work / "site.log")
            )
            bases = {"site": site_base}
            for peer in peers.values():
                bases[peer.name], _ = stack.enter_context(
                    server.gunicorn(
                        peer.env,
                        args.workers,
                        log_path=work / f"{peer.name}.log",
                        app=peer.app,
                        cwd=peer.folder,
                        executable=peer.venv / "bin" / "gunicorn",
                        ready_path=peer.ready_path,
                        base_environment=clean_environment(),
                    )
                )
            sides = {
                pair.name: [
                    ("site", site_base + pages[pair.page]),
                    (pair.peer, bases[pair.peer] + pair.peer_path),
                ]
                for pair in PAIRS
            }
            for pair in PAIRS:
                for label, url in sides[pair.name]:
                    run.require_ok(url, {label: ""}, [label], None)
            print(f"\n== warming up ({args.warmup} s a page)", flush=True)
            for pair in PAIRS:
                for _, url in sides[pair.name]:
                    run.run_wrk(url, args.warmup, args.connections)
            print(
                f"\n== wrk -t2 -c{args.connections} -d{args.duration}s, "
                f"{args.rounds} rounds",
                flush=True,
            )
            runs = measure(sides, args)
    except BaseException as error:
        print(f"bench-peers: failed; the database and server logs are in {work}")
        if isinstance(error, server.ServerError):
            run.fail(str(error))
        raise
    results = compare(sides, runs)
    print_table(results)
    report = {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "site": git_commit(BASE_DIR),
        "peers": {
            name: {"folder": str(peer.folder), **git_commit(peer.repository)}
            for name, peer in peers.items()
        },
        "cpus": os.cpu_count(),
        "settings": {**vars(args), "peers_dir": str(args.peers_dir)},
        "pairs": results,
    }
    run.RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    path = run.RESULTS_DIR / f"{stamp}-peers.json"
    path.write_text(json.dumps(report, indent=2) + "\n")
    print(f"\nResults: {path.relative_to(BASE_DIR)}")
    shutil.rmtree(work, ignore_errors=True)
    missed = [each["pair"] for each in results if each["met"] is False]
    if missed:
        print(f"bench-peers: target missed: {', '.join(missed)}", file=sys.stderr)
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
