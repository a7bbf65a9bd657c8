"""The reference stack's tests talk HTTP to the stack that `make test-stack`
starts (deploy/stack.py -- pytest -m stack), through nginx, Varnish or one
gunicorn, and change data as staff would: in `manage.py shell` processes
with the stack's own environment, so Oscar's and Wagtail's signals fire in a
real process and the purges they queue go through the real task worker.
"""

import http.cookies
import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent.parent
STACK_VARIABLES = (
    "STACK_URL",
    "STACK_VARNISH_URL",
    "STACK_GUNICORN_URLS",
    "STACK_ENV_FILE",
    "STACK_MAIL_DIR",
    "STACK_DIR",
)
# How long a change may take to reach every page that shows it.
PURGE_SECONDS = 2.0


def read_env_file(path):
    return dict(
        line.split("=", 1) for line in Path(path).read_text().splitlines() if line
    )


@dataclass(frozen=True)
class Stack:
    url: str
    varnish_url: str
    gunicorn_urls: tuple
    django_env: dict
    mail_dir: Path
    directory: Path

    def manage(self, *arguments, env=None, timeout=120):
        """A management command against the stack's database."""
        return subprocess.run(
            [sys.executable, "manage.py", *arguments],
            cwd=BASE_DIR,
            env={**os.environ, **self.django_env, **(env or {})},
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    def shell(self, code):
        """Run ``code`` in `manage.py shell`; it prints one JSON value last."""
        result = self.manage("shell", "--verbosity=0", "--command", code)
        assert result.returncode == 0, f"manage.py shell failed:\n{result.stderr}"
        return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="session")
def stack():
    missing = [name for name in STACK_VARIABLES if not os.environ.get(name)]
    if missing:
        pytest.fail(
            "These tests run against the reference stack, and "
            f"{', '.join(missing)} {'is' if len(missing) == 1 else 'are'} not "
            "set. Run `make test-stack`, which starts the stack "
            "(deploy/stack.py) and sets them."
        )
    return Stack(
        url=os.environ["STACK_URL"],
        varnish_url=os.environ["STACK_VARNISH_URL"],
        gunicorn_urls=tuple(os.environ["STACK_GUNICORN_URLS"].split(",")),
        django_env=read_env_file(os.environ["STACK_ENV_FILE"]),
        mail_dir=Path(os.environ["STACK_MAIL_DIR"]),
        directory=Path(os.environ["STACK_DIR"]),
    )


@dataclass(frozen=True)
class Response:
    status: int
    headers: object
    text: str

    @property
    def cache(self):
        """Varnish's verdict: HIT, MISS or PASS (None: Varnish never saw it)."""
        return self.headers.get("X-Cache")

    def describe(self):
        return (
            f"{self.status}, X-Cache {self.cache}, Cache-Control "
            f"{self.headers.get('Cache-Control')!r}, Set-Cookie "
            f"{self.headers.get_all('Set-Cookie')!r}"
        )


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Visitor:
    """A browser as far as these tests need one: its own cookies, kept by
    hand because production marks them Secure and the stack speaks plain
    http on loopback, and redirects not followed."""

    def __init__(self):
        self.cookies = {}
        self.opener = urllib.request.build_opener(NoRedirect)

    def request(self, url, data=None, method=None, headers=None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data else None
        request = urllib.request.Request(
            url, data=body, method=method, headers=headers or {}
        )
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
            text = response.read().decode(errors="replace")
            return Response(response.status, response.headers, text)

    def get(self, url, **kwargs):
        return self.request(url, **kwargs)

    def post(self, url, data, **kwargs):
        return self.request(url, data=data, **kwargs)

    def remember(self, set_cookies):
        for header in set_cookies:
            for name, morsel in http.cookies.SimpleCookie(header).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value


def anonymous_get(url, **kwargs):
    """A first visit: no cookies at all."""
    return Visitor().get(url, **kwargs)


def kept_by_varnish(url, **kwargs):
    """Ask for ``url`` until Varnish answers from its store (twice at most:
    the first request may fill it) and return that answer."""
    first = anonymous_get(url, **kwargs)
    if first.cache == "HIT":
        return first
    second = anonymous_get(url, **kwargs)
    assert second.status == 200 and second.cache == "HIT", (
        f"Varnish does not keep {url}: {second.describe()}"
    )
    return second


def csrf_token(html):
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert match, "the page has no form with a CSRF token"
    return match.group(1)


def wait_until(deadline, check, interval=0.05):
    """Call ``check`` until it is true or time.time() passes ``deadline``."""
    while True:
        if check():
            return True
        if time.time() > deadline:
            return False
        time.sleep(interval)


# What the site shows, found once per session in the stack's database.
SITE_FACTS = """
import json
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, ReferenceIndex
from blog.models import ArticlePage
from shop.catalogue.models import Category, Product

page_type = ContentType.objects.get_for_model(Page)
product_type = ContentType.objects.get_for_model(Product)
category_type = ContentType.objects.get_for_model(Category)
articles = list(ArticlePage.objects.live().public().order_by("pk"))


def shows(article):
    references = ReferenceIndex.objects.filter(
        base_content_type=page_type, object_id=str(article.pk)
    )
    return {
        name: {
            r.to_object_id for r in references if r.to_content_type_id == kind.pk
        }
        for name, kind in (("products", product_type), ("categories", category_type))
    }


featured = None
for article in articles:
    for product_id in sorted(shows(article)["products"], key=int):
        product = Product.objects.filter(pk=product_id).first()
        if product and product.stockrecords.exists() and product.categories.exists():
            featured = (article, product)
            break
    if featured:
        break
article, product = featured
categories = [
    category
    for direct in product.categories.all()
    for category in direct.get_ancestors_and_self()
]
category_ids = {str(category.pk) for category in categories}
elsewhere = [
    other
    for other in articles
    if other.pk != article.pk
    and str(product.pk) not in shows(other)["products"]
    and not category_ids & shows(other)["categories"]
]
print(json.dumps({
    "product": {
        "id": product.pk,
        "title": product.title,
        "url": product.get_absolute_url(),
        "price": str(product.stockrecords.order_by("pk").first().price),
        "category_url": product.categories.first().get_absolute_url(),
    },
    "article": {"id": article.pk, "url": article.url},
    "other_articles": [{"id": other.pk, "url": other.url} for other in elsewhere],
}))
"""


@pytest.fixture(scope="session")
def site(stack):
    """A product an article features (with its product and category page),
    and live public articles that show neither it nor its categories."""
    facts = stack.shell(SITE_FACTS)
    assert len(facts["other_articles"]) >= 2, (
        "The demo content needs two articles that do not show the product "
        f"{facts['product']['title']!r}."
    )
    return facts
