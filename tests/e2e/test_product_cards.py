"""The product card in its three forms (in an article, in a grid, as a wide
banner), the product page that sells it, and the header at 375 px."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from shop.catalogue.models import ProductImage
from tests.e2e.conftest import (
    MOBILE,
    RESULTS_DIR,
    assert_accessible,
    close_context,
    paragraph,
    product_callout,
    publish_article,
    screenshot,
)
from tests.factories_shop import make_product, set_attribute


def add_picture(product, colour, order=0):
    """A square photograph-like picture of the product."""
    picture = Image.new("RGB", (900, 900), "#f3f1ec")
    ImageDraw.Draw(picture).ellipse((200, 200, 700, 700), fill=colour)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG")
    upload = SimpleUploadedFile(f"{product.slug}-{order}.jpg", buffer.getvalue())
    ProductImage.objects.create(product=product, original=upload, display_order=order)


def pictured(title, colour, **kwargs):
    product = make_product(title=title, **kwargs)
    add_picture(product, colour)
    return product


def product_grid(*products):
    return (
        "product_grid",
        {
            "headline": "Kit for a stiff back",
            "note": "",
            "products": [
                {"type": "item", "value": p.pk, "id": f"item-{p.pk}"} for p in products
            ],
            "button_label": "",
            "if_unavailable": "hide",
            "fallback_product": None,
            "fallback_category": None,
        },
    )


def test_an_article_shows_the_three_forms_of_the_product_card(page):
    cushion = pictured("Lumbar cushion", "#2f6f8f", price="18.50", was_price="24.00")
    roller = pictured("Foam roller", "#8f4f2f", price="22.00")
    ball = pictured("Massage ball", "#4f8f2f", price="8.00")
    publish_article(
        "Sitting well",
        paragraph("A cushion in the small of your back keeps its curve."),
        product_callout(cushion, note="Firm foam that keeps its shape."),
        paragraph("Rolling eases tight muscles after a long day."),
        product_callout(roller, layout="banner", headline="Our pick"),
        product_grid(roller, ball),
        slug="sitting-well",
    )
    page.goto("/articles/sitting-well/")
    inline, banner = page.locator('[data-callout="product"]').all()
    grid = page.locator('[data-callout="grid"]')

    # Inline: the picture left of the title, the editor's reason, was and now.
    card = inline.locator(f'[data-product-id="{cushion.pk}"]')
    # An h2 whatever comes before it: no heading level is skipped.
    expect(card.locator("h2")).to_have_text("Lumbar cushion")
    expect(card).to_contain_text("Firm foam that keeps its shape.")
    expect(card.locator("s")).to_have_text("£24.00")
    picture = card.locator("img").bounding_box()
    title = card.get_by_role("heading").bounding_box()
    assert picture["x"] + picture["width"] <= title["x"]
    assert card.locator("img").get_attribute("srcset").count("w,") == 2

    # The banner is visibly not the inline card: wider picture, tinted panel.
    banner_card = banner.locator(f'[data-product-id="{roller.pk}"]')
    assert banner_card.locator("img").bounding_box()["width"] > picture["width"]
    colours = [
        c.evaluate("e => getComputedStyle(e).backgroundColor")
        for c in (card, banner_card)
    ]
    assert colours[0] != colours[1]

    # Grid: pictures above their titles.
    grid_card = grid.locator(f'[data-product-id="{ball.pk}"]')
    assert (
        grid_card.locator("img").bounding_box()["y"]
        < grid_card.get_by_role("heading").bounding_box()["y"]
    )

    # Each callout is a landmark with its own name.
    names = [
        aside.get_attribute("aria-label")
        for aside in page.locator("aside[data-callout]").all()
    ]
    assert len(names) == len(set(names)) == 3
    assert_accessible(page)
    screenshot(page, "cards-1-article-callouts")


def test_product_page_sells_above_the_fold(page):
    roller = pictured("Foam roller", "#8f4f2f", price="22.00")
    add_picture(roller, "#2f4f8f", order=1)
    set_attribute(roller, "material", "EVA foam", name="Material")
    publish_article(
        "Rolling out",
        paragraph("Slow passes along the muscle."),
        product_callout(roller),
        slug="rolling-out",
    )
    page.set_viewport_size(MOBILE)
    page.goto(roller.get_absolute_url())
    main = page.locator("[data-gallery-main]")
    expect(main).to_have_attribute("fetchpriority", "high")
    assert main.get_attribute("width") and main.get_attribute("srcset")
    # Price, stock and the basket button are on the first screen at 375 px.
    expect(page.get_by_label("Quantity")).to_have_value("1")
    button = page.locator("#add_to_basket_form button[type=submit]")
    box = button.bounding_box()
    assert box["y"] + box["height"] < MOBILE["height"]
    expect(page.locator("[data-price]")).to_contain_text("incl. VAT")
    expect(page.locator("[data-delivery-summary]")).to_contain_text("Returns")
    expect(page.locator("[data-featured-in]")).to_contain_text("Rolling out")
    specs = page.locator(".product-specs")
    expect(specs).to_contain_text("EVA foam")
    expect(page.locator("#content_inner")).not_to_contain_text("UPC")
    expect(page.get_by_role("link", name="Sign in to write a review")).to_be_visible()
    page.set_viewport_size({"width": 1280, "height": 900})
    # The second small picture takes the main place (site.js).
    second = page.locator("[data-gallery-src]").nth(1)
    second.click()
    expect(main).to_have_attribute("src", second.get_attribute("data-gallery-src"))
    expect(second).to_have_attribute("aria-current", "true")
    assert_accessible(page)
    screenshot(page, "cards-2-product-page")
    page.get_by_label("Quantity").fill("2")
    button.click()
    expect(page.locator("[data-mini-basket-count]")).to_have_text("2")


def test_header_at_375px_is_one_line_and_a_menu_that_opens_without_script(
    browser, live_server, site_tree
):
    context = browser.new_context(
        viewport=MOBILE, base_url=live_server.url, java_script_enabled=False
    )
    page = context.new_page()
    page.goto("/articles/")
    header = page.locator("header[role=banner]")
    assert header.bounding_box()["height"] < 80
    nav = page.get_by_role("navigation", name="Main")
    expect(nav).to_be_hidden()
    page.get_by_text("Menu").focus()
    page.keyboard.press("Enter")
    expect(nav).to_be_visible()
    expect(page.get_by_label("Search articles and products")).to_be_visible()
    screenshot(page, "cards-3-mobile-menu")
    expect(nav).to_be_visible()
    page.screenshot(path=str(RESULTS_DIR / "cards-3-mobile-menu-open.png"))
    close_context(context)


def test_home_page_shows_articles_and_a_grid_of_shop_cards(page):
    from tests.conftest import ensure_site_tree
    from tests.factories_blog import body_json

    products = [
        pictured(title, colour, price=price)
        for title, colour, price in (
            ("Lumbar cushion", "#2f6f8f", "18.50"),
            ("Foam roller", "#8f4f2f", "22.00"),
            ("Massage ball", "#4f8f2f", "8.00"),
        )
    ]
    for title in ("Sitting well", "Lifting without strain", "Sleeping on your side"):
        publish_article(title, paragraph("Keep moving, gently."))
    home, _index = ensure_site_tree()
    home.featured_products = body_json(product_grid(*products))
    home.save_revision().publish()

    page.goto("/")
    expect(page.locator("[data-featured-articles] article")).to_have_count(3)
    cards = page.locator('[data-callout="grid"] [data-product-id]')
    expect(cards).to_have_count(3)
    assert_accessible(page)
    screenshot(page, "cards-4-home")
