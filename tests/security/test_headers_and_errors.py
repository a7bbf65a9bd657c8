"""Security headers, the CSP by area, and error pages that need no database."""

import re
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.db import OperationalError
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)


def csp_directives(response):
    header = response["Content-Security-Policy"]
    return {
        part.split()[0]: part.split()[1:]
        for part in (p.strip() for p in header.split(";"))
        if part
    }


@pytest.mark.parametrize(
    "url", ["/", "/articles/", "/shop/catalogue/", "/shop/basket/"]
)
def test_public_pages_allow_only_own_and_nonced_scripts(client, home_page, url):
    response = client.get(url)
    assert response.status_code == 200
    policy = csp_directives(response)
    nonce_sources = [s for s in policy["script-src"] if s.startswith("'nonce-")]
    assert policy["script-src"][0] == "'self'"
    assert "'unsafe-inline'" not in policy["script-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in policy["style-src"]
    html = response.content.decode()
    inline_scripts = [
        attributes
        for attributes in SCRIPT_TAG.findall(html)
        if "src=" not in attributes and 'type="application/' not in attributes
    ]
    # The nonce is only generated when a template uses it.
    assert len(nonce_sources) == (1 if inline_scripts else 0)
    for attributes in inline_scripts:
        nonce = nonce_sources[0][len("'nonce-") : -1]
        assert f'nonce="{nonce}"' in attributes, f"inline script without nonce on {url}"
    assert not re.search(r"\son[a-z]+\s*=", html.split("<body", 1)[1])


@pytest.mark.parametrize("url", ["/cms/login/", "/shop/dashboard/login/"])
def test_admin_areas_get_the_looser_policy_without_a_nonce(client, url):
    response = client.get(url)
    policy = csp_directives(response)
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]


def test_private_pages_run_only_the_sites_own_script_files(client, home_page):
    response = client.get("/shop/basket/")
    assert csp_directives(response)["script-src"] == ["'self'"]
    scripts = BeautifulSoup(response.content, "html.parser").find_all("script")
    assert scripts and all(script.get("src") for script in scripts)


def test_public_pages_carry_no_nonce(client, home_page):
    for path in ("/", "/shop/catalogue/"):
        response = client.get(path)
        assert "nonce-" not in response["Content-Security-Policy"], path
        assert "nonce=" not in response.content.decode(), path


def test_public_pages_deny_framing_and_sniffing(client, home_page):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin" or response[
        "Referrer-Policy"
    ].startswith("strict-origin")


def failing_database():
    return mock.patch(
        "django.db.backends.utils.CursorWrapper.execute",
        side_effect=OperationalError("connection to server at 127.0.0.1 refused"),
    )


def assert_is_the_503_page(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    body = response.content.decode()
    assert 'data-error-page="503"' in body
    for leak in ("Traceback", "OperationalError", "127.0.0.1", "refused"):
        assert leak not in body


def test_database_outage_in_a_view_gives_the_503_page(client, home_page):
    with failing_database():
        response = client.get("/articles/")
    assert_is_the_503_page(response)


def test_database_outage_in_middleware_gives_the_503_page(client, home_page):
    """A session cookie makes the session and basket middleware query first."""
    client.raise_request_exception = False
    client.get("/shop/basket/")
    client.cookies["sessionid"] = "a" * 32
    with failing_database():
        response = client.post("/shop/basket/", {"form-TOTAL_FORMS": "x"})
    assert_is_the_503_page(response)


def test_500_page_renders_without_touching_the_database(rf):
    from django.db import connection

    from site_project.errors import server_error

    with CaptureQueriesContext(connection) as queries:
        try:
            raise ValueError("boom")
        except ValueError:
            response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert b'data-error-page="500"' in response.content
    assert b"boom" not in response.content
    assert len(queries) == 0


def test_unknown_page_gets_the_404_page(client, home_page):
    response = client.get("/no-such-page-here/")
    assert response.status_code == 404
    assert b'data-error-page="404"' in response.content


def test_admin_paths_replace_a_public_policy_set_by_an_inner_render(rf):
    """Wagtail's preview renders the public page through the middleware chain
    first; served under /cms/ (in the preview iframe) it gets the admin
    policy, not the public frame-ancestors 'none'."""
    from django.http import HttpResponse

    from site_project.middleware import ContentSecurityPolicyMiddleware

    def inner_render(request):
        response = HttpResponse("preview")
        response["Content-Security-Policy"] = (
            "default-src 'self'; frame-ancestors 'none'"
        )
        return response

    middleware = ContentSecurityPolicyMiddleware(inner_render)
    response = middleware(rf.get("/cms/pages/3/edit/preview/"))
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    public = middleware(rf.get("/articles/"))
    assert "frame-ancestors 'none'" in public["Content-Security-Policy"]
