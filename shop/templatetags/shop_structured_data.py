"""JSON-LD of the shop's pages: {% product_json_ld %}, {% category_json_ld %}
and {% product_list_json_ld %}; and {% product_category_path %}, a
product's breadcrumb."""

from django import template
from django.utils.html import format_html_join

from shop import structured_data
from site_project.structured_data import json_ld_script

register = template.Library()

register.simple_tag(structured_data.product_category_path)


@register.simple_tag(takes_context=True)
def product_json_ld(context, product, purchase_info, category_path):
    """Product and BreadcrumbList, priced by the page's purchase info."""
    request = context["request"]
    reviews = getattr(product, "approved_review_count", 0)
    data = structured_data.product_data(
        request, product, purchase_info, reviews, category_path
    )
    return format_html_join("", "{}", ((json_ld_script(item),) for item in data))


@register.simple_tag(takes_context=True)
def category_json_ld(context, category_path):
    """BreadcrumbList of a category, given it and its ancestors."""
    request = context["request"]
    return json_ld_script(structured_data.category_data(request, category_path))


@register.simple_tag(takes_context=True)
def product_list_json_ld(context, cards):
    """ItemList of the cards listed, in order."""
    return json_ld_script(structured_data.product_list_data(context["request"], cards))
