"""Editor journey: write an article in Wagtail's admin with a heading, a
paragraph and a product callout picked through the product chooser, preview
it, publish it, and see the live price on the public page."""

import re

from playwright.sync_api import expect

from blog.models import ArticlePage
from shop.partner.models import StockRecord
from site_project.roles import EDITORS
from tests.conftest import ensure_site_tree
from tests.e2e.conftest import make_staff, screenshot, sign_in_to_cms
from tests.factories_shop import make_product


def add_block(page, label):
    """Open the body's last "Insert a block" menu and pick a block type."""
    page.locator("#body-root button[title='Insert a block']").last.click()
    page.get_by_role("option", name=label, exact=True).click()


def test_editor_writes_previews_and_publishes_an_article_with_a_callout(page, settings):
    # Autosave off: on a loaded machine an autosave still in flight when
    # Publish is clicked creates the page first, and the create view's own
    # submission then fails on the slug now taken. This journey is about
    # publishing; autosave is Wagtail's and not under test here.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    _home, index = ensure_site_tree()
    mat = make_product(title="Acupressure mat", price="32.00")
    make_product(title="Posture corrector", price="29.99")
    editor = make_staff("editor", EDITORS)

    sign_in_to_cms(page, editor)
    page.goto(f"/cms/pages/{index.pk}/")
    page.get_by_role("link", name=re.compile("Add child page")).first.click()
    expect(page).to_have_url(
        re.compile(rf"/cms/pages/add/blog/articlepage/{index.pk}/")
    )

    page.fill("#id_title", "Standing desks and your back")
    page.fill("#id_standfirst", "Changing position through the day helps.")
    body = page.locator("[data-contentpath=body]")

    add_block(page, "Heading")
    page.fill("#body-0-value-text", "Why standing helps")
    add_block(page, "Text")
    body.locator("[data-streamfield-child]").nth(1).locator(
        "[contenteditable=true]"
    ).click()
    page.keyboard.type("Moving between sitting and standing keeps the back supple.")

    add_block(page, "Product callout")
    callout = body.locator("[data-streamfield-child]").nth(2)
    callout.get_by_role("button", name="Choose a product").click()
    chooser = page.locator(".modal-dialog")
    chooser.get_by_role("textbox", name=re.compile("Search")).fill("acupressure")
    results = chooser.locator("table")
    expect(results).to_contain_text("£32.00")
    expect(results).not_to_contain_text("Posture corrector")
    screenshot(page, "editor-1-chooser")
    results.get_by_role("link", name="Acupressure mat").click()
    expect(chooser).to_be_hidden()
    expect(page.locator("#body-2-value-product-title")).to_contain_text(
        "Acupressure mat"
    )
    callout.get_by_label("Why we recommend it").fill("Gentle pressure eases tension.")

    # Live preview in the side panel renders the callout with the shop's price.
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("#w-preview-iframe")
    preview_card = preview.locator(
        f'[data-callout="product"] [data-product-id="{mat.pk}"]'
    )
    expect(preview_card).to_contain_text("£32.00", timeout=30_000)
    expect(preview.get_by_role("heading", name="Why standing helps")).to_be_visible()
    screenshot(page, "editor-2-preview")

    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.locator(".messages")).to_contain_text(
        "Page 'Standing desks and your back' created and published."
    )

    article = ArticlePage.objects.get(title="Standing desks and your back")
    assert article.live
    # The price is read live from the shop, not copied at publication.
    StockRecord.objects.filter(product=mat).update(price="28.00")

    page.goto(article.url)
    expect(page).to_have_url(re.compile(r"/articles/standing-desks-and-your-back/$"))
    expect(
        page.get_by_role("heading", level=2, name="Why standing helps")
    ).to_be_visible()
    expect(page.locator(".article__body")).to_contain_text("keeps the back supple")
    card = page.locator(f'[data-callout="product"] [data-product-id="{mat.pk}"]')
    expect(card.locator("[data-product-price]")).to_contain_text("£28.00")
    expect(page.locator('[data-callout="product"]')).to_contain_text(
        "Gentle pressure eases tension."
    )
    screenshot(page, "editor-3-published")
