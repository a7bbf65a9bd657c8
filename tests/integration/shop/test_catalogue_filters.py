"""Category and catalogue filters: price band, in stock only and shared
attributes, as links with counts that combine with sorting and paging."""

from urllib.parse import parse_qsl, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shop.catalogue.models import (
    AttributeOption,
    AttributeOptionGroup,
    ProductAttributeValue,
    ProductCategory,
    ProductClass,
)
from shop.purge import renew_catalogue_generation
from tests.factories_shop import make_category, make_product, set_attribute

pytestmark = pytest.mark.django_db


def listed(category, *products):
    for product in products:
        ProductCategory.objects.create(product=product, category=category)


@pytest.fixture
def rollers():
    """Rollers in three materials and three price bands, one out of stock,
    each with its own dimensions (free-form: no filter)."""
    category = make_category("Foam rollers")
    firmness = AttributeOptionGroup.objects.create(name="Firmness")
    soft = AttributeOption.objects.create(group=firmness, option="Soft")
    firm = AttributeOption.objects.create(group=firmness, option="Firm")
    specs = [
        ("Blue roller", "12.00", 5, "Foam", soft, False),
        ("Grey roller", "22.00", 0, "Foam", firm, False),
        ("Cork roller", "35.00", 8, "Cork", firm, False),
        ("Foam roller XL", "45.00", 3, "Foam", soft, False),
        ("Vibrating roller", "120.00", 2, "Plastic", firm, True),
    ]
    for n, (title, price, stock, material, option, powered) in enumerate(specs):
        product = make_product(title=title, price=price, num_in_stock=stock)
        set_attribute(product, "material", material)
        set_attribute(product, "firmness", option)
        set_attribute(product, "battery_powered", powered)
        set_attribute(product, "dimensions", f"{30 + n} x 15 cm")
        listed(category, product)
    return category


def titles(response):
    assert response.status_code == 200
    return sorted(card.title for card in response.context["products"])


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def filter_links(response):
    """{(group, label): (count, href, selected)} from the filter block."""
    links = {}
    for group in soup(response).select("[data-filter-group]"):
        title = group.select_one(".product-filters__title").get_text(strip=True)
        for link in group.select("a.product-filters__value"):
            label = link.select_one(".product-filters__label").get_text(strip=True)
            count = link.select_one(".product-filters__count").contents[0]
            links[title, label] = (
                int(count),
                link["href"],
                link.get("aria-current") == "true",
            )
    return links


def params(href):
    return parse_qsl(urlsplit(href).query)


def test_price_band_narrows_the_list(client, rollers):
    url = rollers.get_absolute_url()
    assert titles(client.get(url, {"price": "25-50"})) == [
        "Cork roller",
        "Foam roller XL",
    ]
    assert titles(client.get(url, {"price": "under-25"})) == [
        "Blue roller",
        "Grey roller",
    ]
    assert titles(client.get(url, {"price": "100-and-over"})) == ["Vibrating roller"]


def test_in_stock_only_drops_what_the_card_calls_out_of_stock(client, rollers):
    response = client.get(rollers.get_absolute_url(), {"stock": "1"})
    assert "Grey roller" not in titles(response)
    assert len(titles(response)) == 4
    everything = client.get(rollers.get_absolute_url())
    availability = {
        card.title: card.is_available for card in everything.context["products"]
    }
    assert {t for t, available in availability.items() if available} == set(
        titles(response)
    )


def test_a_product_class_that_tracks_no_stock_is_in_stock(client):
    category = make_category("Downloads")
    product = make_product(title="Exercise plan", num_in_stock=0)
    ProductClass.objects.filter(pk=product.product_class_id).update(track_stock=False)
    listed(category, product)
    response = client.get(category.get_absolute_url(), {"stock": "1"})
    assert titles(response) == ["Exercise plan"]


def test_text_option_and_boolean_attributes_filter(client, rollers):
    url = rollers.get_absolute_url()
    assert titles(client.get(url, {"attr_material": "Cork"})) == ["Cork roller"]
    assert titles(client.get(url, {"attr_firmness": "Soft"})) == [
        "Blue roller",
        "Foam roller XL",
    ]
    assert titles(client.get(url, {"attr_battery_powered": "yes"})) == [
        "Vibrating roller"
    ]


def test_filters_combine(client, rollers):
    response = client.get(
        rollers.get_absolute_url(),
        {"attr_material": "Foam", "price": "under-25", "stock": "1"},
    )
    assert titles(response) == ["Blue roller"]


def test_each_value_counts_the_products_it_would_list(client, rollers):
    links = filter_links(client.get(rollers.get_absolute_url()))
    assert {key: count for key, (count, _, _) in links.items()} == {
        ("Price", "Under £25"): 2,
        ("Price", "£25 to £50"): 2,
        ("Price", "£100 and over"): 1,
        ("Availability", "In stock only"): 4,
        ("Battery powered", "Yes"): 1,
        ("Battery powered", "No"): 4,
        ("Firmness", "Firm"): 3,
        ("Firmness", "Soft"): 2,
        ("Material", "Cork"): 1,
        ("Material", "Foam"): 3,
        ("Material", "Plastic"): 1,
    }


def test_counts_are_within_the_other_filters(client, rollers):
    url = rollers.get_absolute_url()
    response = client.get(url, {"attr_material": "Foam", "stock": "1"})
    links = filter_links(response)
    counts = {key: count for key, (count, _, _) in links.items()}
    # Foam and in stock: Blue roller and Foam roller XL.
    assert counts["Price", "Under £25"] == 1
    assert counts["Price", "£25 to £50"] == 1
    assert ("Price", "£100 and over") not in counts
    # In stock, in the chosen material, whatever the price.
    assert counts["Availability", "In stock only"] == 2
    # The material group counts without its own value: every in-stock roller.
    assert counts["Material", "Foam"] == 2
    assert counts["Material", "Cork"] == 1
    assert counts["Material", "Plastic"] == 1
    assert counts["Firmness", "Soft"] == 2
    for (group, label), (count, href, selected) in links.items():
        if not selected:
            assert len(titles(client.get(href))) == count, (group, label)


def test_attributes_no_two_products_share_are_not_offered(client, rollers):
    links = filter_links(client.get(rollers.get_absolute_url()))
    assert not any(group == "Dimensions" for group, _ in links)


def test_links_keep_the_other_filters_and_sort_and_drop_the_page(client, rollers):
    url = rollers.get_absolute_url()
    response = client.get(
        url, {"sort_by": "price-desc", "stock": "1", "page": "1", "utm_source": "x"}
    )
    _, href, selected = filter_links(response)["Material", "Foam"]
    assert not selected
    assert params(href) == [
        ("attr_material", "Foam"),
        ("sort_by", "price-desc"),
        ("stock", "1"),
    ]
    assert urlsplit(href).path == url


def test_a_chosen_value_is_marked_and_links_to_the_list_without_it(client, rollers):
    url = rollers.get_absolute_url()
    response = client.get(url, {"price": "25-50", "attr_material": "Foam"})
    links = filter_links(response)
    count, href, selected = links["Price", "£25 to £50"]
    assert selected
    assert params(href) == [("attr_material", "Foam")]
    assert not links["Price", "Under £25"][2]
    page = soup(response)
    chips = {
        chip.get_text(" ", strip=True): chip["href"]
        for chip in page.select("[data-remove-filter]")
    }
    assert chips == {
        "Price: £25 to £50 (remove) ×": f"{url}?attr_material=Foam",
        "Material: Foam (remove) ×": f"{url}?price=25-50",
    }
    assert page.select_one(".product-filters [data-clear-filters]")["href"] == url
    nav = page.find("nav", attrs={"aria-label": "Filters"})
    assert nav.find("h2").get_text(strip=True) == "Filter products"


def test_clear_all_keeps_the_sort(client, rollers):
    url = rollers.get_absolute_url()
    response = client.get(url, {"price": "25-50", "sort_by": "title-asc"})
    clear = soup(response).select_one(".product-filters [data-clear-filters]")
    assert clear["href"] == f"{url}?sort_by=title-asc"


def test_sort_form_carries_the_filters(client, rollers):
    url = rollers.get_absolute_url()
    response = client.get(url, {"attr_material": "Foam", "stock": "1"})
    form = soup(response).select_one("form[data-product-sort]")
    hidden = [(i["name"], i["value"]) for i in form.select("input[type=hidden]")]
    assert hidden == [("attr_material", "Foam"), ("stock", "1")]
    sorted_response = client.get(url, dict(hidden, sort_by="price-desc"))
    assert [card.title for card in sorted_response.context["products"]] == [
        "Foam roller XL",
        "Blue roller",
    ]


def test_paging_keeps_the_filters_and_sort(client):
    category = make_category("Bands")
    for n in range(18):
        product = make_product(title=f"Band {n:02d}", price="10.00")
        set_attribute(product, "resistance", "Heavy" if n % 5 == 0 else "Light")
        listed(category, product)
    dear = make_product(title="Band 99", price="60.00")
    set_attribute(dear, "resistance", "Light")
    listed(category, dear)
    url = category.get_absolute_url()
    query = {"attr_resistance": "Light", "price": "under-25", "sort_by": "title-asc"}
    first = client.get(url, query)
    assert first.context["paginator"].count == 14
    next_link = soup(first).select_one("a.page-link[href*='page=2']")["href"]
    assert dict(params(next_link)) == {**query, "page": "2"}
    second = client.get(url + next_link)
    assert [card.title for card in second.context["products"]] == ["Band 16", "Band 17"]
    _, href, _ = filter_links(second)["Price", "£50 to £100"]
    assert dict(params(href)) == {**query, "price": "50-100"}


def test_a_page_past_the_filtered_list_goes_to_its_first_page(client, rollers):
    url = rollers.get_absolute_url()
    response = client.get(url, {"price": "25-50", "page": "2", "sort_by": "newest"})
    assert response.status_code == 302
    assert response["Location"] == f"{url}?price=25-50&sort_by=newest"


def test_no_matches_says_so_and_offers_to_clear(client, rollers):
    url = rollers.get_absolute_url()
    response = client.get(url, {"price": "100-and-over", "attr_material": "Foam"})
    page = soup(response)
    message = page.select_one("[data-no-matches]")
    assert "No products match these filters" in message.get_text()
    assert message.select_one("a[data-clear-filters]")["href"] == url
    assert page.select_one("[data-remove-filter]") is not None


@pytest.mark.parametrize(
    "query",
    [
        {"price": "abc"},
        {"price": "25-50'; drop table"},
        {"stock": "2"},
        {"stock": "<script>"},
        {"attr_material": "<script>alert(1)</script>"},
        {"attr_no_such_thing": "Foam"},
        {"attr_": "Foam"},
        {"attr_1bad-code": "Foam"},
        {"attr_material": "x" * 3000},
        {"price": "p" * 3000, "attr_dimensions": "30 x 15 cm"},
        {"attr_material": ""},
    ],
)
def test_unknown_filter_values_are_ignored(client, rollers, query):
    response = client.get(rollers.get_absolute_url(), query)
    assert len(titles(response)) == 5
    content = response.content.decode()
    assert "<script>alert" not in content
    assert not soup(response).select("[data-remove-filter]")


def test_filter_values_are_escaped(client):
    category = make_category("Odd")
    for n in range(2):
        product = make_product(title=f"Odd {n}")
        set_attribute(product, "finish", '<b onmouseover="x">"Gloss" & co</b>')
        listed(category, product)
    url = category.get_absolute_url()
    response = client.get(url)
    content = response.content.decode()
    assert "<b onmouseover" not in content
    _, href, _ = filter_links(response)["Finish", '<b onmouseover="x">"Gloss" & co</b>']
    chosen = client.get(href)
    assert len(titles(chosen)) == 2
    assert "<b onmouseover" not in chosen.content.decode()


def test_catalogue_page_filters_every_product(client, rollers):
    response = client.get("/shop/catalogue/", {"attr_material": "Foam"})
    assert titles(response) == ["Blue roller", "Foam roller XL", "Grey roller"]
    links = filter_links(response)
    assert links["Material", "Foam"][1] == "/shop/catalogue/"


def test_the_filters_are_the_same_for_every_visitor(client, rollers):
    url = rollers.get_absolute_url() + "?stock=1"
    first = client.get(url)
    again = client.get(url)
    assert first.content == again.content
    assert "public" in first["Cache-Control"]


def test_filtered_pages_follow_catalogue_changes(client, rollers):
    url = rollers.get_absolute_url()
    before = filter_links(client.get(url, {"stock": "1"}))
    assert before["Material", "Foam"][0] == 2
    grey = ProductAttributeValue.objects.get(
        attribute__code="material", value_text="Foam", product__title="Grey roller"
    ).product
    record = grey.stockrecords.get()
    record.num_in_stock = 4
    record.save()
    after = client.get(url, {"stock": "1"})
    assert filter_links(after)["Material", "Foam"][0] == 3
    assert "Grey roller" in titles(after)


def page_queries(client, url, query):
    client.get(url, query)  # warm caches (navigation, sorl)
    renew_catalogue_generation()  # as a product change does: lists uncached
    with CaptureQueriesContext(connection) as uncached:
        client.get(url, query)
    with CaptureQueriesContext(connection) as cached:
        client.get(url, query)
    return len(uncached), len(cached), uncached, cached


@pytest.mark.parametrize(
    ("query", "uncached_count", "cached_count"),
    [
        # The category; the count; the attribute values; price and stock
        # counts; the page's ids; the products, stock records and images.
        ({}, 8, 2),
        # And the attribute counts within the filters.
        ({"price": "under-25", "stock": "1"}, 9, 2),
        # An attribute chosen: its values are read before the count, to
        # check the value is offered, cached list or not.
        ({"attr_material": "Foam", "sort_by": "price-asc"}, 9, 3),
        ({"attr_material": "Foam", "attr_firmness": "Soft", "price": "25-50"}, 9, 3),
    ],
)
def test_filtered_page_queries(client, rollers, query, uncached_count, cached_count):
    url = rollers.get_absolute_url()
    uncached, cached, uncached_sql, cached_sql = page_queries(client, url, query)
    assert uncached == uncached_count, [q["sql"] for q in uncached_sql]
    assert cached == cached_count, [q["sql"] for q in cached_sql]


def test_filtered_page_queries_do_not_grow_with_products(client, rollers):
    url = rollers.get_absolute_url()
    query = {"attr_material": "Foam", "stock": "1"}
    few = page_queries(client, url, query)[:2]
    for n in range(12):
        product = make_product(title=f"Extra roller {n}")
        set_attribute(product, "material", "Foam" if n % 2 else f"Blend {n}")
        set_attribute(product, "battery_powered", False)
        listed(rollers, product)
    assert page_queries(client, url, query)[:2] == few
