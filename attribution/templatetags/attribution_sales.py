"""Revenue by article for the Oscar dashboard's product page
(templates/oscar/dashboard/catalogue/product_update.html)."""

from django import template
from django.conf import settings
from django.db.models import Count, Sum
from wagtail.models import Page

from attribution.models import OrderLineCallout

register = template.Library()


@register.inclusion_tag("attribution/product_sales.html")
def product_sales_by_article(product):
    """The product's attributed orders, units and revenue per article, over
    the order lines still kept (ATTRIBUTION_RETENTION_DAYS), in two queries."""
    rows = []
    if getattr(product, "pk", None):
        rows = list(
            OrderLineCallout.objects.filter(line__product=product)
            .exclude(line__status__in=settings.ATTRIBUTION_UNCOUNTED_LINE_STATUSES)
            .values("page_id")
            .annotate(
                orders=Count("line__order", distinct=True),
                units=Sum("line__quantity"),
                revenue=Sum("line__line_price_incl_tax"),
            )
            .order_by("-revenue")
        )
    pages = Page.objects.in_bulk({row["page_id"] for row in rows} - {None})
    for row in rows:
        page = pages.get(row["page_id"])
        row["title"] = page.title if page else "Deleted article"
    return {"rows": rows, "days": settings.ATTRIBUTION_RETENTION_DAYS}
