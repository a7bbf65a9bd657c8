"""nginx in front: static files and media straight from disk, PURGE refused,
text compressed."""

import gzip
import re
import urllib.request

import pytest

from .conftest import anonymous_get

pytestmark = pytest.mark.stack


def test_product_image_loads_through_nginx(stack, site):
    page = anonymous_get(stack.url + site["product"]["url"])
    images = re.findall(r'<img[^>]+src="(/media/[^"]+)"', page.text)
    assert images, "the product page shows no image from /media/"

    image = anonymous_get(stack.url + images[0])

    assert image.status == 200
    assert image.headers["Content-Type"].startswith("image/")
    assert image.cache is None, "nginx passed a media file on to Varnish"


def test_static_files_come_from_nginx_and_hashed_names_are_immutable(stack):
    page = anonymous_get(stack.url + "/")
    stylesheet = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', page.text)
    assert stylesheet, "the home page links no stylesheet with a hashed name"

    response = anonymous_get(stack.url + stylesheet.group(1))

    assert response.status == 200
    assert response.cache is None, "nginx passed a static file on to Varnish"
    assert "immutable" in response.headers["Cache-Control"]


def test_visitors_cannot_purge_through_nginx(stack, site):
    response = anonymous_get(stack.url + site["article"]["url"], method="PURGE")

    assert response.status == 405


def gzipped_get(url):
    """The body of ``url`` asked for gzip-compressed, and its headers."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.headers["Content-Encoding"] == "gzip", url
        assert "Accept-Encoding" in response.headers["Vary"], url
        return gzip.decompress(response.read()).decode()


def test_pages_and_stylesheets_are_compressed_for_clients_that_ask(stack, site):
    page = gzipped_get(stack.url + site["article"]["url"])
    assert page.startswith("<!DOCTYPE html>")
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', page).group(1)
    assert (
        gzipped_get(stack.url + stylesheet)
        == anonymous_get(stack.url + stylesheet).text
    )
    # A client that does not ask gets the page as it is.
    plain = anonymous_get(stack.url + site["article"]["url"])
    assert plain.headers.get("Content-Encoding") is None
    assert plain.text.startswith("<!DOCTYPE html>")
