"""`bench/run.py`'s in-process part: the signed-in session it gives wrk."""

import pytest
from django.test import Client

from bench import run

pytestmark = pytest.mark.django_db


def test_the_bench_superuser_cookie_opens_the_product_chooser():
    url = run.chooser_search_url()
    assert url, "the product chooser's results URL does not resolve"
    assert Client().get(url).status_code == 302

    name, value = run.bench_superuser_cookie().split("=", 1)
    client = Client()
    client.cookies[name] = value
    response = client.get(url)

    assert response.status_code == 200
    assert response.wsgi_request.user.username == "bench-admin"
