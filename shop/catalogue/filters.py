"""Filters for the category and catalogue pages: a price band, in stock only
and the attributes the listed products share, read from plain GET
parameters (``price``, ``stock``, ``attr_<code>``) so every combination is a
link a shared cache can hold. A value that is not offered is ignored.

Each value's count is the number of products the list would have with that
value chosen instead of the group's current one, the other groups' filters
kept (standard faceting: counts within the other filters)."""

import re
from dataclasses import dataclass
from decimal import Decimal as D
from functools import cached_property

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    Min,
    OuterRef,
    Q,
    Subquery,
)
from django.http import QueryDict

from shop.cards import available_to_buy
from shop.catalogue.models import ProductAttribute, ProductAttributeValue
from shop.partner.models import StockRecord


@dataclass(frozen=True)
class PriceBand:
    key: str
    label: str
    low: D | None
    high: D | None

    def q(self):
        """Products whose shelf price is in the band (from ``low``, below
        ``high``)."""
        q = Q()
        if self.low is not None:
            q &= Q(shelf_price__gte=self.low)
        if self.high is not None:
            q &= Q(shelf_price__lt=self.high)
        return q


PRICE_BANDS = {
    band.key: band
    for band in (
        PriceBand("under-25", "Under £25", None, D(25)),
        PriceBand("25-50", "£25 to £50", D(25), D(50)),
        PriceBand("50-100", "£50 to £100", D(50), D(100)),
        PriceBand("100-and-over", "£100 and over", D(100), None),
    )
}
PRICE_PARAM = "price"
STOCK_PARAM = "stock"
ATTRIBUTE_PREFIX = "attr_"
# Oscar's rule for attribute codes.
ATTRIBUTE_CODE = re.compile(r"[a-zA-Z_][0-9a-zA-Z_]*")
# Types with values shoppers choose between (not numbers, dates or files).
FILTERED_TYPES = (
    ProductAttribute.TEXT,
    ProductAttribute.OPTION,
    ProductAttribute.BOOLEAN,
)
BOOLEAN_VALUES = {"yes": True, "no": False}
# The most common values of an attribute are offered, in name order.
VALUES_PER_ATTRIBUTE = 20


def with_shelf_price(products):
    """The price the list shows and sorts by: the first stock record's."""
    first = StockRecord.objects.filter(product=OuterRef("pk")).order_by("pk")
    return products.annotate(shelf_price=Subquery(first.values("price")[:1]))


def attribute_value_key(row):
    """The URL value of one attribute value row: the text or the option, or
    yes / no."""
    if row["attribute__type"] == ProductAttribute.BOOLEAN:
        if row["value_boolean"] is None:
            return None
        return "yes" if row["value_boolean"] else "no"
    if row["attribute__type"] == ProductAttribute.OPTION:
        return row["value_option__option"] or None
    return row["value_text"] or None


def attribute_q(code, key):
    """Products with the value ``key`` of the attribute ``code``."""
    rows = ProductAttributeValue.objects.filter(
        product=OuterRef("pk"), attribute__code=code
    )
    matches = Q(attribute__type=ProductAttribute.TEXT, value_text=key) | Q(
        attribute__type=ProductAttribute.OPTION, value_option__option=key
    )
    if key in BOOLEAN_VALUES:
        matches |= Q(
            attribute__type=ProductAttribute.BOOLEAN,
            value_boolean=BOOLEAN_VALUES[key],
        )
    return Q(Exists(rows.filter(matches)))


def attribute_counts(rows):
    """``{code: {key: count}}`` from grouped attribute value rows."""
    counts = {}
    for row in rows:
        key = attribute_value_key(row)
        if key is not None:
            values = counts.setdefault(row["attribute__code"], {})
            values[key] = values.get(key, 0) + row["products"]
    return counts


def grouped_values(values):
    return values.order_by().values(
        "attribute__code",
        "attribute__type",
        "value_text",
        "value_option__option",
        "value_boolean",
    )


@dataclass(frozen=True)
class FilterValue:
    label: str
    count: int
    url: str
    selected: bool


@dataclass(frozen=True)
class FilterGroup:
    param: str
    title: str
    values: list

    @property
    def selected(self):
        return next((value for value in self.values if value.selected), None)


@dataclass(frozen=True)
class SelectedFilter:
    title: str
    label: str
    remove_url: str


class AttributeFacet:
    """An attribute the listed products share, and its most common values."""

    def __init__(self, code, name, counts):
        self.code = code
        self.name = name
        self.param = ATTRIBUTE_PREFIX + code
        common = sorted(counts, key=lambda key: (-counts[key], key))
        self.keys = set(common[:VALUES_PER_ATTRIBUTE])

    def label(self, key):
        return {"yes": "Yes", "no": "No"}.get(key, key) if self.is_boolean else key

    @property
    def is_boolean(self):
        return self.keys <= set(BOOLEAN_VALUES)

    def ordered(self, keys):
        if self.is_boolean:
            return [key for key in BOOLEAN_VALUES if key in keys]
        return sorted(keys, key=str.casefold)


class ProductFilters:
    """The filters chosen in ``query`` for the products ``listed`` (a
    queryset of the page's products, unsorted and unfiltered), with links
    that keep the other parameters, in name order, and drop the page."""

    def __init__(self, path, query, listed, kept=None):
        self.path = path
        self.listed = listed
        self.kept = kept or {}
        self.price = PRICE_BANDS.get(query.get(PRICE_PARAM))
        self.in_stock = query.get(STOCK_PARAM) == "1"
        self.requested_attributes = {
            name.removeprefix(ATTRIBUTE_PREFIX): value
            for name, value in query.items()
            if name.startswith(ATTRIBUTE_PREFIX)
            and ATTRIBUTE_CODE.fullmatch(name.removeprefix(ATTRIBUTE_PREFIX))
            and value
        }

    @cached_property
    def listed_attribute_counts(self):
        """``{code: {key: count}}`` over all the listed products, and each
        attribute's name."""
        rows = grouped_values(
            ProductAttributeValue.objects.filter(
                product__in=self.listed.values("pk"),
                attribute__type__in=FILTERED_TYPES,
            )
        ).annotate(products=Count("product_id"), name=Min("attribute__name"))
        rows = list(rows)
        return attribute_counts(rows), {
            row["attribute__code"]: row["name"] for row in rows
        }

    @cached_property
    def facets(self):
        """The attributes offered, by name: those with a value that at least
        two listed products share."""
        counts, names = self.listed_attribute_counts
        return sorted(
            (
                AttributeFacet(code, names[code], values)
                for code, values in counts.items()
                if max(values.values()) >= 2
            ),
            key=lambda facet: (facet.name.casefold(), facet.code),
        )

    @cached_property
    def attributes(self):
        """``{code: key}`` of the attribute values chosen and offered."""
        if not self.requested_attributes:
            return {}
        return {
            facet.code: self.requested_attributes[facet.code]
            for facet in self.facets
            if self.requested_attributes.get(facet.code) in facet.keys
        }

    @property
    def is_active(self):
        return bool(self.price or self.in_stock or self.attributes)

    def params(self):
        """The page's canonical parameters, without the page number."""
        params = dict(self.kept)
        if self.price:
            params[PRICE_PARAM] = self.price.key
        if self.in_stock:
            params[STOCK_PARAM] = "1"
        for code, key in self.attributes.items():
            params[ATTRIBUTE_PREFIX + code] = key
        return params

    def url(self, **changes):
        """This list's URL with parameters changed (None removes one)."""
        params = self.params()
        params.update(changes)
        query = QueryDict(mutable=True)
        for name in sorted(params):
            if params[name] is not None:
                query[name] = params[name]
        return f"{self.path}?{query.urlencode()}" if query else self.path

    def clear_url(self):
        return self.url(**dict.fromkeys(self.params().keys() - self.kept.keys()))

    def hidden_fields(self):
        """The filters as (name, value), for the sort form."""
        return sorted(self.params().items() - self.kept.items())

    def q(self, without=None):
        """The chosen filters as one condition on products annotated with
        ``shelf_price``; ``without``: a parameter left out."""
        q = Q()
        if self.price and without != PRICE_PARAM:
            q &= self.price.q()
        if self.in_stock and without != STOCK_PARAM:
            q &= available_to_buy()
        for code, key in self.attributes.items():
            if without != ATTRIBUTE_PREFIX + code:
                q &= attribute_q(code, key)
        return q

    def apply(self, products):
        """``products`` (annotated with ``shelf_price``) narrowed to the
        chosen filters."""
        return products.filter(self.q()) if self.is_active else products

    @cached_property
    def groups(self):
        """The filter groups with their values and counts, in a fixed number
        of queries: the shared attributes, the price bands and stock in one
        aggregate and, with filters chosen, the attribute counts."""
        groups = []
        price_and_stock = self.price_and_stock_counts()
        groups.append(
            FilterGroup(
                PRICE_PARAM,
                "Price",
                [
                    FilterValue(
                        band.label,
                        price_and_stock[band.key],
                        self.url(**{PRICE_PARAM: None if band == self.price else key}),
                        band == self.price,
                    )
                    for key, band in PRICE_BANDS.items()
                    if price_and_stock[band.key] or band == self.price
                ],
            )
        )
        if price_and_stock[STOCK_PARAM] or self.in_stock:
            groups.append(
                FilterGroup(
                    STOCK_PARAM,
                    "Availability",
                    [
                        FilterValue(
                            "In stock only",
                            price_and_stock[STOCK_PARAM],
                            self.url(**{STOCK_PARAM: None if self.in_stock else "1"}),
                            self.in_stock,
                        )
                    ],
                )
            )
        counts = self.attribute_value_counts()
        for facet in self.facets:
            facet_counts = counts.get(facet.code, {})
            chosen = self.attributes.get(facet.code)
            keys = [key for key in facet.keys if facet_counts.get(key) or key == chosen]
            values = [
                FilterValue(
                    facet.label(key),
                    facet_counts.get(key, 0),
                    self.url(**{facet.param: None if key == chosen else key}),
                    key == chosen,
                )
                for key in facet.ordered(keys)
            ]
            if values:
                groups.append(FilterGroup(facet.param, facet.name, values))
        return [group for group in groups if group.values]

    def selected(self):
        """The chosen filters, each with a link that removes it."""
        return [
            SelectedFilter(group.title, group.selected.label, group.selected.url)
            for group in self.groups
            if group.selected
        ]

    def price_and_stock_counts(self):
        products = with_shelf_price(self.listed)
        for code, key in self.attributes.items():
            products = products.filter(attribute_q(code, key))
        # Annotated, so the aggregate counts over one computed row each.
        products = products.annotate(
            available=ExpressionWrapper(available_to_buy(), BooleanField())
        )
        in_band = self.price.q() if self.price else Q()
        in_stock = Q(available=True) if self.in_stock else Q()
        return products.aggregate(
            **{
                key: Count("pk", filter=band.q() & in_stock)
                for key, band in PRICE_BANDS.items()
            },
            **{STOCK_PARAM: Count("pk", filter=Q(available=True) & in_band)},
        )

    def attribute_value_counts(self):
        """``{code: {key: count}}`` within the other filters: one grouped
        query for the attributes not chosen and, in the same query, one for
        each attribute chosen (counted without its own value)."""
        if not self.is_active:
            return self.listed_attribute_counts[0]
        values = ProductAttributeValue.objects.filter(
            attribute__type__in=FILTERED_TYPES
        )
        filtered = with_shelf_price(self.listed)
        not_chosen = [
            facet.code for facet in self.facets if facet.code not in self.attributes
        ]
        parts = [
            grouped_values(
                values.filter(
                    attribute__code__in=not_chosen,
                    product__in=filtered.filter(self.q()).values("pk"),
                )
            ).annotate(products=Count("product_id"))
        ]
        for code in self.attributes:
            others = filtered.filter(self.q(without=ATTRIBUTE_PREFIX + code))
            parts.append(
                grouped_values(
                    values.filter(attribute__code=code, product__in=others.values("pk"))
                ).annotate(products=Count("product_id"))
            )
        return attribute_counts(parts[0].union(*parts[1:], all=True))
