"""A few weeks of attribution history for the demo (`load_demo --with-sales`):
daily impressions, clicks and basket adds for every callout of the demo
articles, and orders placed through some of them, so the callout sales
report (/cms/reports/callout-sales/) has something to show. The orders are
real Oscar orders, dispatched and delivered; the stock they took is put back."""

import random
from datetime import datetime, time, timedelta

from django.utils import timezone
from oscar.apps.checkout.calculators import OrderTotalCalculator
from oscar.apps.order.utils import OrderCreator
from oscar.apps.shipping.methods import Free

from attribution.callouts import callout_ids
from attribution.models import BasketLineCallout, CalloutDay, OrderLineCallout
from blog.models import ArticlePage
from shop.basket.models import Basket
from shop.order.models import Order
from shop.partner.strategy import Selector

#: Demo orders are numbered DEMO-<n>; their presence means the history exists.
ORDER_PREFIX = "DEMO-"
DELIVERED = "Delivered"


def demo_products(article):
    """The products a reader can buy from each callout of an article."""
    products = {}
    for block in article.body:
        if block.id not in callout_ids(article):
            continue
        value = block.value
        chosen = [value.get("product")] if "product" in value else []
        chosen += list(value.get("products") or [])
        products[block.id] = [p for p in chosen if p is not None and p.is_public]
    return products


def place_demo_order(number, product, quantity, article, block_id, when):
    """An order for one product, attributed to the callout it was added from."""
    basket = Basket.objects.create()
    basket.strategy = Selector().strategy()
    line, _ = basket.add_product(product, quantity)
    BasketLineCallout.objects.create(
        line=line, page=article, block_id=block_id, touched_at=timezone.now()
    )
    stockrecord = line.stockrecord
    stockrecord.num_in_stock += quantity
    stockrecord.save(update_fields=["num_in_stock"])
    shipping = Free()
    charge = shipping.calculate(basket)
    order = OrderCreator().place_order(
        basket=basket,
        total=OrderTotalCalculator().calculate(basket, charge),
        shipping_method=shipping,
        shipping_charge=charge,
        order_number=f"{ORDER_PREFIX}{number}",
        status=DELIVERED,
        guest_email=f"reader{number}@example.com",
    )
    basket.submit()
    stockrecord.refresh_from_db()
    stockrecord.consume_allocation(quantity)
    order.lines.update(status=DELIVERED)
    Order.objects.filter(pk=order.pk).update(date_placed=when)
    OrderLineCallout.objects.filter(line__order=order).update(touched_at=when)
    return order


def load_sales(days=21, seed=23):
    """The history for the last ``days`` days; nothing when it exists."""
    if Order.objects.filter(number__startswith=ORDER_PREFIX).exists():
        return 0
    rng = random.Random(seed)  # noqa: S311 (demo figures, not secrets)
    today = timezone.localdate()
    orders = 0
    for article in ArticlePage.objects.live().public().order_by("pk"):
        for block_id, products in demo_products(article).items():
            if not products:
                continue
            popularity = rng.uniform(0.3, 1.5)
            for age in range(days, 0, -1):
                day = today - timedelta(days=age)
                impressions = int(rng.gauss(60, 20) * popularity)
                clicks = rng.randint(0, max(impressions // 12, 0))
                adds = rng.randint(0, max(impressions // 25, 0))
                CalloutDay.objects.create(
                    date=day,
                    page=article,
                    block_id=block_id,
                    impressions=max(impressions, 0),
                    clicks=clicks,
                    adds=adds,
                )
                for _ in range(sum(rng.random() < 0.4 for _ in range(adds))):
                    orders += 1
                    moment = datetime.combine(day, time(rng.randint(8, 21)))
                    place_demo_order(
                        orders,
                        rng.choice(products),
                        rng.choice([1, 1, 1, 2]),
                        article,
                        block_id,
                        timezone.make_aware(moment),
                    )
    return orders
