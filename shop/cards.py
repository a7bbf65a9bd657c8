"""Product cards: the shop's one public face for the content side.

Callout blocks, the home page, search results and the admin chooser all show
products through :func:`product_cards`, so a product's live price (including a
sale) and its availability are computed in exactly one place, by Oscar's
pricing strategy, at render time. Nothing here is stored in an article.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.conf import settings
from django.core.cache import cache
from django.db.models import Exists, F, OuterRef, Prefetch, Q, prefetch_related_objects
from django.db.models.functions import Coalesce
from django.urls import reverse
from oscar.core.loading import get_class
from oscar.core.thumbnails import get_thumbnailer

from shop.catalogue.models import Product
from shop.partner.models import StockRecord
from shop.partner.strategy import LOADED_STOCKRECORDS

Selector = get_class("partner.strategy", "Selector")

#: Size of the thumbnail every card shows (sorl geometry, cropped square).
CARD_THUMBNAIL_SIZE = "400x400"

IN_STOCK = "instock"
OUT_OF_STOCK = "outofstock"
UNAVAILABLE = "unavailable"


@dataclass(frozen=True)
class ProductCard:
    """What a shopper needs to see and buy one product, read live from Oscar."""

    id: int
    title: str
    #: The product's ``get_absolute_url``: see :attr:`url`.
    make_url: Callable[[], str] = field(repr=False, compare=False)
    image_url: str | None
    image_alt: str
    price: Decimal | None
    was_price: Decimal | None
    currency: str
    is_public: bool
    is_available: bool
    availability_code: str
    availability_message: str
    num_in_stock: int | None
    #: A parent product is bought by choosing one of its variants on its page.
    is_parent: bool = False

    # The links are made when a page shows them (the admin chooser's rows
    # do not), once: a URL reverse per card is a good part of its cost.
    @cached_property
    def url(self):
        return self.make_url()

    @cached_property
    def add_to_basket_url(self):
        return reverse("basket:add", kwargs={"pk": self.id})

    @property
    def is_discounted(self):
        return (
            self.price is not None
            and self.was_price is not None
            and self.was_price > self.price
        )


def _strategy(request):
    strategy = getattr(request, "strategy", None)
    if strategy is None:
        # Outside Oscar's middleware (a management command, a bare request):
        # the strategy reads request.user, so only pass a request that has one.
        user = getattr(request, "user", None)
        strategy = Selector().strategy(
            request=request if user is not None else None, user=user
        )
    return strategy


#: Where :func:`product_queryset` puts a product's images: a plain list, as
#: it does its stock records (``LOADED_STOCKRECORDS``, which the strategy
#: reads). A prefetch into a list skips building a related manager and a
#: queryset for each product, a good part of a card's cost.
LOADED_IMAGES = "loaded_images"


def _stockrecords_prefetch():
    return Prefetch("stockrecords", to_attr=LOADED_STOCKRECORDS)


def _public_children_prefetch():
    return Prefetch(
        "children",
        queryset=Product.objects.public().prefetch_related(_stockrecords_prefetch()),
        # Where Oscar's Product.get_public_children() looks first.
        to_attr="_prefetched_public_children",
    )


def product_queryset(children=True, top_level=False):
    """Products with everything a card reads, in a fixed number of queries.

    Exactly what a card reads (stock records, images), plus variants (a
    parent's public children with their stock) and a variant's parent (its
    product class and images). Not Oscar's ``base_queryset()``: its option
    and all-children prefetches cost three queries a card never uses.
    ``children=False`` leaves the variants to the caller (see
    :func:`load_variants`, which loads them for parents only).
    ``top_level=True`` is for querysets of standalone and parent products
    only (the admin chooser's): no join or prefetch for a parent they
    cannot have.
    """
    related = ["product_class"]
    lookups = [_stockrecords_prefetch(), Prefetch("images", to_attr=LOADED_IMAGES)]
    if not top_level:
        related += ["parent", "parent__product_class"]
        lookups.append(Prefetch("parent__images", to_attr=LOADED_IMAGES))
    if children:
        lookups.append(_public_children_prefetch())
    return Product.objects.select_related(*related).prefetch_related(*lookups)


def _images(product):
    loaded = getattr(product, LOADED_IMAGES, None)
    return list(product.images.all()) if loaded is None else loaded


def _primary_image(product):
    images = _images(product)
    if not images and product.parent_id:
        images = _images(product.parent)
    if not images:
        return None
    return min(images, key=lambda image: image.display_order)


def _thumbnail_url(image):
    """The card thumbnail's URL; None when the original cannot be read.

    sorl answers a missing original with an unsaved thumbnail that has no
    size (and the URL of a file that does not exist): a card shows no image
    rather than a broken one. Made and cached thumbnails always have a size.
    """
    if image is None or not image.original:
        return None
    thumbnail = get_thumbnailer().generate_thumbnail(
        image.original, size=CARD_THUMBNAIL_SIZE, crop="center", upscale=False
    )
    if not thumbnail or not thumbnail.size:
        return None
    return thumbnail.url


def _availability(product, info):
    """Map Oscar's availability policy onto the three codes cards show."""
    if not product.is_public:
        return UNAVAILABLE, "No longer available"
    availability = info.availability
    if availability.is_available_to_buy and info.price.exists:
        return IN_STOCK, str(availability.short_message)
    if availability.code == OUT_OF_STOCK or (
        info.stockrecord is not None and availability.code == IN_STOCK
    ):
        return OUT_OF_STOCK, "Out of stock"
    if product.is_parent and info.price.exists:
        return OUT_OF_STOCK, "Out of stock"
    return UNAVAILABLE, "Currently unavailable"


def build_card(product, strategy, thumbnail_urls):
    """One card from a product loaded with :func:`product_queryset`.

    ``thumbnail_urls`` maps images to their card thumbnail's URL (from
    :func:`card_thumbnail_urls`, for every card of the page at once).
    """
    if product.is_parent:
        info = strategy.fetch_for_parent(product)
    else:
        info = strategy.fetch_for_product(product)
    price = info.price
    amount = None
    was = None
    if price.exists:
        amount = price.incl_tax if price.is_tax_known else price.excl_tax
        # Added by the shop's strategy (shop/partner/strategy.py): the one
        # place a sale is computed. Oscar's own price objects lack it.
        was = getattr(price, "was_incl_tax", None)
        if was is not None and was <= amount:
            was = None
    code, message = _availability(product, info)
    image = _primary_image(product)
    stockrecord = info.stockrecord
    num_in_stock = stockrecord.net_stock_level if stockrecord is not None else None
    title = product.get_title()
    return ProductCard(
        id=product.pk,
        title=title,
        make_url=product.get_absolute_url,
        image_url=thumbnail_urls.get(image),
        image_alt=(image.caption or title) if image is not None else title,
        price=amount,
        was_price=was,
        currency=getattr(price, "currency", None) or settings.OSCAR_DEFAULT_CURRENCY,
        is_public=product.is_public,
        is_available=code == IN_STOCK,
        availability_code=code,
        availability_message=message,
        num_in_stock=num_in_stock,
        is_parent=product.is_parent,
    )


def product_cards(product_ids, request=None):
    """Cards for the given product ids, keyed by id; missing ids are absent.

    The number of queries is fixed whatever ``len(product_ids)`` is: one for
    the products and one per prefetched relation. Thumbnail URLs come from
    the cache in one read (:func:`card_thumbnail_urls`).
    """
    return cards_for_products(products_for_cards(product_ids).values(), request)


def products_for_cards(product_ids):
    """Products loaded for cards, keyed by id, in a fixed number of queries
    (what :func:`product_cards` loads), for callers that need the products
    themselves too; turn them into cards with :func:`cards_for_products`."""
    ids = {int(pk) for pk in product_ids if pk is not None}
    if not ids:
        return {}
    products = product_queryset(children=False).in_bulk(ids)
    load_variants(products.values())
    return products


def load_variants(products):
    """Load the public variants a parent's card reads onto the parents among
    ``products`` (loaded with ``product_queryset(children=False)``), in one
    query; none when there is no parent."""
    parents = [product for product in products if product.is_parent]
    if parents:
        prefetch_related_objects(parents, _public_children_prefetch())


def cards_for_products(products, request=None):
    """Cards for products already loaded with :func:`product_queryset`.

    No query of its own: callout blocks load their products in bulk (see
    ``shop.choosers.ProductChooserBlock``) and turn them into cards here.
    """
    strategy = _strategy(request)
    products = {
        product.pk: product for product in products if product is not None
    }.values()
    thumbnail_urls = card_thumbnail_urls(_primary_image(p) for p in products)
    return {
        product.pk: build_card(product, strategy, thumbnail_urls)
        for product in products
    }


#: How long a card thumbnail's URL is remembered. Its key names the
#: original file, so a new image gets a new key at once.
CARD_THUMBNAIL_URL_SECONDS = 24 * 60 * 60


def _thumbnail_url_key(image):
    name = hashlib.sha256(image.original.name.encode()).hexdigest()
    return f"card-thumbnail:{CARD_THUMBNAIL_SIZE}:{name}"


def card_thumbnail_urls(images):
    """Card thumbnail URLs of several images, keyed by image, from one cache
    read.

    Asking sorl for each thumbnail costs about half of building a card
    (its key hashing and key-value store lookup, per image); the URLs are
    kept in the cache under the original file's name. Images whose original
    cannot be read are not remembered, so a restored file shows at once.
    """
    images = [image for image in images if image is not None and image.original]
    if not images:
        return {}
    keys = {image: _thumbnail_url_key(image) for image in images}
    found = cache.get_many(set(keys.values()))
    urls, new = {}, {}
    for image, key in keys.items():
        if key in found:
            urls[image] = found[key]
            continue
        url = _thumbnail_url(image)
        urls[image] = url
        if url is not None:
            new[key] = url
    if new:
        cache.set_many(new, timeout=CARD_THUMBNAIL_URL_SECONDS)
    return urls


def _buyable_stock():
    """Stock records a shopper could buy from: priced and with stock left."""
    return StockRecord.objects.filter(price__isnull=False).filter(
        Q(product__product_class__track_stock=False)
        | Q(num_in_stock__gt=Coalesce(F("num_allocated"), 0))
    )


def category_product_ids(category, limit, request=None):
    """Ids of the first ``limit`` public, available products of a category.

    Products of the category's descendants count too. One query: availability
    is pre-filtered in SQL the way Oscar's ``StockRequired`` policy decides it
    (a priced stock record with stock left, or a product class that does not
    track stock); the card built later still asks the strategy.
    """
    if category is None or limit <= 0:
        return []
    in_subtree = Product.categories.through.objects.filter(
        product=OuterRef("pk"),
        category__path__startswith=category.path,
        category__depth__gte=category.depth,
    )
    own_stock = _buyable_stock().filter(product=OuterRef("pk"))
    child_stock = _buyable_stock().filter(
        product__parent=OuterRef("pk"), product__is_public=True
    )
    products = (
        Product.objects.browsable()
        .filter(Exists(in_subtree))
        .filter(Exists(own_stock) | Exists(child_stock))
        .order_by("title", "pk")
        .values_list("pk", flat=True)
    )
    return list(products[:limit])
