#!/usr/bin/env python
"""`make test-scaleout`: two gunicorn instances on one PostgreSQL and one Redis.

Shows that nothing lives in a web process:
1. a basket started on instance A is in the mini-basket served by B;
2. an article stored in the shared page cache by B is invalidated when a
   catalogue manager changes a product's price through A's dashboard, so
   B's next visitor sees the new price;
3. a password reset asked for on A is answered without sending mail, and a
   separate task worker process (`manage.py db_worker`) delivers it.

Needs DATABASE_URL (PostgreSQL) and REDIS_URL; `make test-scaleout` starts
both on loopback with scripts/postgres.sh and scripts/redis.sh. Exits 1 with
the failed check on stderr.
"""

import http.cookies
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import fail, server_environment, setup_django  # noqa: E402
from bench.server import ServerError, gunicorn  # noqa: E402

NO_REDIRECT = type(
    "NoRedirect",
    (urllib.request.HTTPRedirectHandler,),
    {"redirect_request": lambda *args, **kwargs: None},
)


class Browser:
    """A visitor with its own cookies, whichever instance it talks to (one
    hostname in front of both, as behind a load balancer). Cookies are kept
    by hand because production marks them Secure and this runs over http."""

    def __init__(self):
        self.cookies = {}
        self.opener = urllib.request.build_opener(NO_REDIRECT)

    def request(self, url, data=None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data else None
        request = urllib.request.Request(url, data=body)
        if self.cookies:
            request.add_header(
                "Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            )
        try:
            response = self.opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:
            response = error
        with response:
            self.remember(response.headers.get_all("Set-Cookie") or [])
            return response.status, response.headers, response.read().decode()

    def remember(self, set_cookies):
        for header in set_cookies:
            morsel = http.cookies.SimpleCookie(header)
            for name, value in morsel.items():
                if value["max-age"] == "0" or not value.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = value.value


class FormFields(HTMLParser):
    """The fields a browser would submit from the page's multipart form."""

    def __init__(self):
        super().__init__()
        self.fields, self.in_form, self.select, self.textarea = [], False, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("enctype") == "multipart/form-data":
            self.in_form = True
        if not self.in_form or not attrs.get("name") and tag != "option":
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.fields.append((attrs["name"], attrs.get("value", "on")))
            elif kind not in ("submit", "button", "file", "image", "reset"):
                self.fields.append((attrs["name"], attrs.get("value", "")))
        elif tag == "select":
            self.select = {"name": attrs["name"], "first": None, "chosen": []}
        elif tag == "option" and self.select is not None:
            value = attrs.get("value", "")
            if self.select["first"] is None:
                self.select["first"] = value
            if "selected" in attrs:
                self.select["chosen"].append(value)
        elif tag == "textarea":
            self.textarea = [attrs["name"], ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "select" and self.select is not None:
            chosen = self.select["chosen"] or [self.select["first"] or ""]
            self.fields += [(self.select["name"], value) for value in chosen]
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.fields.append((self.textarea[0], self.textarea[1].lstrip("\n")))
            self.textarea = None


PASSED_CHECKS = []


def check(condition, message):
    if not condition:
        fail(f"FAILED: {message}")
    PASSED_CHECKS.append(message)
    print(f"  ok: {message}", flush=True)


def csrf_token(html):
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if not match:
        fail("no CSRF token in the page")
    return match.group(1)


def mini_basket_count(html):
    match = re.search(r"data-mini-basket-count>\s*(\d+)\s*<", html)
    if not match:
        fail("the page has no mini-basket")
    return int(match.group(1))


def featured_article_and_product():
    """A live article with a product callout, and that product."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page, ReferenceIndex

    from blog.models import ArticlePage
    from shop.catalogue.models import Product

    for reference in ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        to_content_type=ContentType.objects.get_for_model(Product),
    ).order_by("id"):
        article = ArticlePage.objects.live().filter(pk=reference.object_id).first()
        product = Product.objects.filter(pk=reference.to_object_id).first()
        if article and product and product.stockrecords.exists():
            return article, product
    fail("no live article features a product: did load_demo run?")


def staff_cookie():
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    password = secrets.token_urlsafe(24)
    user = get_user_model().objects.create_superuser(
        "scaleout-admin", "scaleout@backbone.invalid", password
    )
    client = Client()
    client.force_login(user)
    return settings.SESSION_COOKIE_NAME, client.cookies[settings.SESSION_COOKIE_NAME]


def check_mail_goes_through_the_worker(base, env, mail_dir):
    """A reset asked for on ``base`` is queued; a worker process sends it."""
    from django_tasks_db.models import DBTaskResult

    visitor = Browser()
    _, _, html = visitor.request(base + "/shop/password-reset/")
    status, headers, _ = visitor.request(
        base + "/shop/password-reset/",
        {"csrfmiddlewaretoken": csrf_token(html), "email": "scaleout@backbone.invalid"},
    )
    check(status == 302, f"A accepts the password reset (answered {status})")
    queued = DBTaskResult.objects.filter(
        task_path="site_project.email.deliver_email", status="READY"
    )
    check(queued.count() == 1, "the reset email waits in the task queue")
    check(not mail_dir.exists(), "the web process sent no mail itself")
    subprocess.run(  # nosec B603 (fixed argv, no shell)
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--batch",
            "--no-startup-delay",
            "--verbosity=0",
        ],
        cwd=Path(__file__).resolve().parent.parent,
        env={**os.environ, **env},
        check=True,
        timeout=120,
    )
    sent = [path.read_text() for path in mail_dir.glob("*.log")]
    check(
        len(sent) == 1 and "/shop/password-reset/" in sent[0],
        "the task worker process delivered the reset email with its link",
    )


def main():
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith(("postgres://", "postgresql://")):
        fail("DATABASE_URL must point to PostgreSQL (make test-scaleout starts one).")
    if not os.environ.get("REDIS_URL"):
        fail("REDIS_URL is not set (make test-scaleout starts Redis).")
    work = Path(tempfile.mkdtemp(prefix="backbone-scaleout-"))
    env = server_environment(database_url, work)
    env["BENCH_EMAIL_FILE_PATH"] = str(work / "mail")
    setup_django(env)
    from django.core.cache import cache
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_demo", verbosity=0)
    # The production task worker's part: the reference index of the pages
    # just published (which articles feature which product) is built by
    # queued tasks.
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
    cache.clear()
    article, product = featured_article_and_product()
    stockrecord = product.stockrecords.order_by("pk").first()
    session_name, session_cookie = staff_cookie()
    print(f"scale-out: article {article.url}, product {product.pk}", flush=True)

    with (
        gunicorn(env, 2, page_cache=True) as (a, _),
        gunicorn(env, 2, page_cache=True) as (b, _),
    ):
        print(f"  instance A {a}, instance B {b}", flush=True)
        shopper = Browser()
        status, _, html = shopper.request(a + article.url)
        check(status == 200, "A serves the article")
        status, headers, _ = shopper.request(
            f"{a}/shop/basket/add/{product.pk}/",
            {
                "csrfmiddlewaretoken": csrf_token(html),
                "quantity": "2",
                "next": article.url,
            },
        )
        check(status == 302, f"A adds to the basket (answered {status})")
        check("oscar_open_basket" in shopper.cookies, "A set a basket cookie")
        status, _, html = shopper.request(b + article.url)
        check(mini_basket_count(html) == 2, "B's page shows the basket started on A")
        status, _, html = shopper.request(b + "/shop/basket/")
        check(product.title in html, "B's basket page lists the product added on A")

        reader = Browser()
        reader.request(b + article.url)
        _, headers, _ = Browser().request(b + article.url)
        check(headers.get("X-Page-Cache") == "hit", "B serves the article from Redis")

        new_price = (stockrecord.price - Decimal("1.11")).quantize(Decimal("0.01"))
        manager = Browser()
        manager.cookies[session_name] = session_cookie.value
        edit_url = f"{a}/shop/dashboard/catalogue/products/{product.pk}/"
        status, _, html = manager.request(edit_url)
        check(status == 200, f"A's dashboard opens the product form ({status})")
        parser = FormFields()
        parser.feed(html)
        fields = [
            (
                name,
                str(new_price) if re.search(r"stockrecords-0-price$", name) else value,
            )
            for name, value in parser.fields
        ]
        check(
            any(name.endswith("stockrecords-0-price") for name, _ in fields),
            "the dashboard form has the stock record's price",
        )
        status, _, html = manager.request(edit_url, fields)
        check(status == 302, f"A's dashboard saves the new price (answered {status})")
        stockrecord.refresh_from_db()
        check(stockrecord.price == new_price, f"the price is now {new_price}")

        time.sleep(0.2)
        _, headers, html = Browser().request(b + article.url)
        check(
            headers.get("X-Page-Cache") == "miss",
            "B's stored article was invalidated by the change made on A",
        )
        check(f"{new_price}" in html, f"B's article shows the new price {new_price}")

        check_mail_goes_through_the_worker(a, env, work / "mail")
    shutil.rmtree(work, ignore_errors=True)
    print(f"scaleout: {len(PASSED_CHECKS)} passed, 0 failed")


if __name__ == "__main__":
    try:
        main()
    except ServerError as error:
        fail(str(error))
