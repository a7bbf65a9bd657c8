"""Through nginx and Varnish: a change reaches exactly the pages that show it,
and a page made private stops being served to anonymous visitors."""

import secrets
import time
import urllib.parse
from decimal import Decimal

import pytest

from .conftest import PURGE_SECONDS, anonymous_get, kept_by_varnish, wait_until

pytestmark = pytest.mark.stack

CHANGE_PRICE = """
import json, time
from decimal import Decimal
from oscar.templatetags.currency_filters import currency
from shop.catalogue.models import Product
from shop.partner.strategy import Selector

product = Product.objects.get(pk={product_id})
record = product.stockrecords.order_by("pk").first()
record.price = Decimal("{price}")
record.save()
changed_at = time.time()
price = Selector().strategy().fetch_for_product(product).price
shown = currency(price.incl_tax, price.currency)
print(json.dumps({{"changed_at": changed_at, "shown": shown}}))
"""

RESTRICT = """
import json, time
from wagtail.models import Page, PageViewRestriction

PageViewRestriction.objects.create(
    page=Page.objects.get(pk={page_id}),
    restriction_type=PageViewRestriction.PASSWORD,
    password="{password}",
)
print(json.dumps(time.time()))
"""

UNRESTRICT = """
import json
from wagtail.models import PageViewRestriction

print(json.dumps(PageViewRestriction.objects.filter(page_id={page_id}).delete()[0]))
"""


def unseen_price(price, pages):
    """A higher price that none of ``pages`` shows yet."""
    while True:
        candidate = price + Decimal(secrets.randbelow(900) + 101) / 100
        if not any(f"£{candidate}" in page.text for page in pages):
            return candidate


def test_price_change_reaches_every_page_showing_the_product_and_no_other(stack, site):
    product = site["product"]
    other = site["other_articles"][0]
    showing = {
        "product page": product["url"],
        "article featuring it": site["article"]["url"],
        "category page": product["category_url"],
        "search results": "/search/?" + urllib.parse.urlencode({"q": product["title"]}),
    }
    before = {name: kept_by_varnish(stack.url + path) for name, path in showing.items()}
    kept_by_varnish(stack.url + other["url"])
    new_price = unseen_price(Decimal(product["price"]), before.values())

    change = stack.shell(CHANGE_PRICE.format(product_id=product["id"], price=new_price))

    shown = change["shown"]
    assert not [name for name, page in before.items() if shown in page.text], (
        f"the new price, shown as {shown}, was on a page before the change"
    )
    stale = dict(showing)

    def all_show_the_new_price():
        for name, path in list(stale.items()):
            if shown in anonymous_get(stack.url + path).text:
                del stale[name]
        return not stale

    fresh = wait_until(change["changed_at"] + PURGE_SECONDS, all_show_the_new_price)
    assert fresh, (
        f"{PURGE_SECONDS} s after the price became {shown}, these pages still "
        f"showed the old one: {', '.join(f'{n} ({p})' for n, p in stale.items())}"
    )
    untouched = anonymous_get(stack.url + other["url"])
    assert untouched.cache == "HIT", (
        f"{other['url']} does not show the product, yet it was purged: "
        f"{untouched.describe()}"
    )


def test_page_made_private_is_never_served_to_anonymous_visitors_again(stack, site):
    article = site["other_articles"][-1]
    marker = f'data-article-id="{article["id"]}"'
    host = urllib.parse.urlsplit(stack.url).netloc
    variants = [
        (stack.url + article["url"], {}),
        (stack.url + article["url"] + "?utm_source=newsletter", {}),
        (stack.url + article["url"], {"Host": host.replace("127.0.0.1", "localhost")}),
    ]
    for url, headers in variants:
        assert marker in kept_by_varnish(url, headers=headers).text

    restricted_at = stack.shell(
        RESTRICT.format(page_id=article["id"], password=secrets.token_urlsafe(12))
    )
    try:

        def hidden(url, headers):
            """The password form or a redirect to sign in, never the article."""
            response = anonymous_get(url, headers=headers)
            asks = (
                'type="password"' in response.text
                if response.status == 200
                else response.status == 302
            )
            return asks and marker not in response.text

        url, headers = variants[0]
        assert wait_until(
            restricted_at + PURGE_SECONDS, lambda: hidden(url, headers)
        ), f"{PURGE_SECONDS} s after it was made private, {url} still showed it"
        watch_until = time.time() + 3
        while time.time() < watch_until:
            for url, headers in variants:
                assert hidden(url, headers), (
                    f"{url} {headers or ''} showed the private article to an "
                    "anonymous visitor"
                )
    finally:
        stack.shell(UNRESTRICT.format(page_id=article["id"]))
