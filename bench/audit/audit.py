#!/usr/bin/env python
"""`make audit`: Lighthouse, the Nu HTML Checker and axe-core on six pages
of the reference stack (production settings, nginx -> Varnish -> gunicorn,
fresh demo content), on a phone and a desktop.

Runs inside the stack (`make audit` runs deploy/stack.py --fresh --
bench/audit/audit.py on its own ports), with STACK_URL set. The tools come
from this folder's package.json (`npm ci` into bench/audit/node_modules when
missing) and Debian (Java for the Nu HTML Checker, installed when missing);
the browser is Debian's Chromium at /usr/bin/chromium (`make browser`),
driven by Lighthouse and, for axe-core, by Playwright.

Prints one row per page and device: Lighthouse's four scores, the bytes
transferred, the Nu HTML Checker's errors and axe-core's violations, then
what each error and violation is. Everything goes to
bench/results/<time>-audit.json. Exits 1 when a page does not answer 200.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
BASE_DIR = HERE.parent.parent
RESULTS = BASE_DIR / "bench" / "results"
MODULES = HERE / "node_modules"
LIGHTHOUSE = MODULES / ".bin" / "lighthouse"
VNU_JAR = MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = MODULES / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
# The article with callouts (bench/stack.py measures the same one).
ARTICLE_PATH = "/articles/dead-bug-bird-dog-pallof-press/"
SEARCH_PATH = "/search/?q=back+pain"
BASKET_PATH = "/shop/basket/"
# Playwright's viewports for Lighthouse's two form factors.
VIEWPORTS = {
    "mobile": {"viewport": {"width": 412, "height": 823}, "is_mobile": True},
    "desktop": {"viewport": {"width": 1350, "height": 940}},
}


def say(message):
    print(message, file=sys.stderr, flush=True)


def ensure_tools():
    """npm packages from package-lock.json, and Java for vnu.jar."""
    if not (LIGHTHOUSE.exists() and VNU_JAR.exists() and AXE.exists()):
        if not shutil.which("npm"):
            apt_install("nodejs", "npm")
        say("audit: installing Lighthouse, vnu-jar and axe-core (npm ci)")
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=HERE,
            check=True,
        )
    if not shutil.which("java"):
        apt_install("default-jre-headless")


def apt_install(*packages):
    say(f"audit: installing {', '.join(packages)} (apt-get)")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run([*sudo, "apt-get", "update", "-q"], check=True, env=env)
    subprocess.run(
        [*sudo, "apt-get", "install", "-y", "-q", "--no-install-recommends", *packages],
        check=True,
        env=env,
    )


def fetch(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status, response.read().decode()


def find_pages(base):
    """The six pages: home, an article with callouts, a category (the first
    in the navigation), a product (the category's first), basket, search."""
    _, home = fetch(base + "/")
    category = re.search(r'href="(/shop/catalogue/category/[^"]+)"', home).group(1)
    _, listing = fetch(base + category)
    product = re.search(r'href="(/shop/catalogue/[\w-]+_\d+/)"', listing).group(1)
    return {
        "home": "/",
        "article": ARTICLE_PATH,
        "category": category,
        "product": product,
        "basket": BASKET_PATH,
        "search": SEARCH_PATH,
    }


LIGHTHOUSE_ATTEMPTS = 2


def lighthouse(url, device, folder):
    """Lighthouse's four category scores and the bytes transferred."""
    report = Path(folder) / f"lighthouse-{device}-{abs(hash(url))}.json"
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={' '.join(CHROMIUM_FLAGS)}",
    ]
    if device == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    # Lighthouse sometimes loses the page load's trace (NO_NAVSTART) on a
    # busy machine and asks to be run again: one more try, then the error.
    for attempt in range(LIGHTHOUSE_ATTEMPTS):
        finished = subprocess.run(command, check=False, env=env, timeout=300)
        if finished.returncode == 0:
            break
        print(f"audit: Lighthouse failed on {url} ({device}), attempt {attempt + 1}")
    finished.check_returncode()
    result = json.loads(report.read_text())
    scores = {
        name: round(result["categories"][name]["score"] * 100) for name in CATEGORIES
    }
    failed = sorted(
        audit_id
        for name in CATEGORIES
        for ref in result["categories"][name]["auditRefs"]
        if ref["weight"]
        and (audit_id := ref["id"])
        and (score := result["audits"][audit_id]["score"]) is not None
        and score < 1
    )
    weight = result["audits"]["total-byte-weight"]["numericValue"]
    return {"scores": scores, "bytes": round(weight), "failed_audits": failed}


def nu_html_checker(base, pages, folder):
    """The Nu HTML Checker's errors for each page, by page name."""
    files = {}
    for name, path in pages.items():
        _, html = fetch(base + path)
        files[name] = Path(folder) / f"{name}.html"
        files[name].write_text(html)
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU_JAR),
            "--format",
            "json",
            "--exit-zero-always",
            *map(str, files.values()),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    messages = json.loads(result.stderr)["messages"]
    by_file = {f"file:{path}": name for name, path in files.items()}
    errors = {name: [] for name in pages}
    for message in messages:
        if message.get("type") == "error":
            name = by_file.get(message.get("url"), "")
            errors.setdefault(name, []).append(
                f"line {message.get('lastLine')}: {message['message']}"
            )
    return errors


def axe(base, pages, device):
    """axe-core's violations for each page, by page name."""
    violations = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_FLAGS[1:]
        )
        # axe is injected as an inline script, which the site's policy
        # (rightly) refuses: only for this audit's own browser.
        context = browser.new_context(bypass_csp=True, **VIEWPORTS[device])
        page = context.new_page()
        for name, path in pages.items():
            page.goto(base + path, wait_until="load")
            page.add_script_tag(path=str(AXE))
            found = page.evaluate("async () => (await axe.run()).violations")
            violations[name] = [
                f"{v['id']} ({v['impact']}, {len(v['nodes'])}x): {v['help']}"
                for v in found
            ]
        browser.close()
    return violations


def main():
    base = os.environ.get("STACK_URL")
    if not base:
        say("audit: STACK_URL is not set; run `make audit`.")
        return 1
    ensure_tools()
    pages = find_pages(base)
    for name, path in pages.items():
        status, _ = fetch(base + path)
        if status != 200:
            say(f"audit: {name} ({path}) answered {status}")
            return 1
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        html_errors = nu_html_checker(base, pages, folder)
        for device in VIEWPORTS:
            violations = axe(base, pages, device)
            for name, path in pages.items():
                say(f"audit: Lighthouse, {name}, {device}")
                rows.append(
                    {
                        "page": name,
                        "path": path,
                        "device": device,
                        **lighthouse(base + path, device, folder),
                        "html_errors": html_errors.get(name, []),
                        "axe_violations": violations[name],
                    }
                )
    print_table(rows)
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"{time.strftime('%Y%m%d-%H%M%S')}-audit.json"
    out.write_text(json.dumps({"url": base, "pages": pages, "rows": rows}, indent=2))
    say(f"audit: results in {out.relative_to(BASE_DIR)}")
    return 0


def print_table(rows):
    header = ["page", "device", "perf", "a11y", "b.p.", "seo", "KB", "html", "axe"]
    print(" | ".join(header))
    print(" | ".join("---" for _ in header))
    for row in rows:
        scores = row["scores"]
        print(
            " | ".join(
                str(value)
                for value in (
                    row["page"],
                    row["device"],
                    *(scores[name] for name in CATEGORIES),
                    round(row["bytes"] / 1024),
                    len(row["html_errors"]),
                    len(row["axe_violations"]),
                )
            )
        )
    print()
    for row in rows:
        problems = row["html_errors"] * (row["device"] == "mobile")
        problems += row["axe_violations"]
        problems += [f"lighthouse: {audit}" for audit in row["failed_audits"]]
        if problems:
            print(f"{row['page']} ({row['device']}, {row['path']}):")
            for problem in problems:
                print(f"  - {problem}")


if __name__ == "__main__":
    sys.exit(main())
