"""Callouts in articles: live price and stock, the basket, and each rule."""

from decimal import Decimal as D

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from oscar.test.factories import ProductImageFactory

from shop.catalogue.models import Product
from tests.factories_shop import ProductFactory, make_category, make_product

from .conftest import category_callout, paragraph, product_callout, product_grid

pytestmark = pytest.mark.django_db


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def callouts(soup, kind=None):
    selector = f'[data-callout="{kind}"]' if kind else "[data-callout]"
    return soup.select(selector)


def card_ids(element):
    return [
        int(card["data-product-id"]) for card in element.select("[data-product-id]")
    ]


def test_product_callout_shows_live_price_stock_and_add_form(client, make_article):
    product = make_product(title="Lumbar roll", price="24.00", num_in_stock=4)
    article = make_article(
        paragraph("Support helps."),
        product_callout(product.pk, headline="Our pick", note="Firm & light."),
    )
    soup = soup_of(client.get(article.url))
    [callout] = callouts(soup, "product")
    assert callout["id"] == "callout-b1"
    assert card_ids(callout) == [product.pk]
    assert "Our pick" in callout.text
    assert "Firm &amp; light." in str(callout)
    assert "£24.00" in callout.text
    assert callout.select_one("[data-availability]")["data-availability"] == "instock"
    form = callout.select_one("form.product-card__add")
    assert form["action"] == f"/shop/basket/add/{product.pk}/"
    assert form.select_one("[name=next]")["value"] == f"{article.url}#callout-b1"
    # A page any cache may hold: no token; site.js makes it a POST.
    assert form["method"] == "get" and form.has_attr("data-post")
    assert not form.select_one("[name=csrfmiddlewaretoken]")
    assert callout.select_one(f'a[href="{product.get_absolute_url()}"]')
    assert callout.select_one("[data-callout-disclosure]")


def test_discounted_product_shows_was_and_now_price(client, make_article):
    product = make_product(price="18.00", was_price="24.00")
    soup = soup_of(client.get(make_article(product_callout(product.pk)).url))
    price = callouts(soup, "product")[0].select_one("[data-product-price]")
    assert price.select_one("s").text == "£24.00"
    assert "£18.00" in price.text


def test_price_changed_in_oscar_shows_at_next_request(client, make_article):
    product = make_product(price="24.00")
    article = make_article(product_callout(product.pk))
    assert "£24.00" in client.get(article.url).content.decode()
    stockrecord = product.stockrecords.get()
    stockrecord.price = D("19.50")
    stockrecord.save()
    content = client.get(article.url).content.decode()
    assert "£19.50" in content
    assert "£24.00" not in content


def test_adding_to_basket_from_article_returns_to_the_callout(client, make_article):
    product = make_product(title="Heat wrap", price="12.00")
    article = make_article(product_callout(product.pk))
    soup = soup_of(client.get(article.url))
    form = callouts(soup, "product")[0].select_one("form.product-card__add")
    data = {field["name"]: field["value"] for field in form.select("input[name]")}
    response = client.post(form["action"], data)
    assert response.status_code == 302
    assert response["Location"] == f"{article.url}#callout-b0"
    assert client.get("/visitor/").json()["basket"]["num_items"] == 1
    basket_page = client.get("/shop/basket/").content.decode()
    assert "Heat wrap" in basket_page


def test_adding_a_product_that_just_sold_out_returns_with_a_message(
    client, make_article
):
    product = make_product(title="Back brace", num_in_stock=2)
    article = make_article(product_callout(product.pk))
    soup = soup_of(client.get(article.url))
    form = callouts(soup, "product")[0].select_one("form.product-card__add")
    data = {field["name"]: field["value"] for field in form.select("input[name]")}
    product.stockrecords.update(num_in_stock=0)
    response = client.post(form["action"], data, follow=True)
    assert response.redirect_chain[-1][0] == f"{article.url}#callout-b0"
    assert response.status_code == 200
    messages = [str(message) for message in response.context["messages"]]
    assert messages, "the shopper is told why nothing was added"
    assert "Back brace" in " ".join(messages) or "stock" in " ".join(messages).lower()
    assert client.get("/shop/basket/").context["basket"].num_items == 0


@pytest.mark.parametrize("problem", ["deleted", "out_of_stock", "not_public"])
def test_hide_rule_hides_unavailable_product(client, make_article, problem):
    product = make_product(num_in_stock=0 if problem == "out_of_stock" else 5)
    article = make_article(paragraph("Intro"), product_callout(product.pk))
    if problem == "deleted":
        product.delete()
    elif problem == "not_public":
        Product.objects.filter(pk=product.pk).update(is_public=False)
    soup = soup_of(client.get(article.url))
    assert callouts(soup) == []
    assert "Intro" in soup.text


def test_out_of_stock_callout_hides_add_button(client, make_article):
    product = make_product(title="Posture cushion", num_in_stock=0)
    article = make_article(product_callout(product.pk, rule="out_of_stock"))
    [callout] = callouts(soup_of(client.get(article.url)), "product")
    assert card_ids(callout) == [product.pk]
    assert "Out of stock" in callout.text
    assert callout.select_one("form") is None


def test_out_of_stock_rule_for_hidden_product_has_no_links(client, make_article):
    product = make_product(title="Old cushion", is_public=False)
    article = make_article(product_callout(product.pk, rule="out_of_stock"))
    [callout] = callouts(soup_of(client.get(article.url)), "product")
    assert callout.select_one("form") is None
    assert callout.select_one(f'a[href="{product.get_absolute_url()}"]') is None


def test_out_of_stock_rule_for_deleted_product_hides_callout(client, make_article):
    product = make_product()
    article = make_article(product_callout(product.pk, rule="out_of_stock"))
    product.delete()
    assert callouts(soup_of(client.get(article.url))) == []


def test_fallback_rule_shows_fallback_product(client, make_article):
    sold_out = make_product(num_in_stock=0)
    fallback = make_product(title="Spare roller")
    article = make_article(
        product_callout(sold_out.pk, rule="fallback", fallback_product=fallback.pk)
    )
    [callout] = callouts(soup_of(client.get(article.url)), "product")
    assert card_ids(callout) == [fallback.pk]
    assert callout.select_one("form.product-card__add")


def test_fallback_rule_shows_fallback_category(client, make_article):
    category = make_category("Braces")
    in_category = make_product(title="Knee brace")
    in_category.categories.add(category)
    deleted = make_product()
    article = make_article(
        product_callout(deleted.pk, rule="fallback", fallback_category=category.pk)
    )
    deleted.delete()
    [callout] = callouts(soup_of(client.get(article.url)), "product")
    assert card_ids(callout) == [in_category.pk]
    assert "Braces" in callout.text


def test_fallback_rule_with_unavailable_fallback_hides(client, make_article):
    sold_out = make_product(num_in_stock=0)
    also_sold_out = make_product(num_in_stock=0)
    article = make_article(
        product_callout(sold_out.pk, rule="fallback", fallback_product=also_sold_out.pk)
    )
    assert callouts(soup_of(client.get(article.url))) == []


def test_product_without_image_or_stock_record_renders(client, make_article):
    no_image = make_product(title="Plain band")
    no_stock = ProductFactory(title="Unstocked mat")
    article = make_article(
        product_callout(no_image.pk),
        product_callout(no_stock.pk, rule="out_of_stock"),
    )
    soup = soup_of(client.get(article.url))
    found = callouts(soup, "product")
    assert [card_ids(c) for c in found] == [[no_image.pk], [no_stock.pk]]
    assert "No image" in found[0].text
    assert found[1].select_one("form") is None


def test_grid_keeps_editor_order_and_drops_unavailable(client, make_article):
    first = make_product(title="Zeta band")
    sold_out = make_product(num_in_stock=0)
    last = make_product(title="Alpha roller")
    article = make_article(product_grid([first.pk, sold_out.pk, last.pk]))
    [grid] = callouts(soup_of(client.get(article.url)), "grid")
    assert card_ids(grid) == [first.pk, last.pk]


def test_grid_out_of_stock_rule_keeps_sold_out_cards(client, make_article):
    first = make_product()
    sold_out = make_product(num_in_stock=0)
    article = make_article(product_grid([first.pk, sold_out.pk], rule="out_of_stock"))
    [grid] = callouts(soup_of(client.get(article.url)), "grid")
    assert card_ids(grid) == [first.pk, sold_out.pk]
    assert len(grid.select("form.product-card__add")) == 1


def test_grid_with_all_products_unavailable(client, make_article):
    a = make_product(num_in_stock=0)
    b = make_product(is_public=False)
    fallback = make_product(title="Fallback mat")
    hidden = make_article(product_grid([a.pk, b.pk]))
    assert callouts(soup_of(client.get(hidden.url))) == []
    replaced = make_article(
        product_grid([a.pk, b.pk], rule="fallback", fallback_product=fallback.pk)
    )
    [grid] = callouts(soup_of(client.get(replaced.url)), "grid")
    assert card_ids(grid) == [fallback.pk]


def test_category_callout_lists_first_available_products(client, make_article):
    category = make_category("Sleep")
    category.description = "<p>Pillows & supports</p>"
    category.save()
    products = [make_product(title=f"Pillow {letter}") for letter in "ABCD"]
    sold_out = make_product(title="Pillow 0", num_in_stock=0)
    for product in [*products, sold_out]:
        product.categories.add(category)
    article = make_article(category_callout(category.pk, limit=3))
    [callout] = callouts(soup_of(client.get(article.url)), "category")
    assert card_ids(callout) == [p.pk for p in products[:3]]
    assert "Sleep" in callout.text
    assert "Pillows & supports" in callout.text
    assert callout.select_one(f'a[href="{category.get_absolute_url()}"]')
    assert callout.select_one("[data-callout-disclosure]")


def test_empty_category_follows_rule(client, make_article):
    empty = make_category("Empty shelf")
    hidden = make_article(category_callout(empty.pk))
    assert callouts(soup_of(client.get(hidden.url))) == []
    shown = make_article(category_callout(empty.pk, rule="out_of_stock"))
    [callout] = callouts(soup_of(client.get(shown.url)), "category")
    assert "Nothing in this category is in stock" in callout.text
    assert card_ids(callout) == []


def test_deleted_category_renders_page(client, make_article):
    category = make_category("Gone")
    article = make_article(category_callout(category.pk))
    category.delete()
    assert callouts(soup_of(client.get(article.url))) == []


def _render_queries(client, url):
    client.get(url)  # warm thumbnails and per-process caches
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_query_count_same_for_one_and_twenty_callouts(client, make_article):
    category = make_category("Mixed")
    products = []
    for index in range(24):
        product = make_product(title=f"Item {index:02d}")
        product.categories.add(category)
        if index % 2:
            ProductImageFactory(product=product)
        products.append(product)
    one = make_article(
        product_callout(products[0].pk),
        product_grid([products[1].pk, products[2].pk]),
        category_callout(category.pk),
    )
    many = make_article(
        *[product_callout(p.pk) for p in products[:20]],
        product_grid([p.pk for p in products[18:24]]),
        product_grid([products[1].pk, products[2].pk]),
        category_callout(category.pk, limit=5),
        category_callout(category.pk),
    )
    one_count = _render_queries(client, one.url)
    many_count = _render_queries(client, many.url)
    soup = soup_of(client.get(many.url))
    assert len(callouts(soup, "product")) == 20
    print(f"\narticle queries: 3 callouts {one_count}, 24 callouts {many_count}")
    assert one_count == many_count, (one_count, many_count)
