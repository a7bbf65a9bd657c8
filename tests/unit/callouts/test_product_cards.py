"""product_cards(): live price, sale, availability and images, in bulk."""

from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from oscar.test.factories import ProductImageFactory

from shop.cards import product_cards
from shop.catalogue.models import Product, ProductClass
from tests.factories_shop import (
    ProductFactory,
    StockRecordFactory,
    make_category,
    make_product,
)

pytestmark = pytest.mark.django_db


def test_card_has_live_price_and_stock():
    product = make_product(price="24.00", num_in_stock=3, title="Lumbar roll")
    card = product_cards([product.pk])[product.pk]
    assert card.title == "Lumbar roll"
    assert card.price == D("24.00")
    assert card.was_price is None
    assert card.currency == "GBP"
    assert card.is_available is True
    assert card.availability_code == "instock"
    assert card.num_in_stock == 3
    assert card.url == product.get_absolute_url()
    assert card.add_to_basket_url == f"/shop/basket/add/{product.pk}/"
    assert card.image_url is None


def test_discounted_card_has_was_price():
    product = make_product(price="18.00", was_price="24.00")
    card = product_cards([product.pk])[product.pk]
    assert card.price == D("18.00")
    assert card.was_price == D("24.00")
    assert card.is_discounted


def test_was_price_below_price_is_not_a_sale():
    product = make_product(price="18.00", was_price="12.00")
    card = product_cards([product.pk])[product.pk]
    assert card.was_price is None
    assert not card.is_discounted


def test_out_of_stock_card():
    product = make_product(num_in_stock=0)
    card = product_cards([product.pk])[product.pk]
    assert card.is_available is False
    assert card.availability_code == "outofstock"
    assert card.price == D("24.00")


def test_non_public_product_is_unavailable():
    product = make_product(is_public=False)
    card = product_cards([product.pk])[product.pk]
    assert card.is_public is False
    assert card.is_available is False
    assert card.availability_code == "unavailable"


def test_product_without_stock_record_is_unavailable():
    product = ProductFactory()
    card = product_cards([product.pk])[product.pk]
    assert card.price is None
    assert card.is_available is False
    assert card.availability_code == "unavailable"
    assert card.num_in_stock is None


def test_untracked_product_class_is_available_without_stock():
    digital = ProductClass.objects.create(name="Video course", track_stock=False)
    product = make_product(num_in_stock=0, product_class=digital)
    assert product_cards([product.pk])[product.pk].is_available


def test_missing_ids_are_absent(django_assert_num_queries):
    product = make_product()
    cards = product_cards([product.pk, 999_999, None])
    assert set(cards) == {product.pk}
    with django_assert_num_queries(0):
        assert product_cards([]) == {}


def test_card_thumbnail_of_primary_image():
    product = make_product(title="Foam roller")
    ProductImageFactory(product=product, caption="The roller", display_order=1)
    ProductImageFactory(product=product, caption="Front view", display_order=0)
    card = product_cards([product.pk])[product.pk]
    assert card.image_url
    assert card.image_url.startswith("/media/")


def test_parent_product_priced_from_its_variants():
    parent = ProductFactory(structure=Product.PARENT, title="Brace")
    small = ProductFactory(structure=Product.CHILD, parent=parent, title="")
    StockRecordFactory(product=small, price=D("30.00"), num_in_stock=2)
    card = product_cards([parent.pk])[parent.pk]
    assert card.is_parent
    assert card.price == D("30.00")
    assert card.is_available


def test_variant_card_shows_its_parents_image_and_its_own_price():
    parent = ProductFactory(structure=Product.PARENT, title="Brace")
    ProductImageFactory(product=parent)
    child = ProductFactory(structure=Product.CHILD, parent=parent, title="")
    StockRecordFactory(product=child, price=D("31.00"), num_in_stock=2)
    card = product_cards([child.pk])[child.pk]
    assert card.image_url is not None
    assert card.price == D("31.00")
    assert card.is_available


def _count_queries(ids, categories):
    """Queries of building the cards and reading their thumbnails, with
    sorl's thumbnail store warm (a first pass makes the thumbnails, as a
    page's first visit does)."""
    for _ in range(2):
        with CaptureQueriesContext(connection) as ctx:
            cards = product_cards(ids, categories=categories)
            urls = [card.image_url for card in cards.values()]
    assert len(urls) == len(cards) >= len(ids)
    return len(ctx.captured_queries)


def test_query_count_is_fixed_whatever_the_number_of_products_and_categories():
    products = [make_product(title=f"Mat {n:02d}") for n in range(12)]
    for product in products[:6]:
        ProductImageFactory(product=product)
    shelves = [make_category(f"Shelf {n}") for n in range(3)]
    for n, product in enumerate(products):
        product.categories.add(shelves[n % 3])
    one = _count_queries([products[0].pk], {shelves[0]: 1})
    many = _count_queries([p.pk for p in products], dict.fromkeys(shelves, 3))
    # The products (chosen and on the shelves), their stock records, images.
    assert one == many == 3


def test_categories_list_their_first_available_products_with_subcategories():
    root = make_category("Back support")
    child = make_category("Braces", parent=root)
    in_root = make_product(title="A cushion")
    in_child = make_product(title="B brace")
    sold_out = make_product(title="C sold out", num_in_stock=0)
    hidden = make_product(title="D hidden", is_public=False)
    elsewhere = make_product(title="E elsewhere")
    for product, category in [
        (in_root, root),
        (in_child, child),
        (sold_out, root),
        (hidden, root),
    ]:
        product.categories.add(category)
    elsewhere.categories.add(make_category("Other"))
    empty = make_category("Empty")
    cards = product_cards([], categories={root: 5, child: 5, empty: 5})
    shelf = {pk: [card.id for card in cards] for pk, cards in cards.in_category.items()}
    assert shelf == {
        root.pk: [in_root.pk, in_child.pk],
        child.pk: [in_child.pk],
        empty.pk: [],
    }
    assert [
        c.id for c in product_cards([], categories={root: 1}).in_category[root.pk]
    ] == [in_root.pk]
    assert set(cards) == {in_root.pk, in_child.pk}
