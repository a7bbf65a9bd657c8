"""Links from the shop to the articles that feature a product."""

from django import template
from django.urls import reverse

from shop.references import articles_featuring

register = template.Library()


@register.inclusion_tag("shop/includes/featured_in.html")
def featured_in(product):
    """{% featured_in product %}: up to six live public articles with a callout
    for it, their URLs from Wagtail's cached site root paths (no Site lookup)."""
    pages = articles_featuring(product)[:6] if getattr(product, "pk", None) else []
    return {"articles": [{"title": p.title, "url": p.get_url()} for p in pages]}


@register.simple_tag
def product_usage(product):
    """Every article (draft or live) with a callout for the product, for staff."""
    if not getattr(product, "pk", None):
        return []
    return [
        {
            "title": page.title,
            "live": page.live,
            "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
            "url": page.url if page.live else "",
        }
        for page in articles_featuring(product, live_only=False)
    ]
