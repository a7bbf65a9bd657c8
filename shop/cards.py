"""Product cards: the shop's one public face for the content side.

Callouts, the home page, search, category pages, the admin chooser and the
callout report show products through :func:`product_cards`, so a product's
live price (sale included) and its availability are decided in one place,
from Oscar's strategy, when the page renders. Nothing here is stored.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.conf import settings
from django.db.models import BooleanField, Exists, ExpressionWrapper, F, OuterRef, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from oscar.core.thumbnails import get_thumbnailer

from shop.catalogue.models import Product
from shop.partner.models import StockRecord
from shop.partner.strategy import Selector

#: The thumbnail every card shows (sorl geometry, cropped square).
CARD_THUMBNAIL_SIZE = "400x400"

IN_STOCK = "instock"
OUT_OF_STOCK = "outofstock"
UNAVAILABLE = "unavailable"


@dataclass(frozen=True)
class ProductCard:
    """What a shopper needs to see and buy one product."""

    product: Product = field(repr=False)
    price: Decimal | None
    was_price: Decimal | None
    currency: str
    availability_code: str
    availability_message: str
    num_in_stock: int | None

    id = property(lambda self: self.product.pk)
    title = property(lambda self: self.product.get_title())
    is_public = property(lambda self: self.product.is_public)
    #: A parent is bought by choosing one of its variants on its page.
    is_parent = property(lambda self: self.product.is_parent)
    is_available = property(lambda self: self.availability_code == IN_STOCK)
    is_discounted = property(lambda self: self.was_price is not None)

    @cached_property
    def url(self):
        return self.product.get_absolute_url()

    @cached_property
    def add_to_basket_url(self):
        return reverse("basket:add", kwargs={"pk": self.id})

    @cached_property
    def image_url(self):
        """The primary image's thumbnail (sorl's key-value store remembers
        it), or None: a card shows no image rather than a broken one when
        the original file is missing."""
        image = self.product.primary_image()
        if isinstance(image, dict):  # Oscar's stand-in when there is none
            return None
        thumbnail = get_thumbnailer().generate_thumbnail(
            image.original, size=CARD_THUMBNAIL_SIZE, crop="center", upscale=False
        )
        return thumbnail.url if thumbnail and thumbnail.size else None


def _availability(product, info):
    """The card's availability (code, message), from Oscar's purchase info:
    the one place the content side's "available" is decided."""
    if not product.is_public:
        return UNAVAILABLE, "No longer available"
    if not info.price.exists:
        return UNAVAILABLE, "Currently unavailable"
    if info.availability.is_available_to_buy:
        return IN_STOCK, str(info.availability.short_message)
    if info.availability.code == OUT_OF_STOCK or product.is_parent:
        return OUT_OF_STOCK, "Out of stock"
    return UNAVAILABLE, "Currently unavailable"


def _card(product, strategy, parent):
    """A card read from the strategy; ``parent`` is the product reloaded
    with its public variants (Oscar's ``prefetch_public_children``) when it
    is a parent."""
    if product.is_parent:
        info = strategy.fetch_for_parent(parent or product)
    else:
        info = strategy.fetch_for_product(product)
    price, stockrecord = info.price, info.stockrecord
    code, message = _availability(product, info)
    return ProductCard(
        product=product,
        price=price.incl_tax if price.exists else None,
        was_price=getattr(price, "was_incl_tax", None),
        currency=price.currency or settings.OSCAR_DEFAULT_CURRENCY,
        availability_code=code,
        availability_message=message,
        num_in_stock=stockrecord.net_stock_level if stockrecord else None,
    )


def _first_available(category, limit):
    """Ids of the first ``limit`` listed products of a category and its
    subcategories, by title, that have stock to sell: a priced stock record
    with stock left, or a product class that tracks none (Oscar's
    ``StockRequired``), for the product or one of its public variants.
    Only narrows the choice: each card still asks the strategy."""
    buyable = StockRecord.objects.filter(price__isnull=False).filter(
        Q(product__product_class__track_stock=False)
        | Q(num_in_stock__gt=Coalesce(F("num_allocated"), 0))
    )
    in_subtree = Product.categories.through.objects.filter(
        product=OuterRef("pk"), category__path__startswith=category.path
    )
    return (
        Product.objects.browsable()
        .filter(Exists(in_subtree))
        .filter(
            Exists(buyable.filter(product=OuterRef("pk")))
            | Exists(
                buyable.filter(product__parent=OuterRef("pk"), product__is_public=True)
            )
        )
        .order_by("title", "pk")
        .values("pk")[:limit]
    )


class ProductCards(dict):
    """Cards keyed by product id; ``in_category`` lists, for each category
    asked for, the cards of its first available products."""

    in_category: dict


def product_cards(product_ids, request=None, categories=None):
    """Cards for the given product ids, keyed by id; a deleted product has
    none.

    ``categories`` maps categories to a number n: the first n available
    products of each are carded too (see ``ProductCards.in_category``).
    The queries are the same few whatever the number of products and
    categories: the products, their stock records and their images, and
    for parent products their public variants with their stock.
    """
    ids = {int(pk) for pk in product_ids if pk is not None}
    shelves = {
        category.pk: _first_available(category, limit)
        for category, limit in (categories or {}).items()
    }
    wanted = Q(pk__in=ids)
    for shelf in shelves.values():
        wanted |= Q(pk__in=shelf)
    on_shelf = {
        f"on_shelf_{pk}": ExpressionWrapper(Q(pk__in=shelf), BooleanField())
        for pk, shelf in shelves.items()
    }
    products = list(
        Product.objects.filter(wanted)
        .annotate(**on_shelf)
        .select_related("product_class", "parent__product_class")
        .prefetch_related("stockrecords", "images", "parent__images")
        .order_by("title", "pk")
    )
    parents = (
        Product.objects.select_related("product_class")
        .prefetch_public_children(
            Product.objects.public().prefetch_related("stockrecords")
        )
        .in_bulk([product.pk for product in products if product.is_parent])
    )
    strategy = getattr(request, "strategy", None) or Selector().strategy()
    cards = ProductCards(
        (product.pk, _card(product, strategy, parents.get(product.pk)))
        for product in products
    )
    cards.in_category = {
        pk: [cards[p.pk] for p in products if getattr(p, f"on_shelf_{pk}")]
        for pk in shelves
    }
    return cards
