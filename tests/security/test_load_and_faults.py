"""The short form of `make loadtest`, run in CI's PostgreSQL pass.

Gunicorn (production settings) serves the test database; visitors read,
add from callouts and check out as guests for ~20 s while PostgreSQL is
stopped abruptly for 4 s and started again. Afterwards: no 5xx except the
static 503 page during the outage, every successful checkout has exactly one
complete order, allocated stock matches the order lines, no stock below zero,
and checkouts succeed again after the outage.
"""

import random

import pytest
from django.conf import settings
from django.db import connection

from bench.load.checks import check_database, check_responses, stock_snapshot
from bench.load.driver import Visitor, run_load, warm_up
from bench.load.server import PostgresOutage, gunicorn, server_environment
from blog.models import ArticlePage
from shop.order.models import Order
from tests.factories_shop import make_product
from tests.integration.callouts.conftest import body, paragraph, product_callout

# Marked e2e as well so it runs at the end with the browser tests: like them
# it commits data for another process and flushes the database afterwards.
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
]

DURATION = 20
VISITORS = 6


def database_url():
    db = connection.settings_dict
    return (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}"
        f"/{db['NAME']}"
    )


@pytest.fixture
def shop_with_callouts(article_index):
    products = [
        make_product(title=f"Recovery band {n}", price="12.00", num_in_stock=500)
        for n in range(3)
    ]
    for n in range(2):
        article = ArticlePage(
            title=f"Moving again after back pain, part {n}",
            slug=f"moving-again-{n}",
            standfirst="Gentle steps back to normal life.",
            body=body(
                paragraph("Start small and keep going."),
                *[product_callout(p.pk) for p in products],
            ),
        )
        article_index.add_child(instance=article)
        article.save_revision().publish()
    return products


def test_load_with_a_database_outage_loses_nothing(shop_with_callouts, tmp_path):
    assert connection.vendor == "postgresql", "run with DATABASE_URL=postgres://..."
    before = stock_snapshot()
    orders_before = Order.objects.order_by("-pk").values_list("pk", flat=True).first()
    outage = PostgresOutage(database_url())
    env = server_environment(database_url(), settings.MEDIA_ROOT)
    log = tmp_path / "gunicorn.log"
    with gunicorn(env, workers=2, log_path=log) as base:
        warm_up(base)
        result = run_load(
            base,
            DURATION,
            VISITORS,
            during=outage.during_load(after=6, down_for=4),
        )
        # The site recovers by itself: a shopper arriving after the outage
        # checks out. Attempts are counted, not timed, so a slow machine whose
        # load window closed before PostgreSQL was back still proves it.
        latecomer = Visitor(base, result, random.Random(99))
        recovered_checkout = any(latecomer.checkout() for _ in range(10))
    connection.close()  # this process's connection did not survive the outage

    problems = check_responses(result, outage.window)
    db_problems, figures = check_database(result, before, orders_before or 0)
    assert not problems + db_problems, (problems + db_problems, log.read_text()[-3000:])
    assert result.unavailable, "no visitor saw the 503 page: was the database down?"
    assert figures["orders_placed"] >= len(result.checkout_emails) > 0
    assert recovered_checkout, f"no checkout after the outage: {result.journeys}"
