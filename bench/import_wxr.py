#!/usr/bin/env python
"""`make bench-import`: a WordPress export of --posts posts (default 1,000),
written for this benchmark, imported by `manage.py import_articles` into a
fresh SQLite database with the demo catalogue; the target is under two
minutes on this machine. Prints the wall time and writes
bench/results/import-<time>.json."""

import argparse
import datetime as dt
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 120
WORDS = """core back spine muscle posture desk habit breath stretch walk rest
    heat cold roller mat ball band disc hip knee shoulder neck strength
    balance slow control hold gentle daily morning evening chair screen""".split()  # noqa: SIM905
PRODUCTS = [
    ("Textured Foam Roller, 33 cm", "5060001000011"),
    ("Cushioned Exercise Mat, 10 mm", "5060001000103"),
    ("Electric Heat Pad for the Lower Back", "5060001000165"),
]


def sentence(rng):
    words = rng.sample(WORDS, rng.randint(8, 14))
    return " ".join(words).capitalize() + "."


def post(number, rng):
    paragraphs = []
    for section in range(4):
        paragraphs.append(f"<h2>Section {section + 1} of post {number}</h2>")
        for _ in range(3):
            paragraphs.append(" ".join(sentence(rng) for _ in range(4)))
        paragraphs.append("A foam roller or an exercise mat helps here.")
    paragraphs.insert(3, f'[product id="{900 + number % 3}"]')
    paragraphs.insert(
        8, '<!-- wp:woocommerce/handpicked-products {"products":[900,901]} /-->'
    )
    content = "\n\n".join(paragraphs)
    return f"""<item>
<title>Benchmark post {number}</title>
<dc:creator>writer</dc:creator>
<guid isPermaLink="false">https://old.example/?p={number}</guid>
<content:encoded><![CDATA[{content}]]></content:encoded>
<excerpt:encoded><![CDATA[{escape(sentence(rng))}]]></excerpt:encoded>
<wp:post_id>{number}</wp:post_id>
<wp:post_date>2024-01-01 10:00:00</wp:post_date>
<wp:post_name>benchmark-post-{number}</wp:post_name>
<wp:status>publish</wp:status>
<wp:post_type>post</wp:post_type>
<category domain="category" nicename="exercise"><![CDATA[Exercise]]></category>
<category domain="post_tag" nicename="core"><![CDATA[core]]></category>
</item>"""


def product_item(position, title, sku):
    return f"""<item><title>{escape(title)}</title>
<wp:post_id>{900 + position}</wp:post_id>
<wp:post_name>product-{position}</wp:post_name><wp:status>publish</wp:status>
<wp:post_type>product</wp:post_type><wp:postmeta><wp:meta_key>_sku</wp:meta_key>
<wp:meta_value>{sku}</wp:meta_value></wp:postmeta></item>"""


def export(posts, seed=18):
    rng = random.Random(seed)
    items = [product_item(i, title, sku) for i, (title, sku) in enumerate(PRODUCTS)]
    items += [post(number, rng) for number in range(1, posts + 1)]
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Benchmark export</title>
<wp:author><wp:author_login>writer</wp:author_login>
<wp:author_display_name>Bench Writer</wp:author_display_name></wp:author>
{chr(10).join(items)}
</channel></rss>"""


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=1000)
    args = parser.parse_args()
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="bench-import-") as folder:
        folder = Path(folder)
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
            "DJANGO_SETTINGS_MODULE": "site_project.settings.dev",
            "MEDIA_ROOT": str(folder / "media"),
        }
        print("Preparing a database with the demo catalogue...", flush=True)
        for command in (["migrate", "--noinput", "-v0"], ["load_demo"]):
            subprocess.run(
                [python, "manage.py", *command],
                cwd=ROOT,
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
            )
        source = folder / "export.xml"
        source.write_text(export(args.posts))
        print(
            f"Importing {args.posts} posts ({source.stat().st_size:,} bytes)...",
            flush=True,
        )
        started = time.perf_counter()
        result = subprocess.run(
            [python, "manage.py", "import_articles", str(source), "--json"],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.PIPE,
        )
        seconds = time.perf_counter() - started
    reports = json.loads(result.stdout)
    imported = sum(1 for r in reports if r["page_id"])
    callouts = sum(
        1
        for r in reports
        for b in r["blocks"]
        if b["type"].endswith(("callout", "grid"))
    )
    suggestions = sum(len(r["suggestions"]) for r in reports)
    met = seconds < TARGET_SECONDS and imported == args.posts
    summary = {
        "posts": args.posts,
        "imported": imported,
        "callouts": callouts,
        "suggestions": suggestions,
        "seconds": round(seconds, 1),
        "posts_per_second": round(imported / seconds, 1),
        "target_seconds": TARGET_SECONDS,
        "met": met,
    }
    print(json.dumps(summary, indent=2))
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    (results / f"import-{stamp}.json").write_text(json.dumps(summary, indent=2))
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
