"""manage.py import_articles on the sample documents in samples/: the exact
blocks, callouts and suggestions each format gives, drafts not published,
re-imports that update, and bad input reported without a half-made page."""

import io
import json
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from PIL import Image as PILImage
from wagtail.images import get_image_model

from blog.models import ArticlePage, Author, Topic
from site_project.search_terms.models import Synonym
from tests.factories_shop import make_category, make_product
from tests.integration.importer.word import word_document

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).parent / "samples"


@pytest.fixture
def shop(article_index):
    heat = make_category("Heat and cold therapy")
    massage = make_category("Massage tools")
    products = {
        "cold": make_product(title="Large Reusable Gel Cold Pack", upc="BB-COLD-01"),
        "wrap": make_product(title="Microwavable Wheat Wrap", upc="BB-WRAP-02"),
        "ball": make_product(title="Peanut Massage Ball Set", upc="BB-BALL-03"),
        "roller": make_product(title="Firm Foam Roller", upc="BB-ROLL-04"),
        "mat": make_product(title="Cushioned Exercise Mat, 10 mm", upc="BB-MAT-05"),
    }
    return {"heat": heat, "massage": massage, **products}


def run(*args, fails=False):
    """The --json report; `fails`: nothing could be imported (exit status 1)."""
    out = io.StringIO()
    command = ("import_articles", *map(str, args), "--json")
    if fails:
        with pytest.raises(CommandError, match="Nothing was imported"):
            call_command(*command, stdout=out, stderr=io.StringIO())
    else:
        call_command(*command, stdout=out, stderr=io.StringIO())
    return json.loads(out.getvalue())


def blocks(result):
    return [(block["type"], block["text"]) for block in result["blocks"]]


def test_plain_text_as_writers_send_it(shop):
    [result] = run(SAMPLES / "desk-breaks.txt")
    assert result["title"] == "Three desk breaks that keep your back moving"
    assert blocks(result) == [
        (
            "paragraph",
            "Sitting still is the problem, not sitting. A back that holds one "
            "shape for hours stiffens, and the muscles that should hold you "
            "upright hand the job to the discs and ligaments.",
        ),
        ("heading", "Why do breaks help?"),
        (
            "paragraph",
            "Every change of position moves fluid through the discs and wakes "
            "up the deep muscles. Short, frequent breaks beat one long session "
            "at the end of the day.",
        ),
        ("paragraph", "Try these, once an hour:"),
        (
            "paragraph",
            "Stand and reach both arms overhead for five breaths\n"
            "Walk to the far end of the office and back\n"
            "Roll your shoulders ten times backwards\n"
            "Sit tall and gently draw the navel in for ten seconds",
        ),
        ("heading", "What to keep at your desk"),
        (
            "paragraph",
            "A firm cushion behind the lower back helps you sit tall. If your "
            "floor is hard, an exercise mat under the desk makes the stretches more "
            "comfortable.",
        ),
        ("note", "stop any movement that sends pain down a leg."),
    ]
    assert result["suggestions"] == [
        {
            "block": 6,
            "product_id": shop["mat"].pk,
            "phrase": "exercise mat",
            "label": "Cushioned Exercise Mat, 10 mm",
        }
    ]
    assert result["warnings"] == []
    page = ArticlePage.objects.get(pk=result["page_id"])
    assert not page.live and page.has_unpublished_changes
    draft = page.get_latest_revision_as_object()
    assert draft.author.name == "Priya Lindqvist"
    assert [block.block_type for block in draft.body][:2] == ["paragraph", "heading"]
    headings = [block.value for block in draft.body if block.block_type == "heading"]
    assert [h["anchor"] for h in headings] == [
        "why-do-breaks-help",
        "what-to-keep-at-your-desk",
    ]
    assert draft.table_of_contents == [
        ("why-do-breaks-help", "Why do breaks help?"),
        ("what-to-keep-at-your-desk", "What to keep at your desk"),
    ]


def test_a_first_line_that_is_a_sentence_is_not_the_title(shop):
    [result] = run(SAMPLES / "notes-for-the-weekend.txt")
    assert result["title"] == "Gentle start"
    assert result["warnings"] == [
        "No title line: the first heading 'Gentle start' is the title."
    ]
    assert blocks(result) == [
        (
            "paragraph",
            "Stretching at the weekend works better when you warm up first. "
            "Do the slow movements before the long holds.",
        ),
        ("paragraph", "A few minutes of walking is enough to warm the muscles."),
    ]


def write_image(path, colour):
    path.parent.mkdir(parents=True, exist_ok=True)
    PILImage.new("RGB", (120, 80), colour).save(path)


def test_markdown_with_front_matter_images_and_callouts(shop, tmp_path):
    source = tmp_path / "cold-first.md"
    shutil.copy(SAMPLES / "cold-first.md", source)
    write_image(tmp_path / "images" / "pack.png", "navy")
    write_image(tmp_path / "images" / "wrap.png", "orange")
    [result] = run(source)
    assert result["title"] == "Cold first, then heat"
    assert blocks(result) == [
        (
            "paragraph",
            "A strain in the first two days is swollen and sore. Cold calms "
            "it; a cold pack wrapped in a thin towel for ten minutes is plenty.",
        ),
        ("heading", "After the first two days"),
        (
            "paragraph",
            "Warmth loosens muscles that have tightened to guard the sore "
            "spot. A microwavable wheat wrap or an electric heat pad both work. "
            "Read the guide to warmth for more.",
        ),
        ("heading", "How long?"),
        ("paragraph", "Ten to fifteen minutes\nSkin check halfway through"),
        ("note", "Set a timer so you do not fall asleep on the heat."),
        ("pull_quote", "Cold for the new, warm for the old."),
        ("image", "A wheat wrap warming on a plate"),
        ("product_grid", ""),
        ("category_callout", ""),
    ]
    assert result["warnings"] == [
        "Product callout: no shop product matches (sku=NO-SUCH-SKU); left out."
    ]
    draft = ArticlePage.objects.get(
        pk=result["page_id"]
    ).get_latest_revision_as_object()
    assert (
        draft.standfirst
        == "Why a fresh strain wants cold and a stiff back wants warmth."
    )
    assert draft.author.name == "Ines Calloway"
    assert [t.name for t in draft.topics.all()] == ["Recovery and relief"]
    assert sorted(t.name for t in draft.tags.all()) == ["cold", "heat"]
    assert str(draft.date_published) == "2026-02-14"
    assert draft.hero_image.title == "A blue gel pack on a towel"
    assert draft.hero_alt == "A blue gel pack on a towel"
    body = {block.block_type: block.value for block in draft.body}
    assert [p.pk for p in body["product_grid"]["products"]] == [
        shop["cold"].pk,
        shop["wrap"].pk,
    ]
    assert body["category_callout"]["category"].pk == shop["heat"].pk
    assert body["category_callout"]["limit"] == 2
    assert body["image"]["alt_text"] == "A wheat wrap warming on a plate"
    paragraph = draft.body[2].value.source
    assert '<a href="https://example.org/warmth">guide to warmth</a>' in paragraph
    assert "<i>microwavable wheat wrap</i>" in paragraph
    # Products already called out are not suggested again.
    assert {s.get("product_id") for s in result["suggestions"]}.isdisjoint(
        {shop["cold"].pk, shop["wrap"].pk}
    )


def test_html_page_keeps_the_article_and_drops_the_rest(shop):
    [result] = run(SAMPLES / "posture-page.html")
    assert result["title"] == "Posture myths"
    assert blocks(result) == [
        (
            "paragraph",
            "There is no single perfect posture. The best posture is the next one.",
        ),
        ("heading", "Myth one: sit up straight all day"),
        ("paragraph", "Holding any position tires the muscles that hold it."),
        ("paragraph", "Change position often\nUse a lumbar cushion if it helps"),
        ("heading", "What the research says"),
        ("pull_quote", "Movement matters more than position."),
        ("note", "pain that wakes you at night needs a doctor."),
    ]
    assert result["warnings"] == [
        "Removed 2 script or embedded object(s).",
        "Removed 1 event handler attribute(s) (on...=).",
        "Removed a javascript: link ('lumbar cushion').",
        "Remote image not fetched (the importer reads local files only): "
        "https://cdn.example.com/chair.jpg",
    ]
    draft = ArticlePage.objects.get(
        pk=result["page_id"]
    ).get_latest_revision_as_object()
    assert draft.standfirst == "Four things people get wrong about posture."
    source = "".join(str(block.value) for block in draft.body)
    assert (
        "script" not in source
        and "onclick" not in source
        and "javascript" not in source
    )


def test_wordpress_export_posts_with_woocommerce_callouts(shop):
    results = run(SAMPLES / "wordpress-export.xml")
    assert [r["title"] for r in results] == [
        "Rolling out a tight back",
        "Gutenberg picks",
    ]
    rolling, picks = results
    assert blocks(rolling) == [
        ("paragraph", "A tight upper back eases with slow pressure."),
        ("paragraph", "Lie on the roller across your shoulder blades and breathe."),
        ("product_callout", ""),
        ("heading", "Smaller tools"),
        ("paragraph", "A massage ball reaches the spots a roller misses."),
        ("product_grid", ""),
        ("category_callout", ""),
    ]
    assert rolling["warnings"] == [
        "Unknown shortcode [gallery] removed.",
        "Product callout: no shop product matches (wp_id=503, slug=retired-gadget, "
        "title=Retired gadget); left out.",
        "Remote image not fetched (the importer reads local files only): "
        "https://old.example/wp-content/uploads/ball.jpg",
    ]
    page = ArticlePage.objects.get(pk=rolling["page_id"])
    draft = page.get_latest_revision_as_object()
    assert draft.slug == "rolling-out-a-tight-back"
    assert str(draft.date_published) == "2024-05-02"
    assert draft.standfirst == "Slow pressure, not force."
    assert draft.author.name == "Tomas Reyes"
    assert [t.name for t in draft.topics.all()] == ["Recovery"]
    assert [t.name for t in draft.tags.all()] == ["massage"]
    body = list(draft.body)
    # Resolved by slug: the export's SKU is not in the shop.
    assert body[2].value["product"].pk == shop["roller"].pk
    assert [p.pk for p in body[5].value["products"]] == [
        shop["ball"].pk,
        shop["roller"].pk,
    ]
    # Resolved by the export's term name.
    assert body[6].value["category"].pk == shop["massage"].pk
    assert blocks(picks) == [
        ("paragraph", "Three tools we like for the lower back."),
        ("product_callout", ""),
        ("product_callout", ""),
        ("category_callout", ""),
    ]
    assert not ArticlePage.objects.filter(
        title__in=["Unfinished draft", "About us"]
    ).exists()


def test_wordpress_drafts_only_when_asked(shop):
    results = run(SAMPLES / "wordpress-export.xml", "--drafts", "--dry-run")
    assert [r["title"] for r in results] == [
        "Rolling out a tight back",
        "Gutenberg picks",
        "Unfinished draft",
    ]
    assert [r["page_id"] for r in results] == [None, None, None]
    assert not ArticlePage.objects.exists()


def test_importing_again_updates_the_draft(shop, tmp_path):
    source = tmp_path / "desk-breaks.txt"
    shutil.copy(SAMPLES / "desk-breaks.txt", source)
    [first] = run(source)
    source.write_text(
        source.read_text().replace("Three desk breaks", "Four desk breaks")
    )
    [second] = run(source)
    assert second["page_id"] == first["page_id"]
    assert ArticlePage.objects.count() == 1
    page = ArticlePage.objects.get()
    assert page.get_latest_revision_as_object().title.startswith("Four desk breaks")
    assert page.revisions.count() == 2
    assert Author.objects.filter(name="Priya Lindqvist").count() == 1


def test_publish_when_asked(shop):
    [result] = run(SAMPLES / "desk-breaks.txt", "--publish")
    page = ArticlePage.objects.get(pk=result["page_id"])
    assert page.live and not page.has_unpublished_changes


def test_images_are_imported_once(shop, tmp_path):
    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text(f"# {name}\n\n![Wrap](wrap.png)\n\nText.\n")
    write_image(tmp_path / "wrap.png", "orange")
    run(tmp_path)
    assert get_image_model().objects.count() == 1
    assert ArticlePage.objects.count() == 2
    assert Topic.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("binary.txt", b"\x89PNG\x00\x00\x00", "binary.txt is a binary file, not text"),
        ("latin.md", "Caf\xe9 culture".encode("latin-1"), "latin.md is not UTF-8 text"),
        (
            "broken.xml",
            b"<rss><channel><item>",
            "broken.xml is not a readable WordPress export",
        ),
        ("other.xml", b"<feed/>", "other.xml is XML but not a WordPress export"),
        ("fake.docx", b"not a zip", "fake.docx is not a Word (.docx) file"),
        ("notes.pdf", b"%PDF-1.4", "notes.pdf: unknown file type"),
    ],
)
def test_bad_files_are_reported_and_nothing_is_made(
    shop, tmp_path, name, content, message
):
    (tmp_path / name).write_bytes(content)
    (tmp_path / "good.txt").write_text("A good title\n\nSome text.\n")
    results = run(tmp_path / name, tmp_path / "good.txt")
    bad = next(r for r in results if r["file"] == name)
    assert bad["page_id"] is None
    assert bad["warnings"][0].startswith(message)
    assert [page.title for page in ArticlePage.objects.all()] == ["A good title"]


def test_a_file_over_the_limit_is_refused(shop, tmp_path, settings):
    settings.IMPORTER_MAX_BYTES = 1000
    (tmp_path / "long.txt").write_text("Title\n\n" + "word " * 400)
    [result] = run(tmp_path / "long.txt", fails=True)
    assert result["warnings"] == [
        "long.txt is 2.0\xa0KB; the largest file the importer reads is 1000\xa0bytes."
    ]
    assert not ArticlePage.objects.exists()


def test_word_document_with_its_embedded_image(shop, tmp_path):
    (tmp_path / "balance.docx").write_bytes(word_document())
    [result] = run(tmp_path / "balance.docx")
    assert result["title"] == "Balance work for a steady back"
    assert blocks(result) == [
        (
            "paragraph",
            "Balance training teaches the small muscles around the spine to "
            "react before you fall.",
        ),
        ("heading", "Start on the floor"),
        ("paragraph", "Stand on one leg by a wall for thirty seconds."),
        ("paragraph", "Keep the knee soft\nLook at a fixed point"),
        ("heading", "Then add a board"),
        ("pull_quote", "Steady beats long."),
        ("image", "A wobble board on a wooden floor"),
        ("paragraph", "A balance board makes the floor move a little."),
    ]
    assert result["warnings"] == []
    draft = ArticlePage.objects.get(
        pk=result["page_id"]
    ).get_latest_revision_as_object()
    image = draft.body[6].value["image"]
    assert (image.width, image.height) == (100, 66)
    assert (
        draft.body[7].value.source
        == "<p><b>A balance board makes the floor move a little.</b></p>"
    )


def test_malformed_html_imports_what_it_can(shop, tmp_path):
    (tmp_path / "broken.html").write_text(
        "<html><body><article><h1>Half a page</h1><p>First <b>bold words"
        "<h2>A heading</h2></div></div><ul><li>One<li>Two</article>"
    )
    [result] = run(tmp_path / "broken.html")
    assert result["title"] == "Half a page"
    assert blocks(result) == [
        ("paragraph", "First bold words"),
        ("heading", "A heading"),
        ("paragraph", "One\nTwo"),
    ]
    assert ArticlePage.objects.filter(pk=result["page_id"]).exists()


def test_suggestions_follow_the_synonyms_editors_manage(shop, tmp_path):
    """An article that says "traction belt" and "ice" is offered the
    decompression belt and the cold-therapy category once editors have said
    traction ~ decompression and ice ~ cold."""
    belt = make_product(title="Inflatable Lumbar Decompression Belt", upc="BB-BELT-06")
    cold = make_category("Cold therapy")
    source = tmp_path / "traction.md"
    source.write_text(
        "# Traction at home\n\nA traction belt eases the lower back.\n\n"
        "Ice therapy calms a fresh strain.\n"
    )
    assert run(source)[0]["suggestions"] == []

    Synonym.objects.create(terms="traction, decompression")
    Synonym.objects.create(terms="ice, cold")

    suggestions = run(source)[0]["suggestions"]
    assert {
        (s.get("product_id"), s.get("category_id"), s["phrase"]) for s in suggestions
    } == {(belt.pk, None, "traction belt"), (None, cold.pk, "ice therapy")}
