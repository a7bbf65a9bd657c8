"""The beacon counts the callouts a page view saw and clicked, as daily
aggregates; anything that is not a beacon is a 400, never a 500."""

import json

import pytest
from django.urls import reverse

from attribution.models import CalloutDay
from attribution.views import MAX_BEACON_BYTES, MAX_BEACON_CALLOUTS
from tests.factories_shop import make_product
from tests.integration.callouts.conftest import paragraph, product_callout

pytestmark = pytest.mark.django_db

URL = "/attribution/seen/"


def beacon(client, body):
    """POST as navigator.sendBeacon does with a string: text/plain, no token."""
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return client.post(URL, data, content_type="text/plain;charset=UTF-8")


@pytest.fixture
def article(make_article):
    roller, ball = make_product(title="Foam roller"), make_product(title="Ball")
    return make_article(
        product_callout(roller.pk), paragraph("Roll."), product_callout(ball.pk)
    )


def counts():
    return {
        (day.page_id, day.block_id): (day.impressions, day.clicks)
        for day in CalloutDay.objects.all()
    }


def test_the_url_is_the_one_site_js_reports_to():
    """site.js sends to the path (tests/e2e/test_callout_attribution.py)."""
    assert reverse("attribution:seen") == URL


def test_seen_and_clicked_callouts_are_counted_per_day(client, article):
    via = f"{article.pk}.b0", f"{article.pk}.b2"

    first = beacon(client, {"seen": list(via), "clicked": [via[0]]})
    second = beacon(client, {"seen": [via[0]]})

    assert (first.status_code, second.status_code) == (204, 204)
    assert counts() == {(article.pk, "b0"): (2, 1), (article.pk, "b2"): (1, 0)}
    assert first["Cache-Control"] == "private, no-store"
    assert "Set-Cookie" not in first


def test_a_flood_only_increments_the_days_counts(client, article):
    for _ in range(30):
        assert beacon(client, {"seen": [f"{article.pk}.b0"]}).status_code == 204
    assert counts() == {(article.pk, "b0"): (30, 0)}
    assert CalloutDay.objects.count() == 1


def test_unknown_callouts_are_not_stored(client, article, home_page):
    response = beacon(
        client,
        {
            "seen": [
                f"{article.pk}.b1",  # a paragraph
                f"{article.pk}.b9",  # no such block
                f"{article.pk + 1000}.b0",  # no such page
                f"{home_page.pk}.b0",  # not an article
            ]
        },
    )
    assert response.status_code == 204
    assert not CalloutDay.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        "",
        "not json",
        "[1, 2]",
        "{}",
        '{"seen": "12.b0"}',
        '{"seen": [12]}',
        '{"seen": ["12"]}',
        '{"seen": ["12.<b0>"]}',
        '{"seen": [], "ip": "1.2.3.4"}',
        json.dumps({"seen": [f"1.b{n}" for n in range(MAX_BEACON_CALLOUTS + 1)]}),
        b"\xff\xfe",
    ],
)
def test_malformed_beacons_are_400(client, body):
    assert beacon(client, body).status_code == 400
    assert not CalloutDay.objects.exists()


def test_an_oversized_beacon_is_400(client, article):
    padding = " " * MAX_BEACON_BYTES
    response = beacon(client, f'{{"seen": ["{article.pk}.b0"]}}{padding}')
    assert response.status_code == 400
    assert not CalloutDay.objects.exists()


def test_only_post_is_allowed(client):
    assert client.get(URL).status_code == 405
