"""Product cards: the shop's one public face for the content side (callouts,
the home page, search, the admin chooser, the callout report), priced by
Oscar's strategy when the page renders. Nothing here is stored."""

from functools import cached_property

from django.db.models import BooleanField, Exists, ExpressionWrapper, F, OuterRef, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from oscar.core.thumbnails import get_thumbnailer

from shop.catalogue.models import Product
from shop.partner.models import StockRecord
from shop.partner.strategy import Selector

IN_STOCK = "instock"
OUT_OF_STOCK = "outofstock"
UNAVAILABLE = "unavailable"
# Widths a card shows its picture at (inline and grid) and twice those.
CARD_IMAGE_WIDTHS = (120, 240, 480)


class ProductCard:
    """What a shopper needs to see and buy one product, read from Oscar's
    purchase info: the one place the content side's "available" is decided."""

    def __init__(self, product, info):
        price, stock = info.price, info.availability
        self.product = product
        self.id = product.pk
        self.title = product.get_title()
        self.is_public = product.is_public
        # A parent is bought by choosing one of its variants on its page.
        self.is_parent = product.is_parent
        self.price = price.incl_tax if price.exists else None
        self.was_price = price.was_incl_tax
        self.is_discounted = self.was_price is not None
        self.currency = price.currency
        record = info.stockrecord
        self.num_in_stock = record.net_stock_level if record else None
        if not product.is_public:
            availability = UNAVAILABLE, "No longer available"
        elif price.exists and stock.is_available_to_buy:
            availability = IN_STOCK, str(stock.short_message)
        elif price.exists and (stock.code == OUT_OF_STOCK or self.is_parent):
            availability = OUT_OF_STOCK, "Out of stock"
        else:
            availability = UNAVAILABLE, "Currently unavailable"
        self.availability_code, self.availability_message = availability
        self.is_available = self.availability_code == IN_STOCK

    @cached_property
    def url(self):
        return self.product.get_absolute_url()

    @cached_property
    def add_to_basket_url(self):
        return reverse("basket:add", kwargs={"pk": self.id})

    @cached_property
    def thumbnails(self):
        """The primary image as square thumbnails, width to URL, at the
        sizes a card shows it (templates/shop/includes/product_card.html) and
        twice those for 2x screens; empty rather than a broken image when
        there is none or its file is missing (sorl's key-value store
        remembers each)."""
        image = self.product.primary_image()
        if isinstance(image, dict):  # Oscar's stand-in when there is none
            return {}
        thumbnailer = get_thumbnailer()
        urls = {}
        for width in CARD_IMAGE_WIDTHS:
            thumbnail = thumbnailer.generate_thumbnail(
                image.original, size=f"{width}x{width}", crop="center", upscale=False
            )
            if not (thumbnail and thumbnail.size):
                return {}
            # A small original gives smaller thumbnails than asked for.
            urls.setdefault(thumbnail.width, thumbnail.url)
        return urls

    @property
    def image_url(self):
        """The smallest thumbnail, the card's ``src``; None without one."""
        return next(iter(self.thumbnails.values()), None)

    @property
    def image_srcset(self):
        return ", ".join(f"{url} {width}w" for width, url in self.thumbnails.items())


def available_to_buy():
    """A filter for products with a priced stock record that has stock to
    sell (or a product class that tracks none, Oscar's ``StockRequired``),
    their own or a public variant's: the cards' "in stock", in SQL."""
    buyable = StockRecord.objects.filter(price__isnull=False).filter(
        Q(product__product_class__track_stock=False)
        | Q(num_in_stock__gt=Coalesce(F("num_allocated"), 0))
    )
    return Q(Exists(buyable.filter(product=OuterRef("pk")))) | Q(
        Exists(buyable.filter(product__parent=OuterRef("pk"), product__is_public=True))
    )


def _first_available(category, limit):
    """Ids of the first ``limit`` listed products of a category and those
    below it, by title, that are available to buy. Only narrows: each card
    asks the strategy."""
    in_subtree = Product.categories.through.objects.filter(
        product=OuterRef("pk"), category__path__startswith=category.path
    )
    return (
        Product.objects.browsable()
        .filter(Exists(in_subtree))
        .filter(available_to_buy())
        .order_by("title", "pk")
        .values("pk")[:limit]
    )


class ProductCards(dict):
    in_category: dict


def product_cards(product_ids, request=None, categories=None):
    """Cards for the given product ids, keyed by id (a deleted product has
    none), in the same few queries whatever their number: the products, their
    stock records and images, and parents' public variants with their stock.

    ``categories`` maps categories to a number n: the cards of the first n
    available products of each are in ``in_category``, by category id."""
    shelves = {
        category.pk: _first_available(category, limit)
        for category, limit in (categories or {}).items()
    }
    wanted = Q(pk__in={int(pk) for pk in product_ids if pk is not None})
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
    cards = ProductCards()
    for product in products:
        if product.is_parent:
            info = strategy.fetch_for_parent(parents.get(product.pk, product))
        else:
            info = strategy.fetch_for_product(product)
        cards[product.pk] = ProductCard(product, info)
    cards.in_category = {
        pk: [cards[p.pk] for p in products if getattr(p, f"on_shelf_{pk}")]
        for pk in shelves
    }
    return cards
