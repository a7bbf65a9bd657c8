"""A shopper narrows a category with the filters, at desktop width and at
375 px: the groups open in place, a chosen filter shows as chosen and can be
removed, and nothing widens the page."""

from playwright.sync_api import expect

from shop.catalogue.models import ProductCategory
from tests.e2e.conftest import MOBILE, assert_accessible, screenshot
from tests.factories_shop import make_category, make_product, set_attribute

ROLLERS = [
    ("Blue foam roller", "12.00", 5, "Foam", "Soft"),
    ("Grey foam roller", "22.00", 0, "Foam", "Firm"),
    ("Cork roller", "35.00", 8, "Cork", "Firm"),
    ("Long foam roller", "45.00", 3, "Foam", "Soft"),
    ("Vibrating roller", "120.00", 2, "Plastic with a long, descriptive name", "Firm"),
]


def rollers_category():
    category = make_category("Foam rollers")
    for title, price, stock, material, firmness in ROLLERS:
        product = make_product(title=title, price=price, num_in_stock=stock)
        set_attribute(product, "material", material)
        set_attribute(product, "firmness", firmness)
        ProductCategory.objects.create(product=product, category=category)
    return category


def cards(page):
    return page.locator("[data-product-id]")


def test_shopper_filters_a_category_and_removes_the_filter(page):
    url = rollers_category().get_absolute_url()
    page.goto(url)
    filters = page.get_by_role("navigation", name="Filters")
    expect(cards(page)).to_have_count(5)

    filters.locator("summary", has_text="Material").click()
    filters.get_by_role("link", name="Foam 3 products").click()
    expect(page).to_have_url(f"{url}?attr_material=Foam")
    expect(cards(page)).to_have_count(3)

    filters.locator("summary", has_text="Availability").click()
    filters.get_by_role("link", name="In stock only").click()
    expect(page).to_have_url(f"{url}?attr_material=Foam&stock=1")
    expect(cards(page)).to_have_count(2)
    chosen = filters.locator("[aria-current=true]")
    expect(chosen).to_have_count(2)

    page.get_by_label("Sort by").select_option("price-desc")
    page.get_by_role("button", name="Sort").click()
    expect(page).to_have_url(f"{url}?attr_material=Foam&sort_by=price-desc&stock=1")
    expect(cards(page).first).to_contain_text("Long foam roller")

    filters.locator("summary", has_text="Price").click()
    assert_accessible(page)
    screenshot(page, "category-filters")
    page.set_viewport_size(MOBILE)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= MOBILE["width"], width

    filters.get_by_role("link", name="Material: Foam (remove)").click()
    expect(page).to_have_url(f"{url}?sort_by=price-desc&stock=1")
    expect(cards(page)).to_have_count(4)
    filters.get_by_role("link", name="Clear all filters").click()
    expect(page).to_have_url(f"{url}?sort_by=price-desc")
    expect(cards(page)).to_have_count(5)


def test_no_matches_offers_to_clear_the_filters(page):
    url = rollers_category().get_absolute_url()
    page.set_viewport_size(MOBILE)
    page.goto(f"{url}?attr_material=Cork&price=under-25")
    expect(page.get_by_text("No products match these filters")).to_be_visible()
    screenshot(page, "category-filters-no-matches")
    page.locator("[data-no-matches]").get_by_role("link", name="Clear filters").click()
    expect(page).to_have_url(url)
    expect(cards(page)).to_have_count(5)
