"""deploy/varnish/default.vcl in a varnishd of its own, in front of a stand-in
backend that says what it received and answers with the Cache-Control its
path asks for: the storing, purging and passing rules on their own."""

import http.server
import itertools
import json
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest

from deploy.stack import executable, varnish_command

from .conftest import anonymous_get, wait_until

pytestmark = pytest.mark.stack

SHAREABLE = "public, max-age=0, s-maxage=3600, stale-while-revalidate=60"


class StandInBackend(http.server.BaseHTTPRequestHandler):
    """Answers JSON naming the path and cookies it got, with a serial number
    that tells a stored answer from a new one."""

    serials = itertools.count()

    def do_GET(self):
        body = json.dumps(
            {
                "path": self.path,
                "cookie": self.headers.get("Cookie"),
                "serial": next(self.serials),
            }
        ).encode()
        self.send_response(200)
        if self.path.startswith("/private/"):
            self.send_header("Cache-Control", "private, no-store")
        elif self.path.startswith("/cookie/"):
            self.send_header("Cache-Control", SHAREABLE)
            self.send_header("Set-Cookie", "csrftoken=abc; Path=/")
        elif not self.path.startswith(("/unmarked/", "/healthz")):
            self.send_header("Cache-Control", SHAREABLE)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET

    def log_message(self, *args):
        pass


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def varnish():
    if not executable("varnishd"):
        pytest.fail("varnishd is missing: `make test-stack` installs Varnish.")
    backends = [
        http.server.ThreadingHTTPServer(("127.0.0.1", 0), StandInBackend)
        for _ in range(2)
    ]
    for backend in backends:
        threading.Thread(target=backend.serve_forever, daemon=True).start()
    port = free_port()
    # Readable by Varnish's own user, which reads the VCL.
    run_dir = Path(tempfile.mkdtemp(prefix="backbone-varnish-"))
    run_dir.chmod(0o755)
    command = varnish_command(
        run_dir, port, [backend.server_address[1] for backend in backends]
    )
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        started = wait_until(
            time.time() + 30,
            lambda: (
                process.poll() is None
                and anonymous_get_or_none(f"{url}/healthz") == 200
            ),
            interval=0.1,
        )
        if not started:
            process.kill()
            pytest.fail(f"varnishd did not start:\n{process.stdout.read().decode()}")
        yield url
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
        for backend in backends:
            backend.shutdown()
        shutil.rmtree(run_dir, ignore_errors=True)


def anonymous_get_or_none(url):
    try:
        return anonymous_get(url).status
    except OSError:
        return None


def fetch(url, **kwargs):
    response = anonymous_get(url, **kwargs)
    return response.cache, json.loads(response.text), response


def unique(prefix="/page"):
    return f"{prefix}/{secrets.token_hex(4)}/"


def test_purge_drops_every_variant_of_the_path_and_nothing_else(varnish):
    path, elsewhere = unique(), unique()
    deeper = path + "deeper/"
    variants = [
        (f"{varnish}{path}", {}),
        (f"{varnish}{path}?q=back", {}),
        (f"{varnish}{path}?page=2", {}),
        (f"{varnish}{path}", {"Host": "localhost:8480"}),
    ]
    untouched = [(f"{varnish}{deeper}", {}), (f"{varnish}{elsewhere}", {})]
    for url, headers in variants + untouched:
        fetch(url, headers=headers)
        assert fetch(url, headers=headers)[0] == "HIT"

    purge = anonymous_get(
        f"{varnish}{path}?page=7", method="PURGE", headers={"Host": "example.org"}
    )

    assert purge.status == 200
    assert [fetch(url, headers=headers)[0] for url, headers in variants] == [
        "MISS"
    ] * len(variants)
    assert [fetch(url, headers=headers)[0] for url, headers in untouched] == [
        "HIT",
        "HIT",
    ]


def test_tracking_and_unknown_parameters_never_reach_the_cache_key(varnish):
    path = unique()
    fetch(f"{varnish}{path}")

    cache, seen, _ = fetch(
        f"{varnish}{path}?utm_source=news&fbclid=x&gclid=y&unknown=1&flag"
    )

    assert cache == "HIT"
    assert seen["path"] == path

    # A callout's "View product" link: site.js reads ?via=, the cache drops it.
    via_cache, via_seen, _ = fetch(f"{varnish}{path}?via=12.0f3a-b1")

    assert (via_cache, via_seen["path"]) == ("HIT", path)


def test_parameters_the_site_reads_are_kept_and_sorted(varnish):
    path = unique()
    first_cache, first, _ = fetch(f"{varnish}{path}?q=back&page=2&utm_medium=mail")

    cache, seen, _ = fetch(f"{varnish}{path}?page=2&fbclid=z&q=back")

    assert first_cache == "MISS"
    assert first["path"] == f"{path}?page=2&q=back"
    assert cache == "HIT" and seen["serial"] == first["serial"]


def test_product_list_filters_are_kept_and_sorted(varnish):
    path = unique()
    query = "stock=1&sort_by=price-asc&attr_material=Foam&price=25-50&page=2"
    first_cache, first, _ = fetch(f"{varnish}{path}?{query}&utm_source=x&attr-x=1")

    cache, seen, _ = fetch(
        f"{varnish}{path}?page=2&price=25-50&attr_material=Foam&sort_by=price-asc"
        "&stock=1"
    )

    assert first_cache == "MISS"
    assert first["path"] == (
        f"{path}?attr_material=Foam&page=2&price=25-50&sort_by=price-asc&stock=1"
    )
    assert cache == "HIT" and seen["serial"] == first["serial"]


@pytest.mark.parametrize("prefix", ["/private", "/cookie", "/unmarked"])
def test_responses_that_do_not_say_they_may_be_shared_are_never_stored(varnish, prefix):
    path = unique(prefix)
    fetch(f"{varnish}{path}")

    cache, _, _ = fetch(f"{varnish}{path}")

    assert cache == "MISS"


def test_anonymous_cookies_are_dropped_and_the_page_shared(varnish):
    path = unique()
    fetch(f"{varnish}{path}")
    cookies = {"Cookie": "csrftoken=abc; oscar_open_basket=1:xyz; messages=m"}

    cache, seen, _ = fetch(f"{varnish}{path}", headers=cookies)

    assert cache == "HIT"
    assert seen["cookie"] is None


def test_a_session_passes_with_its_cookies(varnish):
    path = unique()
    fetch(f"{varnish}{path}")
    cookies = {"Cookie": "csrftoken=abc; sessionid=s3cr3t"}

    cache, seen, _ = fetch(f"{varnish}{path}", headers=cookies)

    assert cache == "PASS"
    assert seen["cookie"] == cookies["Cookie"]


@pytest.mark.parametrize(
    "path",
    [
        "/cms/pages/",
        "/django-admin/",
        "/shop/dashboard/",
        "/shop/basket/",
        "/shop/checkout/",
        "/shop/accounts/login/",
        "/visitor/",
        "/staff/two-factor/",
    ],
)
def test_per_visitor_areas_are_never_looked_up(varnish, path):
    fetch(f"{varnish}{path}")

    cache, _, _ = fetch(f"{varnish}{path}")

    assert cache == "PASS"


def test_only_get_and_head_are_looked_up(varnish):
    path = unique()
    fetch(f"{varnish}{path}")

    response = anonymous_get(f"{varnish}{path}", method="POST")

    assert response.cache == "PASS"


def test_the_purge_header_stays_inside(varnish):
    path = unique()
    fetch(f"{varnish}{path}")

    _, _, response = fetch(f"{varnish}{path}")

    assert response.cache == "HIT"
    assert "X-Path" not in response.headers
