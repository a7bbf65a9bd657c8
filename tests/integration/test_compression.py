"""Pages go out gzip-compressed to clients that ask (GZipMiddleware)."""

import gzip

import pytest

pytestmark = pytest.mark.django_db


def test_public_page_is_gzipped_when_asked(client, home_page):
    response = client.get("/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert "public" in response["Cache-Control"]
    html = gzip.decompress(response.content).decode()
    assert html.startswith("<!DOCTYPE html>")
    assert int(response["Content-Length"]) == len(response.content) < len(html)


def test_page_is_plain_for_clients_that_do_not_ask(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")
    assert response.content.decode().startswith("<!DOCTYPE html>")
