"""Editor journey: import two articles in Wagtail's admin, read the report,
open the suggested callouts of one and insert a callout with one click."""

from pathlib import Path

from playwright.sync_api import expect

from blog.models import ArticlePage
from site_project.roles import EDITORS
from tests.e2e.conftest import make_staff, screenshot, sign_in_to_cms
from tests.factories_shop import make_product

SAMPLES = Path(__file__).resolve().parents[1] / "integration" / "importer" / "samples"


def test_editor_imports_articles_and_inserts_a_suggested_callout(page):
    mat = make_product(title="Cushioned Exercise Mat, 10 mm", upc="BB-MAT-05")
    editor = make_staff("editor", EDITORS)
    sign_in_to_cms(page, editor)
    page.get_by_role("link", name="Import articles").click()
    page.set_input_files(
        "#id_files",
        [str(SAMPLES / "desk-breaks.txt"), str(SAMPLES / "posture-page.html")],
    )
    page.get_by_role("button", name="Import").click()
    report = page.locator("#import-report").locator("..")
    expect(report).to_contain_text("Three desk breaks that keep your back moving")
    expect(report).to_contain_text("Removed 2 script or embedded object(s).")
    expect(report).to_contain_text("Cushioned Exercise Mat, 10 mm")
    screenshot(page, "importer-1-report")

    report.get_by_role("link", name="Review and insert").first.click()
    expect(page.locator("main")).to_contain_text('"exercise mat"')
    screenshot(page, "importer-2-suggestions")
    page.get_by_role("button", name="Insert product callout").click()
    expect(page.locator(".messages")).to_contain_text("Callout inserted in the draft")
    expect(page.locator("main")).to_contain_text("Nothing to suggest")

    article = ArticlePage.objects.get(title__startswith="Three desk breaks")
    draft = article.get_latest_revision_as_object()
    callouts = [b for b in draft.body if b.block_type == "product_callout"]
    assert [c.value["product"].pk for c in callouts] == [mat.pk]
    assert not article.live
