"""Load the demo catalogue into Oscar: classes, attributes, categories,
products, stock and images. Every step looks its rows up by a stable key
first, so a second run finds everything and writes nothing."""

from django.core.files.base import ContentFile
from django.utils.html import escape
from django.utils.text import slugify

from demo import products as data
from demo.images import PRODUCT_KEY_MOTIFS, draw_product_image
from shop.catalogue.models import (
    Category,
    Product,
    ProductAttribute,
    ProductCategory,
    ProductClass,
    ProductImage,
)
from shop.partner.models import Partner, StockRecord


def description_html(paragraphs):
    """Oscar renders a product description as HTML; the demo text is plain."""
    return "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)


def ensure_product_classes():
    """Product classes and their attributes, keyed by the spec's key."""
    classes = {}
    for spec in data.PRODUCT_CLASSES:
        product_class = ProductClass.objects.filter(name=spec.name).first()
        if product_class is None:
            product_class = ProductClass.objects.create(
                name=spec.name, requires_shipping=True, track_stock=True
            )
        for attribute in spec.attributes:
            ProductAttribute.objects.get_or_create(
                product_class=product_class,
                code=attribute.code,
                defaults={"name": attribute.name, "type": attribute.type},
            )
        classes[spec.key] = product_class
    return classes


def ensure_categories():
    """Top-level categories, found by their `code` (the spec's key)."""
    categories = {}
    for spec in data.CATEGORIES:
        category = Category.objects.filter(code=spec.key).first()
        if category is None:
            category = Category.add_root(
                name=spec.name,
                code=spec.key,
                slug=slugify(spec.name),
                description=spec.description,
            )
        categories[spec.key] = category
    return categories


def ensure_partner():
    partner = Partner.objects.filter(name=data.PARTNER_NAME).first()
    return partner or Partner.objects.create(name=data.PARTNER_NAME)


def ensure_product(spec, product_class, category, partner):
    """One product with its attributes, category, stock record and image."""
    product = Product.objects.filter(upc=spec.upc).first()
    if product is None:
        product = Product(
            upc=spec.upc,
            title=spec.title,
            slug=slugify(spec.title),
            description=description_html(spec.description_paragraphs()),
            product_class=product_class,
            is_public=spec.is_public,
        )
        for code, value in spec.attributes.items():
            setattr(product.attr, code, value)
        product.save()
    ProductCategory.objects.get_or_create(product=product, category=category)
    if not StockRecord.objects.filter(product=product, partner=partner).exists():
        StockRecord.objects.create(
            product=product,
            partner=partner,
            partner_sku=spec.partner_sku,
            price=spec.price,
            was_price=spec.was_price,
            num_in_stock=spec.num_in_stock,
            low_stock_threshold=5,
        )
    if not product.images.exists():
        jpeg = draw_product_image(spec.category, PRODUCT_KEY_MOTIFS.get(spec.key))
        ProductImage.objects.create(
            product=product,
            original=ContentFile(jpeg, name=f"{spec.key}.jpg"),
            caption=spec.title,
            display_order=0,
        )
    return product


def load_catalogue():
    """Everything the shop side of the demo needs.

    Returns ``(products, categories)``: dicts from the spec keys used in the
    articles to the saved Oscar rows.
    """
    classes = ensure_product_classes()
    categories = ensure_categories()
    partner = ensure_partner()
    products = {
        spec.key: ensure_product(
            spec,
            classes[spec.product_class],
            categories[spec.category],
            partner,
        )
        for spec in data.PRODUCTS
    }
    return products, categories
