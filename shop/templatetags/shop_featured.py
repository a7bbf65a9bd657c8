"""Back links from the shop to the articles that feature a product."""

from django import template
from django.urls import reverse

from shop.references import articles_featuring

register = template.Library()

#: The product page lists at most this many articles.
FEATURED_IN_LIMIT = 6


@register.inclusion_tag("shop/includes/featured_in.html")
def featured_in(product):
    """{% featured_in product %}: live public articles with a callout for it.
    Their URLs come from Wagtail's cached site root paths (no request, so no
    Site lookup for it): relative on a one-site install."""
    articles = []
    if getattr(product, "pk", None):
        for page in articles_featuring(product)[:FEATURED_IN_LIMIT]:
            articles.append({"title": page.title, "url": page.get_url()})
    return {"articles": articles}


@register.simple_tag
def product_usage(product):
    """Every article (draft or live) with a callout for the product, for staff:
    a list of dicts with the title, whether it is live, and admin links."""
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
