"""schema.org data of the shop's pages, from the same purchase info and
cards the pages print: a price in the JSON-LD is the price on the page."""

import html
import re

from django.urls import reverse
from django.utils.html import strip_tags

from site_project.structured_data import SCHEMA_ORG, breadcrumb_list, item_list

# What a product page says in its description, at most.
DESCRIPTION_LENGTH = 5000
GTIN13 = re.compile(r"\d{13}")
BLOCK_TAG = re.compile(r"</?(?:p|br|li|ul|ol|div|h[1-6]|tr|td|th|blockquote)\b", re.I)
# Oscar's review scores run from 0 to 5.
WORST_SCORE, BEST_SCORE = 0, 5


def plain_text(markup):
    """Rich text as one line of plain text."""
    # A space before each block's tags keeps "</p><p>" from joining two
    # sentences; inline tags ("<b>") stay where they are.
    text = strip_tags(BLOCK_TAG.sub(r" \g<0>", markup or ""))
    return " ".join(html.unescape(text).split())


def product_category_path(product):
    """The product's first public category and those above it, outermost
    first: its breadcrumb."""
    category = next(iter(product.get_categories()), None)
    return category.get_ancestors_and_self() if category else []


def shop_crumbs(request, categories):
    """Home, the shop and the given categories, as (name, absolute URL)."""
    absolute = request.build_absolute_uri
    yield "Home", absolute("/")
    yield "Shop", absolute(reverse("catalogue:index"))
    for category in categories:
        yield category.name, absolute(category.get_absolute_url())


def product_data(request, product, purchase_info, approved_reviews, category_path):
    """Product (with its offer and rating) and BreadcrumbList of a product
    page; ``purchase_info`` is the one the page prints its price from,
    ``category_path`` its first category and those above, outermost first."""
    url = request.build_absolute_uri(product.get_absolute_url())
    data = {
        "@context": SCHEMA_ORG,
        "@type": "Product",
        "name": product.get_title(),
        "url": url,
    }
    description = plain_text(product.description)[:DESCRIPTION_LENGTH]
    if description:
        data["description"] = description
    image = product.primary_image()
    if not isinstance(image, dict):  # Oscar's stand-in when there is none
        data["image"] = [request.build_absolute_uri(image.original.url)]
    record = purchase_info.stockrecord
    if record is not None and record.partner_sku:
        data["sku"] = record.partner_sku
    if product.upc and GTIN13.fullmatch(product.upc):
        data["gtin13"] = product.upc
    price = purchase_info.price
    if price.exists and price.is_tax_known:
        data["offers"] = {
            "@type": "Offer",
            "url": url,
            "price": f"{price.incl_tax:.2f}",
            "priceCurrency": price.currency,
            "availability": SCHEMA_ORG
            + (
                "/InStock"
                if purchase_info.availability.is_available_to_buy
                else "/OutOfStock"
            ),
        }
    if approved_reviews and product.rating is not None:
        data["aggregateRating"] = {
            "@type": "AggregateRating",
            "ratingValue": round(product.rating, 1),
            "reviewCount": approved_reviews,
            "bestRating": BEST_SCORE,
            "worstRating": WORST_SCORE,
        }
    crumbs = [*shop_crumbs(request, category_path), (product.get_title(), url)]
    return [data, breadcrumb_list(crumbs)]


def category_data(request, category_path):
    """BreadcrumbList of a category page, given the category and those above
    it, outermost first."""
    return breadcrumb_list(shop_crumbs(request, category_path))


def product_list_data(request, cards):
    """ItemList of the product cards on a list page, in their order."""
    return item_list(request.build_absolute_uri(card.url) for card in cards)
