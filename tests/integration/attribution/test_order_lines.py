"""A placed order's lines keep the article and callout that led to them:
the last callout add within ATTRIBUTION_WINDOW_DAYS."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from attribution.models import BasketLineCallout, OrderLineCallout
from shop.order.models import Line, Order
from tests.factories_shop import make_product
from tests.integration.callouts.conftest import product_callout, product_grid
from tests.integration.shop.helpers import (
    add_to_basket,
    go_to_preview,
    place_order,
    start_guest_checkout,
)

pytestmark = pytest.mark.django_db


def check_out(client):
    start_guest_checkout(client)
    go_to_preview(client)
    assert place_order(client).status_code == 302
    return Order.objects.latest("pk")


def test_order_line_keeps_the_callout_that_led_to_it(
    client, make_article, add_from_callout
):
    roller, ball = make_product(title="Foam roller"), make_product(title="Ball")
    pillow = make_product(title="Pillow")
    article = make_article(
        product_callout(roller.pk), product_grid([ball.pk, pillow.pk])
    )

    add_from_callout(client, article, roller)
    add_from_callout(client, article, pillow)
    add_to_basket(client, ball)  # from the shop, not the callout
    order = check_out(client)

    attributed = {
        line.product_id: (
            line.callout_attribution.page_id,
            line.callout_attribution.block_id,
        )
        for line in order.lines.filter(callout_attribution__isnull=False)
    }
    assert attributed == {roller.pk: (article.pk, "b0"), pillow.pk: (article.pk, "b1")}


def test_the_last_callout_before_the_order_wins(client, make_article, add_from_callout):
    roller = make_product(title="Foam roller")
    first = make_article(product_callout(roller.pk))
    second = make_article(product_callout(roller.pk))

    add_from_callout(client, first, roller)
    add_from_callout(client, second, roller)
    order = check_out(client)

    line = order.lines.get()
    assert line.quantity == 2
    assert line.callout_attribution.page_id == second.pk


def test_product_bought_without_the_callout_is_not_attributed(
    client, make_article, add_from_callout
):
    roller = make_product(title="Foam roller")
    article = make_article(product_callout(roller.pk))
    add_from_callout(Client(), article, roller)  # someone else's basket

    add_to_basket(client, roller)
    check_out(client)

    assert Line.objects.filter(product=roller).count() == 1
    assert not OrderLineCallout.objects.exists()


@pytest.mark.parametrize(("days_ago", "attributed"), [(6, True), (8, False)])
def test_a_callout_add_counts_within_the_window(
    client, make_article, add_from_callout, days_ago, attributed
):
    roller = make_product(title="Foam roller")
    article = make_article(product_callout(roller.pk))
    add_from_callout(client, article, roller)
    # The shopper comes back to the basket days later.
    BasketLineCallout.objects.update(
        touched_at=timezone.now() - timedelta(days=days_ago)
    )

    order = check_out(client)

    assert order.lines.filter(callout_attribution__isnull=False).exists() is attributed


def test_the_window_is_a_setting(client, make_article, add_from_callout, settings):
    settings.ATTRIBUTION_WINDOW_DAYS = 0
    roller = make_product(title="Foam roller")
    article = make_article(product_callout(roller.pk))
    add_from_callout(client, article, roller)

    check_out(client)

    assert not OrderLineCallout.objects.exists()
