"""Reading time, table of contents and heading anchors, without a database."""

import json

import pytest
from wagtail.blocks import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from blog.blocks import ArticleBodyBlock, HeadingBlock, heading_anchor
from blog.models import ArticlePage
from blog.templatetags.blog_tags import json_ld
from tests.factories_blog import body_json

# A Wagtail Page looks up its content type when it is instantiated.
pytestmark = pytest.mark.django_db


def article_with(*blocks, standfirst=""):
    return ArticlePage(title="T", standfirst=standfirst, body=body_json(*blocks))


def words(count):
    return " ".join(["back"] * count)


def test_reading_time_counts_prose_at_200_words_a_minute():
    assert article_with().reading_time == 1
    assert article_with(("paragraph", f"<p>{words(200)}</p>")).reading_time == 1
    assert article_with(("paragraph", f"<p>{words(201)}</p>")).reading_time == 2
    article = article_with(
        ("heading", {"text": words(10), "level": "h2", "anchor": "a"}),
        ("paragraph", f"<p><strong>{words(300)}</strong></p><ul><li>x</li></ul>"),
        ("pull_quote", {"quote": words(50), "attribution": ""}),
        ("note", {"kind": "tip", "title": "", "text": f"<p>{words(39)}</p>"}),
        standfirst=words(1),
    )
    assert article.reading_time == 3  # 401 words


def test_reading_time_ignores_markup_ids_and_urls():
    article = article_with(
        ("video", {"video": "https://video.example/" + "a-" * 500, "caption": ""}),
        ("heading", {"text": "Hi", "level": "h2", "anchor": "-".join("x" * 500)}),
        ("image", {"image": 7, "alt_text": "", "caption": ""}),
        ("paragraph", '<p><a href="/a very long link target">two words</a></p>'),
    )
    assert article.reading_time == 1


def test_table_of_contents_lists_h2_headings_in_order():
    article = article_with(
        ("heading", {"text": "Why it hurts", "level": "h2", "anchor": ""}),
        ("heading", {"text": "A detail", "level": "h3", "anchor": "detail"}),
        ("paragraph", "<p>Text</p>"),
        ("heading", {"text": "See a GP", "level": "h2", "anchor": "gp"}),
    )
    assert article.table_of_contents == [
        ("why-it-hurts", "Why it hurts"),
        ("gp", "See a GP"),
    ]


def test_heading_anchor_falls_back_to_the_text_then_a_default():
    assert heading_anchor({"text": "Stretch & rest!", "anchor": ""}) == "stretch-rest"
    assert heading_anchor({"text": "Any", "anchor": " own "}) == "own"
    assert heading_anchor({"text": "!!!", "anchor": ""}) == "section"


def test_heading_block_fills_in_its_anchor_and_rejects_bad_ones():
    block = HeadingBlock()
    value = block.clean(block.to_python({"text": "Core work", "level": "h2"}))
    assert value["anchor"] == "core-work"
    with pytest.raises(StructBlockValidationError):
        block.clean(
            block.to_python({"text": "X", "level": "h2", "anchor": "Bad anchor"})
        )


def test_body_rejects_two_headings_with_one_anchor():
    block = ArticleBodyBlock(
        [("heading", HeadingBlock())],
    )
    value = block.to_python(
        [
            {"type": "heading", "value": {"text": "Rest", "level": "h2"}},
            {"type": "heading", "value": {"text": "Rest", "level": "h3"}},
        ]
    )
    with pytest.raises(StreamBlockValidationError) as error:
        block.clean(value)
    assert list(error.value.block_errors) == [1]


def test_json_ld_cannot_close_its_script_element():
    html = str(json_ld({"headline": "</script><script>alert(1)</script> & co"}))
    assert html.startswith('<script type="application/ld+json">')
    assert html.count("</script>") == 1
    payload = html.removeprefix('<script type="application/ld+json">')
    payload = payload.removesuffix("</script>")
    assert json.loads(payload)["headline"].startswith("</script>")
    assert json_ld({}) == ""
