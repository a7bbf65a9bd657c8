"""The shop's pricing strategy (loaded by Oscar by path). ``StockRecord.price``
includes UK VAT and is what the shopper pays; the VAT inside it is worked out
here so orders record a correct tax breakdown. A sale is decided here only:
the price carries ``was_incl_tax`` when the record's ``was_price`` is higher."""

from decimal import ROUND_HALF_UP
from decimal import Decimal as D

from oscar.apps.partner import prices
from oscar.apps.partner.strategy import Selector as CoreSelector
from oscar.apps.partner.strategy import StockRequired, Structured, UseFirstStockRecord

VAT_RATE = D("0.20")
PENNY = D("0.01")


def vat_included_in(amount):
    """The VAT contained in a VAT-inclusive amount, to the penny."""
    return (amount * VAT_RATE / (1 + VAT_RATE)).quantize(PENNY, ROUND_HALF_UP)


class VATInclusivePrice(prices.TaxInclusiveFixedPrice):
    """A shelf price that already includes VAT, with an optional "was" price."""

    def __init__(self, currency, incl_tax, was_incl_tax=None):
        tax = vat_included_in(incl_tax)
        super().__init__(currency=currency, excl_tax=incl_tax - tax, tax=tax)
        self.was_incl_tax = self.was_excl_tax = None
        if was_incl_tax is not None and was_incl_tax > incl_tax:
            self.was_incl_tax = was_incl_tax
            self.was_excl_tax = was_incl_tax - vat_included_in(was_incl_tax)


class Unavailable(prices.Unavailable):
    """No price; ``was_*`` exist so templates can test them uniformly."""

    was_incl_tax = was_excl_tax = None


class VATInclusiveSalePricing:
    """Pricing mixin: VAT-inclusive stock record prices with sale support."""

    def pricing_policy(self, product, stockrecord):
        if not stockrecord or stockrecord.price is None:
            return Unavailable()
        return VATInclusivePrice(
            currency=stockrecord.price_currency,
            incl_tax=stockrecord.price,
            was_incl_tax=stockrecord.was_price,
        )

    def parent_pricing_policy(self, product, children_stock):
        """A parent shows its cheapest variant's price ("from £x")."""
        priced = [s for _, s in children_stock if s and s.price is not None]
        cheapest = min(priced, key=lambda s: s.price, default=None)
        return self.pricing_policy(product, cheapest)


class Default(UseFirstStockRecord, StockRequired, VATInclusiveSalePricing, Structured):
    """First stock record, stock required to buy, VAT-inclusive sale prices."""


class Selector(CoreSelector):
    """Every shopper gets the same strategy: one partner, one price list."""

    def strategy(self, request=None, user=None, **kwargs):
        return Default(request)
