"""Product callouts: shop products that editors place in articles.

Three blocks: one product, a hand-picked grid, and a category. None stores a
price or a stock level: the page loads the cards of all its callouts from the
shop at once (:func:`callout_cards`) and each callout reads them from the
template context. An editor's rule says what a callout whose product is out of
stock, hidden or deleted shows: nothing, the product as out of stock, or a
fallback product or category.
"""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from shop.cards import product_cards
from shop.catalogue.models import Category
from shop.choosers import CategoryChooserBlock, ProductChooserBlock

HIDE = "hide"
SHOW_OUT_OF_STOCK = "out_of_stock"
FALLBACK = "fallback"

#: How many products a category callout shows when the editor does not say.
DEFAULT_CATEGORY_LIMIT = 3


def rule_last(*fields):
    """The callout's own fields in form order, then the rule's as settings."""
    rule = ["if_unavailable", "fallback_product", "fallback_category"]
    return blocks.BlockGroup(list(fields), settings=rule)


def chosen_id(raw):
    """The id in a chooser's raw value (a list item arrives as a dict)."""
    if isinstance(raw, dict):
        raw = raw.get("value")
    return int(raw) if raw not in (None, "") else None


def callout_cards(stream, request):
    """The cards of every callout in a StreamField value, from one call to the
    shop, for the page's template context (``product_cards``).

    The callouts then take the products and categories that call loaded as
    their values, rather than have Wagtail load them again field by field and
    block type by block type. A deleted product or category becomes None.
    """
    child_blocks = stream.stream_block.child_blocks
    callouts = [
        (index, raw, child_blocks[raw["type"]])
        for index, raw in enumerate(stream.raw_data)
        if isinstance(child_blocks.get(raw["type"]), CalloutBlock)
    ]
    product_ids, shelves = set(), {}
    for _, raw, _ in callouts:
        value = raw["value"]
        product_ids.update(map(chosen_id, value.get("products") or []))
        product_ids.update(
            chosen_id(value.get(n)) for n in ("product", "fallback_product")
        )
        for name, limit in (
            ("category", value.get("limit") or DEFAULT_CATEGORY_LIMIT),
            ("fallback_category", DEFAULT_CATEGORY_LIMIT),
        ):
            if (pk := chosen_id(value.get(name))) is not None:
                shelves[pk] = max(shelves.get(pk, 0), limit)
    categories = Category.objects.in_bulk(shelves)
    shelves = {categories[pk]: n for pk, n in shelves.items() if pk in categories}
    cards = product_cards(product_ids, request, shelves)
    products = {pk: card.product for pk, card in cards.items()}
    for index, raw, block in callouts:
        value = block.with_objects(raw["value"], products, categories)
        stream[index] = (raw["type"], value, raw.get("id"))
    return cards


def card_of(cards, product):
    return cards.get(product.pk) if product is not None else None


def shelf(cards, category, limit):
    """The available cards among a category's first ``limit``."""
    return [
        card
        for card in cards.in_category.get(category.pk, [])[:limit]
        if card.is_available
    ]


class CalloutBlock(blocks.StructBlock):
    """Base of the three callouts: the button label, and what to do when the
    product is unavailable (each callout's form layout is from :func:`rule_last`)."""

    kind = ""

    if_unavailable = blocks.ChoiceBlock(
        choices=[
            (HIDE, "Hide the callout"),
            (SHOW_OUT_OF_STOCK, "Show it as out of stock, without the add button"),
            (FALLBACK, "Show the fallback product or category below"),
        ],
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
    button_label = blocks.CharBlock(
        required=False, max_length=40, help_text="Defaults to 'Add to basket'."
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

    def with_objects(self, raw, products, categories):
        """``raw`` with its choosers' objects taken from ``products`` and
        ``categories`` (by id), for the StreamValue to normalise."""
        value = {}
        for name, child in self.child_blocks.items():
            if name not in raw:
                value[name] = child.get_default()
            elif isinstance(child, ProductChooserBlock):
                value[name] = products.get(chosen_id(raw[name]))
            elif isinstance(child, CategoryChooserBlock):
                value[name] = categories.get(chosen_id(raw[name]))
            elif isinstance(child, blocks.ListBlock):
                value[name] = [products.get(chosen_id(item)) for item in raw[name]]
            else:
                value[name] = child.to_python(raw[name])
        return value

    def fallback(self, value, cards):
        """(state, cards, category) shown instead by the rule: a fallback or
        nothing."""
        if value.get("if_unavailable") == FALLBACK:
            card = card_of(cards, value.get("fallback_product"))
            if card is not None and card.is_available:
                return "fallback_product", [card], None
            category = value.get("fallback_category")
            if category is not None and category.is_public:
                shown = shelf(cards, category, DEFAULT_CATEGORY_LIMIT)
                if shown:
                    return "fallback_category", shown, category
        return "hidden", [], None

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        request = context.get("request")
        # (state, shown cards, shown category), by each callout's own rule.
        state, shown, category = self.resolve(value, context["product_cards"])
        anchor = f"callout-{context['id']}" if context.get("id") else ""
        path = request.path if request is not None else ""
        is_preview = getattr(request, "is_preview", False)
        page = context.get("page")
        # Which article and callout a basket add, a click or an impression
        # comes from (the attribution app checks that they are real).
        attributed = context.get("id") and page is not None and not is_preview
        context.update(
            {
                "callout_kind": self.kind,
                "callout_state": state,
                "callout_cards": shown,
                "callout_category": category,
                "callout_anchor": anchor,
                "next_url": f"{path}#{anchor}" if anchor else path,
                "is_preview": is_preview,
                "callout_page_id": page.pk if attributed else "",
                "callout_block_id": context["id"] if attributed else "",
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
    layout = blocks.ChoiceBlock(
        choices=[("inline", "Inline card"), ("banner", "Wide banner")],
        default="inline",
    )

    class Meta:
        icon = "tag"
        label = "Product callout"
        description = "A product from the shop with live price and stock"
        template = "blocks/callouts/product_callout.html"
        form_layout = rule_last("product", "headline", "note", "button_label", "layout")

    def resolve(self, value, cards):
        card = card_of(cards, value.get("product"))
        if card is not None and card.is_available:
            return "available", [card], None
        if card is not None and value.get("if_unavailable") == SHOW_OUT_OF_STOCK:
            return "out_of_stock", [card], None
        return self.fallback(value, cards)


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
        form_layout = rule_last("headline", "note", "products", "button_label")

    def resolve(self, value, cards):
        chosen = [card_of(cards, product) for product in value.get("products") or []]
        existing = [card for card in chosen if card is not None]
        available = [card for card in existing if card.is_available]
        if existing and value.get("if_unavailable") == SHOW_OUT_OF_STOCK:
            state = "available" if len(available) == len(existing) else "partial"
            return state, existing, None
        if available:
            return "available", available, None
        return self.fallback(value, cards)


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
        form_layout = rule_last("category", "headline", "note", "limit", "button_label")

    def resolve(self, value, cards):
        category = value.get("category")
        if category is not None and category.is_public:
            limit = value.get("limit") or DEFAULT_CATEGORY_LIMIT
            if shown := shelf(cards, category, limit):
                return "available", shown, category
            if value.get("if_unavailable") == SHOW_OUT_OF_STOCK:
                # An empty category still shows its name, description and link.
                return "out_of_stock", [], category
        return self.fallback(value, cards)


def callout_block_types():
    """(name, block) pairs, fresh instances for each StreamField using them."""
    return [
        ("product_callout", ProductCalloutBlock()),
        ("product_grid", ProductGridBlock()),
        ("category_callout", CategoryCalloutBlock()),
    ]
