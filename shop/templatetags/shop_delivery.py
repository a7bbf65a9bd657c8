"""The delivery options in a product page's summary, from the shipping
methods themselves, so their prices are stated in one place."""

from django import template

from shop.shipping.methods import Express, Standard

register = template.Library()


@register.inclusion_tag("shop/includes/delivery_summary.html")
def delivery_summary():
    """{% delivery_summary %}: delivery options and links to the delivery
    and returns pages."""
    return {"standard": Standard, "express": Express}
