"""The header's mini-basket, without a database query for visitors who have
no basket."""

from dataclasses import dataclass
from decimal import Decimal

from django import template
from django.conf import settings

from site_project.page_cache.store import visitor_may_have_basket

register = template.Library()


@dataclass(frozen=True)
class MiniBasket:
    num_items: int
    total: Decimal
    currency: str


def empty_mini_basket():
    return MiniBasket(0, Decimal("0.00"), settings.OSCAR_DEFAULT_CURRENCY)


@register.simple_tag(takes_context=True)
def mini_basket_summary(context):
    """Item count and total of the visitor's basket.

    An anonymous visitor without a basket cookie has an empty basket; reading
    ``request.basket`` would still load offers from the database, so the
    empty summary is built without it. The page cache also stores pages with
    the empty summary (``mini_basket_empty``) and fills in real ones.
    """
    request = context.get("request")
    if (
        context.get("mini_basket_empty")
        or request is None
        or not hasattr(request, "basket")
        or not visitor_may_have_basket(request)
    ):
        return empty_mini_basket()
    basket = request.basket
    total = basket.total_incl_tax if basket.is_tax_known else basket.total_excl_tax
    return MiniBasket(
        basket.num_items,
        total if total is not None else Decimal("0.00"),
        basket.currency or settings.OSCAR_DEFAULT_CURRENCY,
    )
