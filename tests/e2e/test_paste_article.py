"""Editor journey: paste a formatted article (as a word processor or a web
page puts it on the clipboard) into an article's text block; on saving, its
headings are heading blocks that the table of contents lists."""

import re

from playwright.sync_api import expect

from blog.models import ArticlePage
from site_project.roles import EDITORS
from tests.conftest import ensure_site_tree
from tests.e2e.conftest import make_staff, sign_in_to_cms

CLIPBOARD_HTML = (
    "<h1>Sitting less</h1><p>Most of us sit for nine hours a day.</p>"
    "<h2>Why it matters</h2><p>Discs like movement.</p>"
    "<h3>What to try</h3><ul><li>Stand for calls</li><li>Walk at lunch</li></ul>"
)

PASTE = """([selector, html]) => {
    const target = document.querySelector(selector);
    target.focus();
    const data = new DataTransfer();
    data.setData("text/html", html);
    data.setData("text/plain", html.replace(/<[^>]+>/g, "\\n"));
    const init = {clipboardData: data, bubbles: true, cancelable: true};
    target.dispatchEvent(new ClipboardEvent("paste", init));
}"""


def test_pasted_headings_become_heading_blocks(page, settings):
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    _home, index = ensure_site_tree()
    sign_in_to_cms(page, make_staff("editor", EDITORS))
    page.goto(f"/cms/pages/add/blog/articlepage/{index.pk}/")
    page.fill("#id_title", "Sitting less")
    page.locator("#body-root button[title='Insert a block']").last.click()
    page.get_by_role("option", name="Text", exact=True).click()
    editor = "[data-contentpath=body] [data-streamfield-child] [contenteditable=true]"
    page.locator(editor).click()
    page.evaluate(PASTE, [editor, CLIPBOARD_HTML])
    expect(page.locator(editor)).to_contain_text("Walk at lunch")
    expect(page.locator(editor).locator("h2")).to_have_text("Why it matters")
    # Draftail keeps its state in the block's hidden input: saved once synced.
    expect(page.locator("input[name='body-0-value']")).to_have_value(
        re.compile("Walk at lunch")
    )
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messages")).to_contain_text(re.compile("created"))

    draft = ArticlePage.objects.get(
        title="Sitting less"
    ).get_latest_revision_as_object()
    assert [block.block_type for block in draft.body] == [
        "paragraph",
        "heading",
        "paragraph",
        "heading",
        "paragraph",
    ]
    assert draft.table_of_contents == [("why-it-matters", "Why it matters")]
    assert draft.body[3].value["level"] == "h3"
    # Word processors' h1 (Draftail has no h1 here) stays as text.
    assert "Sitting less" in draft.body[0].value.source
