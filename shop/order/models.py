from urllib.parse import quote

from django.conf import settings
from django.db import models
from oscar.apps.order.models import *  # noqa: F403


class Dispatch(models.Model):
    """A parcel handed to a carrier, with the number to track it by."""

    order = models.ForeignKey(
        "order.Order",
        on_delete=models.CASCADE,
        related_name="dispatches",
    )
    carrier = models.CharField(max_length=64)
    tracking_number = models.CharField(max_length=64)
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.order.number}: {self.carrier} {self.tracking_number}"

    @property
    def carrier_name(self):
        return settings.SHOP_CARRIERS.get(self.carrier, {}).get("name", self.carrier)

    @property
    def tracking_url(self):
        template = settings.SHOP_CARRIERS.get(self.carrier, {}).get("tracking_url")
        if not template:
            return ""
        return template.format(tracking=quote(self.tracking_number, safe=""))
