"""Factories for shop tests: products with a partner stock record.

Built on ``oscar.test.factories`` but pointed at the forked models, with
VAT-inclusive prices as the shop enters them.
"""

from decimal import Decimal as D

import factory
from oscar.test import factories as oscar_factories

from shop.catalogue.models import (
    AttributeOption,
    Category,
    Product,
    ProductAttribute,
    ProductAttributeValue,
    ProductClass,
)
from shop.partner.models import Partner, StockRecord


class PartnerFactory(factory.django.DjangoModelFactory):
    name = "Backbone warehouse"

    class Meta:
        model = Partner
        django_get_or_create = ("name",)


class ProductClassFactory(factory.django.DjangoModelFactory):
    name = "Recovery device"
    track_stock = True
    requires_shipping = True

    class Meta:
        model = ProductClass
        django_get_or_create = ("name",)


class ProductFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Posture cushion {n}")
    upc = factory.Sequence(lambda n: f"BB-{n:05d}")
    structure = Product.STANDALONE
    is_public = True
    product_class = factory.SubFactory(ProductClassFactory)

    class Meta:
        model = Product


class StockRecordFactory(factory.django.DjangoModelFactory):
    product = factory.SubFactory(ProductFactory)
    partner = factory.SubFactory(PartnerFactory)
    partner_sku = factory.Sequence(lambda n: f"SKU-{n:05d}")
    price_currency = "GBP"
    price = D("24.00")
    num_in_stock = 10

    class Meta:
        model = StockRecord


def make_product(price="24.00", was_price=None, num_in_stock=10, **product_kwargs):
    """A public product with one stock record; returns the product."""
    product = ProductFactory(**product_kwargs)
    StockRecordFactory(
        product=product,
        price=D(price),
        was_price=D(was_price) if was_price is not None else None,
        num_in_stock=num_in_stock,
    )
    return product


def make_category(name="Back support", parent=None):
    if parent is None:
        return Category.add_root(name=name)
    return parent.add_child(name=name)


def set_attribute(product, code, value, name=None):
    """Set attribute ``code`` of ``product`` (its type from the value)."""
    product_class = product.get_product_class()
    if isinstance(value, bool):
        kind = ProductAttribute.BOOLEAN
    elif isinstance(value, AttributeOption):
        kind = ProductAttribute.OPTION
    else:
        kind = ProductAttribute.TEXT
    attribute, _ = ProductAttribute.objects.get_or_create(
        product_class=product_class,
        code=code,
        defaults={"name": name or code.replace("_", " ").capitalize(), "type": kind},
    )
    field = {
        ProductAttribute.BOOLEAN: "value_boolean",
        ProductAttribute.OPTION: "value_option",
        ProductAttribute.TEXT: "value_text",
    }[kind]
    ProductAttributeValue.objects.create(
        product=product, attribute=attribute, **{field: value}
    )


create_user = oscar_factories.UserFactory
