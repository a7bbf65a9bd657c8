"""Virtual visitors for the load test: plain urllib, one thread per visitor.

Each visitor keeps its own cookies and loops over a mix of journeys until the
deadline: reading articles, adding a product from an article's callout, and
checking out as a guest. Nothing here imports Django; the invariants are
checked afterwards by ``bench.load.checks`` against the database.

The site runs with production settings behind an imagined TLS proxy: every
request says ``X-Forwarded-Proto: https`` and the visitor sends its cookies
back itself (urllib's cookie jar would withhold ``Secure`` cookies over
plain http on loopback).
"""

import random
import re
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections import Counter
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

ARTICLE_LINK = re.compile(r'href="(/articles/[a-z0-9-]+/)"')
CALLOUT_ADD_FORM = re.compile(
    r'<form class="product-card__add" action="(/shop/basket/add/\d+/)"'
)
ADDRESS = {
    "first_name": "Load",
    "last_name": "Tester",
    "line1": "1 Loopback Lane",
    "line4": "Leeds",
    "postcode": "LS1 1AA",
    "country": "GB",
    "phone_number": "",
}
# Share of iterations per journey; the rest of the time visitors read.
ADD_SHARE = 0.25
CHECKOUT_SHARE = 0.15


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


@dataclass
class Response:
    status: int
    location: str
    body: str
    started: float
    seconds: float


@dataclass
class LoadResult:
    """Everything the visitors saw; shared by all threads under ``lock``."""

    statuses: Counter = field(default_factory=Counter)
    journeys: Counter = field(default_factory=Counter)
    latencies: list = field(default_factory=list)
    server_errors: list = field(default_factory=list)
    unavailable: list = field(default_factory=list)
    checkout_emails: list = field(default_factory=list)
    checkout_times: list = field(default_factory=list)
    checkout_finished: list = field(default_factory=list)
    transport_errors: Counter = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)
    started: float = 0.0
    finished: float = 0.0

    def record(self, method, path, response):
        with self.lock:
            self.statuses[response.status] += 1
            self.latencies.append(response.seconds)
            if response.status == 503:
                self.unavailable.append(
                    (
                        response.started,
                        response.started + response.seconds,
                        path,
                        response.body,
                    )
                )
            elif response.status >= 500:
                self.server_errors.append(
                    (response.started, method, path, response.status, response.body)
                )

    @property
    def requests(self):
        return sum(self.statuses.values())

    def percentile(self, fraction):
        ordered = sorted(self.latencies)
        if not ordered:
            return 0.0
        return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


class Visitor:
    """One shopper with their own cookies (session, basket, CSRF)."""

    def __init__(self, base_url, result, rng):
        self.base_url = base_url.rstrip("/")
        self.host = urlsplit(self.base_url).netloc
        self.result = result
        self.rng = rng
        self.cookies = {}

    def request(self, method, path, data=None):
        if method == "POST" and "csrftoken" not in self.cookies:
            # As site.js does: public pages carry no token; /visitor/ sets it.
            self.get("/visitor/")
        headers = {
            "X-Forwarded-Proto": "https",
            "User-Agent": "backbone-loadtest",
            "Accept": "text/html",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if method == "POST":
            data = dict(data or {})
            data["csrfmiddlewaretoken"] = self.cookies.get("csrftoken", "")
            body = urlencode(data).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"https://{self.host}"
            headers["Referer"] = f"https://{self.host}{path}"
        request = urllib.request.Request(
            self.base_url + path, data=body, headers=headers, method=method
        )
        started = time.monotonic()
        try:
            with OPENER.open(request, timeout=30) as raw:
                status, raw_headers, content = raw.status, raw.headers, raw.read()
        except urllib.error.HTTPError as error:
            status, raw_headers, content = error.code, error.headers, error.read()
        except OSError as error:
            with self.result.lock:
                self.result.transport_errors[type(error).__name__] += 1
            return Response(0, "", "", started, time.monotonic() - started)
        for header in raw_headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        response = Response(
            status,
            raw_headers.get("Location", ""),
            content.decode("utf-8", "replace"),
            started,
            time.monotonic() - started,
        )
        self.result.record(method, path, response)
        return response

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, data):
        return self.request("POST", path, data)

    # Journeys ------------------------------------------------------------

    def read(self):
        self.get("/")
        index = self.get("/articles/")
        articles = sorted(set(ARTICLE_LINK.findall(index.body)) - {"/articles/"})
        if not articles:
            return None
        path = self.rng.choice(articles)
        return path, self.get(path)

    def add_from_callout(self):
        """Read an article and add one of its callout products; True if added."""
        read = self.read()
        if read is None:
            return False
        path, article = read
        forms = CALLOUT_ADD_FORM.findall(article.body)
        if not forms:
            return False
        added = self.post(
            self.rng.choice(forms), {"quantity": "1", "next": f"{path}#callout"}
        )
        if added.status == 302:
            self.get(urlsplit(added.location).path or "/")
        return added.status == 302

    def checkout(self):
        """Add from a callout, then check out as a guest; True if placed."""
        if not self.add_from_callout():
            return False
        email = f"load-{uuid.uuid4().hex[:12]}@example.com"
        started = time.monotonic()
        steps = [
            ("/shop/checkout/", {"username": email, "options": "anonymous"}),
            ("/shop/checkout/shipping-address/", ADDRESS),
            ("/shop/checkout/shipping-method/", {"method_code": "standard"}),
            ("/shop/checkout/payment-method/", {"method": "bank-transfer"}),
        ]
        for path, data in steps:
            if self.post(path, data).status != 302:
                return False
        placed = self.post("/shop/checkout/preview/", {"action": "place_order"})
        if placed.status == 302 and placed.location.endswith("/checkout/thank-you/"):
            with self.result.lock:
                self.result.checkout_emails.append(email)
                self.result.checkout_times.append(time.monotonic() - started)
                self.result.checkout_finished.append(time.monotonic())
            self.get("/shop/checkout/thank-you/")
            self.cookies.pop("oscar_open_basket", None)
            return True
        return False

    def run(self, deadline):
        while time.monotonic() < deadline:
            roll = self.rng.random()
            if roll < CHECKOUT_SHARE:
                name, ok = "checkout", self.checkout()
            elif roll < CHECKOUT_SHARE + ADD_SHARE:
                name, ok = "add_from_callout", self.add_from_callout()
            else:
                name, ok = "read", self.read() is not None
            with self.result.lock:
                self.result.journeys[f"{name}:{'ok' if ok else 'not completed'}"] += 1


def warm_up(base_url):
    """Visit every article and the shop once, untimed: the first render of a
    page makes its thumbnails and fills each worker's caches."""
    visitor = Visitor(base_url, LoadResult(), random.Random(0))
    index = visitor.get("/articles/")
    for path in sorted(set(ARTICLE_LINK.findall(index.body)) - {"/articles/"}):
        visitor.get(path)
    visitor.get("/")
    visitor.get("/shop/catalogue/")


def run_load(base_url, duration, visitors, seed=1, during=None):
    """Run ``visitors`` threads for ``duration`` seconds; returns LoadResult.

    ``during``, if given, is called in its own thread with the deadline (the
    fault injection uses it).
    """
    result = LoadResult()
    result.started = time.monotonic()
    deadline = result.started + duration
    threads = [
        threading.Thread(
            target=Visitor(base_url, result, random.Random(seed + n)).run,
            args=(deadline,),
            daemon=True,
        )
        for n in range(visitors)
    ]
    if during is not None:
        threads.append(threading.Thread(target=during, args=(deadline,), daemon=True))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=duration + 120)
    result.finished = time.monotonic()
    return result
