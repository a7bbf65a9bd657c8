"""Forked Oscar partner app: a "was" price for sales, and no overselling."""

from django.db import models
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from oscar.apps.partner.abstract_models import AbstractStockRecord

from shop.partner.exceptions import InsufficientStock


class StockRecord(AbstractStockRecord):
    """A partner's stock and price (VAT included) for a product, with the
    price before a sale, shown struck through when greater."""

    was_price = models.DecimalField(
        _("Was price (incl. VAT)"),
        decimal_places=2,
        max_digits=12,
        blank=True,
        null=True,
        help_text=_(
            "The price before a sale. Shown struck through next to the price "
            "when it is higher; leave empty when the product is not on sale."
        ),
    )

    class Meta(AbstractStockRecord.Meta):
        app_label = "partner"

    def allocate(self, quantity):
        """Oscar's allocation, after locking the row and reading the free stock
        again (Oscar's lets two checkouts take the last unit); inside the
        caller's transaction."""
        if self.can_track_allocations:
            locked = type(self).objects.select_for_update().get(pk=self.pk)
            free = (locked.num_in_stock or 0) - (locked.num_allocated or 0)
            if quantity > free:
                raise InsufficientStock(self.product.get_title(), max(free, 0))
        super().allocate(quantity)

    def restock(self, quantity):
        """Goods that came back (an accepted return) are in stock again."""
        if not self.can_track_allocations:
            return
        self.pre_save_signal()
        type(self).objects.filter(pk=self.pk).update(
            num_in_stock=Coalesce(F("num_in_stock"), 0) + quantity
        )
        self.refresh_from_db(fields=["num_in_stock"])
        self.post_save_signal()

    restock.alters_data = True


from oscar.apps.partner.models import *  # noqa: E402, F403
