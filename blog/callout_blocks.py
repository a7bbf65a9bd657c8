"""Product callouts: shoppable product cards that editors place in articles.

Three blocks: one product, a hand-picked grid, and a category. None of them
stores a price or a stock level: at render time every callout on the page
asks the shop for its cards in one bulk call (see :func:`page_callout_cards`),
so an article shows what the shop charges and holds right now.

Each callout has an editor's rule for when its product is unavailable (out of
stock, hidden from the shop, or deleted): hide the callout, show it as out of
stock without the add button, or show a fallback product or category.
"""

import contextvars
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from shop.cards import (
    cards_for_products,
    category_product_ids,
    product_cards,
    products_for_cards,
)
from shop.catalogue.models import Category
from shop.choosers import CategoryChooserBlock as BaseCategoryChooserBlock
from shop.choosers import ProductChooserBlock as BaseProductChooserBlock
from shop.choosers import chosen_id

#: Products and categories a page loaded for all its callouts at once, while
#: its StreamFields turn raw ids into objects (see :func:`preload_stream_cards`).
_preloaded = contextvars.ContextVar("callout_preloaded", default=None)


class _PreloadedChooserMixin:
    """A chooser block that takes its objects from the page's one bulk load
    when there is one, and loads only what is missing itself."""

    preloaded_key = ""

    def bulk_to_python(self, values):
        preloaded = _preloaded.get()
        if preloaded is None:
            return super().bulk_to_python(values)
        objects = preloaded[self.preloaded_key]
        missing = [
            value
            for value in values
            if chosen_id(value) is not None and chosen_id(value) not in objects
        ]
        if missing:
            loaded = super().bulk_to_python(missing)
            objects.update({obj.pk: obj for obj in loaded if obj is not None})
        return [objects.get(chosen_id(value)) for value in values]


class ProductChooserBlock(_PreloadedChooserMixin, BaseProductChooserBlock):
    preloaded_key = "products"
    # Same block as the shop's in migrations: only the loading differs.
    canonical_module_path = "shop.choosers.ProductChooserBlock"


class CategoryChooserBlock(_PreloadedChooserMixin, BaseCategoryChooserBlock):
    preloaded_key = "categories"
    canonical_module_path = "shop.choosers.CategoryChooserBlock"


HIDE = "hide"
SHOW_OUT_OF_STOCK = "out_of_stock"
FALLBACK = "fallback"

UNAVAILABLE_CHOICES = [
    (HIDE, "Hide the callout"),
    (SHOW_OUT_OF_STOCK, "Show it as out of stock, without the add button"),
    (FALLBACK, "Show the fallback product or category below"),
]

LAYOUT_CHOICES = [("inline", "Inline card"), ("banner", "Wide banner")]

#: How many products a category callout shows when the editor does not say.
DEFAULT_CATEGORY_LIMIT = 3


#: The rule's fields, shown as every callout's settings.
UNAVAILABLE_RULE_BLOCKS = ("if_unavailable", "fallback_product", "fallback_category")


class UnavailableRuleBlock(blocks.StructBlock):
    """Fields every callout shares: what to do when its product is unavailable."""

    if_unavailable = blocks.ChoiceBlock(
        choices=UNAVAILABLE_CHOICES,
        default=HIDE,
        label="If unavailable",
        help_text="Out of stock, hidden from the shop or deleted.",
    )
    fallback_product = ProductChooserBlock(
        required=False, help_text="Shown instead when the rule is 'fallback'."
    )
    fallback_category = CategoryChooserBlock(
        required=False,
        help_text="Shown instead when the rule is 'fallback' and there is no "
        "available fallback product.",
    )

    def clean(self, value):
        value = super().clean(value)
        if (
            value.get("if_unavailable") == FALLBACK
            and value.get("fallback_product") is None
            and value.get("fallback_category") is None
        ):
            raise StructBlockValidationError(
                block_errors={
                    "fallback_product": ValidationError(
                        "Choose a fallback product or category, or pick another rule."
                    )
                }
            )
        return value

    def collect(self, value, wanted):
        """Record the products and categories this callout may show."""
        wanted.add_product(value.get("fallback_product"))
        wanted.add_category(value.get("fallback_category"), DEFAULT_CATEGORY_LIMIT)


@dataclass
class WantedCards:
    """Everything the callouts of one page need, gathered before any card."""

    products: list = field(default_factory=list)
    category_limits: dict = field(default_factory=dict)
    categories: dict = field(default_factory=dict)

    def add_product(self, product):
        if product is not None:
            self.products.append(product)

    def add_category(self, category, limit):
        if category is not None:
            self.categories[category.pk] = category
            current = self.category_limits.get(category.pk, 0)
            self.category_limits[category.pk] = max(current, limit)


@dataclass
class CalloutCards:
    """Live cards for every product the page's callouts may show."""

    products: dict
    category_products: dict

    def card(self, product):
        return self.products.get(product.pk) if product is not None else None

    def category_cards(self, category, limit):
        ids = self.category_products.get(category.pk, [])[:limit]
        return [self.products[pk] for pk in ids if pk in self.products]


def load_callout_cards(wanted, request):
    """Turn what the callouts want into cards: chosen products were already
    bulk-loaded by their chooser blocks; a category costs one id query, and
    all category products are carded together in one ``product_cards`` call."""
    category_products = {
        pk: category_product_ids(category, wanted.category_limits[pk], request)
        for pk, category in wanted.categories.items()
    }
    cards = cards_for_products(wanted.products, request)
    extra_ids = {
        pk for ids in category_products.values() for pk in ids if pk not in cards
    }
    cards.update(product_cards(extra_ids, request))
    return CalloutCards(products=cards, category_products=category_products)


PRODUCT_KEYS = ("product", "fallback_product")
CATEGORY_KEYS = ("category", "fallback_category")


def _wanted_ids(stream_values):
    """Product ids and {category id: product limit} of every callout in the
    raw data of the given StreamField values (no query)."""
    product_ids = set()
    category_limits = {}
    for stream_value in stream_values:
        for child in stream_value.raw_data:
            block = stream_value.stream_block.child_blocks.get(child.get("type"))
            value = child.get("value")
            if not isinstance(block, CalloutBlock) or not isinstance(value, dict):
                continue
            product_ids.update(chosen_id(value.get(key)) for key in PRODUCT_KEYS)
            product_ids.update(chosen_id(item) for item in value.get("products") or [])
            for key in CATEGORY_KEYS:
                pk = chosen_id(value.get(key))
                if pk is None:
                    continue
                limit = DEFAULT_CATEGORY_LIMIT
                if key == "category":
                    limit = chosen_id(value.get("limit")) or DEFAULT_CATEGORY_LIMIT
                category_limits[pk] = max(category_limits.get(pk, 0), limit)
    product_ids.discard(None)
    return product_ids, category_limits


def preload_stream_cards(stream_values, request):
    """Cards for every callout of the given StreamField values, loaded before
    the blocks are: one query for the categories, one per category for its
    product ids, and ONE bulk product load (``shop.cards``) for every product
    of every callout; the chooser blocks then take their objects from it."""
    product_ids, category_limits = _wanted_ids(stream_values)
    categories = Category.objects.in_bulk(list(category_limits))
    category_products = {
        pk: category_product_ids(category, category_limits[pk], request)
        for pk, category in categories.items()
    }
    for ids in category_products.values():
        product_ids.update(ids)
    products = products_for_cards(product_ids)
    token = _preloaded.set({"products": products, "categories": categories})
    try:
        for stream_value in stream_values:
            list(stream_value)  # turns raw ids into objects, block type by type
    finally:
        _preloaded.reset(token)
    return CalloutCards(
        products=cards_for_products(products.values(), request),
        category_products=category_products,
    )


def stream_callout_cards(stream_values, request):
    """Cards for every callout in the given StreamField values, in bulk."""
    wanted = WantedCards()
    for stream_value in stream_values:
        for child in stream_value:
            if isinstance(child.block, CalloutBlock):
                child.block.collect(child.value, wanted)
    return load_callout_cards(wanted, request)


def page_callout_cards(page, request):
    """The callout cards of every StreamField on a page, once per request."""
    cached = getattr(page, "_callout_cards", None)
    if cached is not None and cached[0] is request:
        return cached[1]
    stream_values = [
        getattr(page, field.name)
        for field in page._meta.get_fields()
        if field.__class__.__name__ == "StreamField"
    ]
    cards = preload_stream_cards(stream_values, request)
    page._callout_cards = (request, cards)
    return cards


def _callout_cards(block, value, parent_context):
    context = parent_context or {}
    request = context.get("request")
    page = context.get("page") or context.get("self")
    if page is not None and hasattr(page, "_meta"):
        return page_callout_cards(page, request)
    # Rendered outside a page (e.g. on its own in a test): just this callout.
    wanted = WantedCards()
    block.collect(value, wanted)
    return load_callout_cards(wanted, request)


class CalloutBlock(UnavailableRuleBlock):
    """Base of the three callouts: the button label, the rule, the anchor and
    the return path.

    A callout's ``Meta.form_layout`` lists its own fields in form order
    (``button_label`` included); the unavailable rule's fields follow them as
    the form's settings.
    """

    kind = ""

    button_label = blocks.CharBlock(
        required=False, max_length=40, help_text="Defaults to 'Add to basket'."
    )

    def get_form_layout(self):
        layout = self.meta.form_layout
        if isinstance(layout, blocks.BlockGroup):
            return layout
        return blocks.BlockGroup(
            children=list(layout or []), settings=list(UNAVAILABLE_RULE_BLOCKS)
        )

    def resolve(self, value, cards):
        """(state, shown cards, shown category) for this callout."""
        raise NotImplementedError

    def apply_rule(self, value, cards, unavailable_cards):
        rule = value.get("if_unavailable") or HIDE
        if rule == SHOW_OUT_OF_STOCK and unavailable_cards:
            return "out_of_stock", unavailable_cards, None
        if rule == FALLBACK:
            fallback = cards.card(value.get("fallback_product"))
            if fallback is not None and fallback.is_available:
                return "fallback_product", [fallback], None
            category = value.get("fallback_category")
            if category is not None and category.is_public:
                category_cards = [
                    card
                    for card in cards.category_cards(category, DEFAULT_CATEGORY_LIMIT)
                    if card.is_available
                ]
                if category_cards:
                    return "fallback_category", category_cards, category
        return "hidden", [], None

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        parent_context = parent_context or {}
        cards = _callout_cards(self, value, parent_context)
        state, shown, category = self.resolve(value, cards)
        block_id = parent_context.get("id") or ""
        anchor = f"callout-{block_id}" if block_id else ""
        request = parent_context.get("request")
        path = request.path if request is not None else ""
        context.update(
            {
                "callout_kind": self.kind,
                "callout_state": state,
                "callout_cards": shown,
                "callout_category": category,
                "callout_anchor": anchor,
                "next_url": f"{path}#{anchor}" if anchor else path,
                "is_preview": getattr(request, "is_preview", False),
            }
        )
        return context


class ProductCalloutBlock(CalloutBlock):
    """One product the editor recommends, with a note on why."""

    kind = "product"

    product = ProductChooserBlock()
    headline = blocks.CharBlock(required=False, max_length=120)
    note = blocks.TextBlock(
        required=False,
        max_length=500,
        label="Why we recommend it",
        help_text="An editor's note shown beside the product.",
    )
    layout = blocks.ChoiceBlock(choices=LAYOUT_CHOICES, default="inline")

    class Meta:
        icon = "tag"
        label = "Product callout"
        description = "A product from the shop with live price and stock"
        template = "blocks/callouts/product_callout.html"
        form_layout = ["product", "headline", "note", "button_label", "layout"]

    def collect(self, value, wanted):
        wanted.add_product(value.get("product"))
        super().collect(value, wanted)

    def resolve(self, value, cards):
        card = cards.card(value.get("product"))
        if card is not None and card.is_available:
            return "available", [card], None
        return self.apply_rule(value, cards, [card] if card is not None else [])


class ProductGridBlock(CalloutBlock):
    """Two to six hand-picked products, in the editor's order."""

    kind = "grid"

    headline = blocks.CharBlock(required=False, max_length=120)
    note = blocks.TextBlock(required=False, max_length=500, label="Introduction")
    products = blocks.ListBlock(ProductChooserBlock(), min_num=2, max_num=6)

    class Meta:
        icon = "grip"
        label = "Product grid"
        description = "Two to six products side by side"
        template = "blocks/callouts/product_grid.html"
        form_layout = ["headline", "note", "products", "button_label"]

    def collect(self, value, wanted):
        for product in value.get("products") or []:
            wanted.add_product(product)
        super().collect(value, wanted)

    def resolve(self, value, cards):
        chosen = [cards.card(product) for product in value.get("products") or []]
        existing = [card for card in chosen if card is not None]
        available = [card for card in existing if card.is_available]
        rule = value.get("if_unavailable") or HIDE
        if rule == SHOW_OUT_OF_STOCK and existing:
            state = "available" if len(available) == len(existing) else "partial"
            return state, existing, None
        if available:
            return "available", available, None
        return self.apply_rule(value, cards, existing)


class CategoryCalloutBlock(CalloutBlock):
    """A catalogue category: its name, description and first few products."""

    kind = "category"

    category = CategoryChooserBlock()
    headline = blocks.CharBlock(
        required=False, max_length=120, help_text="Defaults to the category name."
    )
    note = blocks.TextBlock(required=False, max_length=500, label="Editor's note")
    limit = blocks.IntegerBlock(
        min_value=1,
        max_value=6,
        default=DEFAULT_CATEGORY_LIMIT,
        help_text="How many of its available products to show.",
    )

    class Meta:
        icon = "folder-open-inverse"
        label = "Category callout"
        description = "A shop category with its first few products"
        template = "blocks/callouts/category_callout.html"
        form_layout = ["category", "headline", "note", "limit", "button_label"]

    def collect(self, value, wanted):
        wanted.add_category(
            value.get("category"), value.get("limit") or DEFAULT_CATEGORY_LIMIT
        )
        super().collect(value, wanted)

    def resolve(self, value, cards):
        category = value.get("category")
        if category is None or not category.is_public:
            return self.apply_rule(value, cards, [])
        limit = value.get("limit") or DEFAULT_CATEGORY_LIMIT
        shown = [
            card for card in cards.category_cards(category, limit) if card.is_available
        ]
        if shown:
            return "available", shown, category
        if (value.get("if_unavailable") or HIDE) == SHOW_OUT_OF_STOCK:
            # An empty category still shows its name, description and link.
            return "out_of_stock", [], category
        return self.apply_rule(value, cards, [])


def callout_block_types():
    """(name, block) pairs, fresh instances for each StreamField using them."""
    return [
        ("product_callout", ProductCalloutBlock()),
        ("product_grid", ProductGridBlock()),
        ("category_callout", CategoryCalloutBlock()),
    ]


#: Appended to the article body's block types (blog/blocks.py).
CALLOUT_BLOCKS = callout_block_types()
