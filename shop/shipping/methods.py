"""The shop's delivery options, priced including VAT like everything else."""

from decimal import Decimal as D

from oscar.apps.shipping import methods as core_methods
from oscar.core import prices

from shop.partner.strategy import vat_included_in


def vat_inclusive_charge(currency, amount):
    excl_tax = amount - vat_included_in(amount)
    return prices.Price(currency=currency, excl_tax=excl_tax, incl_tax=amount)


class Standard(core_methods.Base):
    """Tracked delivery in 2–4 working days; free from ``free_from`` incl. VAT."""

    code = "standard"
    name = "Standard delivery (2–4 working days)"
    charge = D("3.95")
    free_from = D("50.00")
    description = (
        f"£{charge} — free on orders of £{free_from} or more. "
        "Tracked, delivered in 2–4 working days."
    )

    def calculate(self, basket):
        free = basket.total_incl_tax >= self.free_from
        return vat_inclusive_charge(basket.currency, D("0.00") if free else self.charge)


class Express(core_methods.Base):
    """Next working day delivery when ordered before 2pm."""

    code = "express"
    name = "Express delivery (next working day)"
    charge = D("7.95")
    description = "£7.95. Order before 2pm for delivery the next working day."

    def calculate(self, basket):
        return vat_inclusive_charge(basket.currency, self.charge)
