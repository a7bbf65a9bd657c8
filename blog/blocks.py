"""StreamField blocks for the body of an article, callouts included."""

import re

from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.rich_text import RichText

from .callout_blocks import callout_block_types

ANCHOR_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# A reference marker as stored in rich text (blog.wagtail_hooks).
CITATION_TAG = re.compile(r'<a\s[^>]*\blinktype="reference"[^>]*>')
CITATION_NUMBER = re.compile(r'\snumber="(\d+)"')

# Formatting allowed in article text. Headings are allowed so that pasting a
# formatted article keeps them; saving makes each one a heading block of its
# own, which the table of contents lists (ArticleBodyBlock.clean).
ARTICLE_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "document-link"]
ARTICLE_TEXT_FEATURES += ["ol", "ul", "reference"]
HEADING_TAGS = {"h2": "h2", "h3": "h3", "h4": "h3"}


def heading_anchor(value):
    """The id of a heading (StructValue or raw dict): the editor's anchor,
    else one made from its text."""
    anchor = (value.get("anchor") or "").strip()
    return anchor or slugify(value.get("text") or "") or "section"


def unique_anchor(text, taken):
    """An anchor made from `text` that is not in `taken` (which it joins)."""
    anchor = base = slugify(text)[:70].strip("-") or "section"
    number = 2
    while anchor in taken:
        anchor, number = f"{base}-{number}", number + 1
    taken.add(anchor)
    return anchor


def cited_numbers(raw):
    """The reference numbers cited by markers in raw StreamField data."""
    if isinstance(raw, str):
        return {
            int(number)
            for tag in CITATION_TAG.findall(raw)
            for number in CITATION_NUMBER.findall(tag)
        }
    if isinstance(raw, dict):
        raw = list(raw.values())
    if isinstance(raw, list):
        return set().union(*map(cited_numbers, raw))
    return set()


class ReferenceBlock(blocks.StructBlock):
    """A source the article rests on, listed and numbered at its end."""

    authors = blocks.CharBlock(
        required=False,
        max_length=300,
        help_text="People or organisation, e.g. 'National Institute for Health "
        "and Care Excellence'.",
    )
    title = blocks.CharBlock(max_length=300)
    publisher = blocks.CharBlock(
        required=False, max_length=200, label="Journal or publisher"
    )
    year = blocks.IntegerBlock(required=False, min_value=1800, max_value=2100)
    doi = blocks.RegexBlock(
        regex=r"^10\.\d{4,9}/\S+$",
        required=False,
        max_length=200,
        label="DOI",
        help_text="e.g. 10.1000/xyz123, without https://doi.org/",
        error_messages={"invalid": "A DOI starts with 10. and has a slash."},
    )
    pmid = blocks.RegexBlock(
        regex=r"^\d{1,9}$",
        required=False,
        max_length=9,
        label="PMID",
        help_text="The PubMed number, digits only.",
        error_messages={"invalid": "A PMID is digits only."},
    )
    url = blocks.URLBlock(required=False, label="URL")

    class Meta:
        icon = "doc-full"
        label = "Reference"
        template = "blocks/reference.html"

    def clean(self, value):
        value = super().clean(value)
        if not (value.get("doi") or value.get("pmid") or value.get("url")):
            raise StructBlockValidationError(
                block_errors={
                    "url": ValidationError(
                        "Give a DOI, a PMID or a URL so readers can find the source."
                    )
                }
            )
        return value

    @staticmethod
    def link(value):
        """Where a reader finds the source: its URL, else its DOI, else PubMed."""
        if value.get("url"):
            return value["url"]
        if value.get("doi"):
            return f"https://doi.org/{value['doi']}"
        if value.get("pmid"):
            return f"https://pubmed.ncbi.nlm.nih.gov/{value['pmid']}/"
        return ""

    def citation_data(self, value):
        """schema.org CreativeWork for the reference (a ``citation``)."""
        work = {"@type": "CreativeWork", "name": value.get("title")}
        if value.get("authors"):
            work["author"] = value["authors"]
        if value.get("publisher"):
            work["publisher"] = value["publisher"]
        if value.get("year"):
            work["datePublished"] = str(value["year"])
        if link := self.link(value):
            work["url"] = link
        identifiers = [
            f"{kind}:{value[name]}"
            for kind, name in (("doi", "doi"), ("pmid", "pmid"))
            if value.get(name)
        ]
        if identifiers:
            work["identifier"] = identifiers
        return work

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["reference_link"] = self.link(value)
        return context


class HeadingBlock(blocks.StructBlock):
    """A section heading (h2 or h3) with an id that links can jump to."""

    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section (h2)"), ("h3", "Sub-section (h3)")],
        default="h2",
    )
    anchor = blocks.CharBlock(
        required=False,
        max_length=80,
        help_text=(
            "The #link to this heading, e.g. 'when-to-see-a-doctor'. "
            "Leave empty to make one from the heading text."
        ),
    )

    class Meta:
        icon = "title"
        template = "blocks/heading.html"
        label = "Heading"
        description = "A section heading; h2 headings form the table of contents"

    def clean(self, value):
        value = super().clean(value)
        anchor = (value.get("anchor") or "").strip()
        if anchor and not ANCHOR_PATTERN.match(anchor):
            raise StructBlockValidationError(
                block_errors={
                    "anchor": ValidationError(
                        "Use lower-case letters, digits and hyphens only, "
                        "starting with a letter or digit."
                    )
                }
            )
        value["anchor"] = heading_anchor(value)
        return value


class ArticleTextBlock(blocks.RichTextBlock):
    """Paragraphs, lists and links."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", ARTICLE_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/rich_text.html"
        label = "Text"
        description = "Paragraphs, lists and links"


class CaptionedImageBlock(blocks.StructBlock):
    """An image in the body, with alt text and an optional caption."""

    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        required=False,
        max_length=250,
        help_text="Describe the image for people who cannot see it. "
        "Leave empty only if the image is decorative.",
    )
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "blocks/image.html"
        label = "Image"
        description = "An image with alt text and a caption"


class PullQuoteBlock(blocks.StructBlock):
    """A short quotation set apart from the text."""

    quote = blocks.TextBlock(max_length=400)
    attribution = blocks.CharBlock(required=False, max_length=120)

    class Meta:
        icon = "openquote"
        template = "blocks/pull_quote.html"
        label = "Pull quote"
        description = "A short quotation set apart from the text"


class NoteBlock(blocks.StructBlock):
    """A boxed tip or warning, e.g. "See a doctor if the pain spreads"."""

    kind = blocks.ChoiceBlock(
        choices=[("tip", "Tip"), ("warning", "Warning")],
        default="tip",
    )
    title = blocks.CharBlock(required=False, max_length=120)
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "warning"
        template = "blocks/note.html"
        label = "Note box"
        description = "A boxed tip or warning"


class VideoEmbedBlock(blocks.StructBlock):
    """A video from an oEmbed provider, with a caption (a link when unreachable)."""

    video = EmbedBlock(help_text="The address of the video page.")
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "media"
        template = "blocks/video.html"
        label = "Video"
        description = "An embedded video"


class ArticleBodyBlock(blocks.StreamBlock):
    """The body of an article; heading anchors must be unique on the page so
    each table-of-contents link lands on one heading."""

    def clean(self, value):
        value = self.split_headings(super().clean(value))
        anchors = [
            heading_anchor(child.value) if child.block_type == "heading" else None
            for child in value
        ]
        errors = {
            index: StructBlockValidationError(
                block_errors={
                    "anchor": ValidationError(
                        f"Another heading already uses the anchor '{anchor}'. "
                        "Give this one a different anchor."
                    )
                }
            )
            for index, anchor in enumerate(anchors)
            if anchor is not None and anchor in anchors[:index]
        }
        if errors:
            raise blocks.StreamBlockValidationError(block_errors=errors)
        return value

    def split_headings(self, value):
        """Text blocks holding headings (pasted from a word processor or a web
        page) split into text and heading blocks, each heading with an anchor
        no other heading of the article uses."""
        if not any(
            child.block_type == "paragraph"
            and re.search(r"<h[2-4][\s>]", child.value.source)
            for child in value
        ):
            return value
        taken = {
            heading_anchor(child.value)
            for child in value
            if child.block_type == "heading"
        }
        children = []
        for child in value:
            if child.block_type != "paragraph":
                children.append((child.block_type, child.value, child.id))
                continue
            text, block_id = [], child.id
            for node in BeautifulSoup(child.value.source, "html.parser").contents:
                if getattr(node, "name", None) not in HEADING_TAGS:
                    text.append(str(node))
                    continue
                if "".join(text).strip():
                    children.append(("paragraph", RichText("".join(text)), block_id))
                    text, block_id = [], None
                title = node.get_text(" ", strip=True)[:120]
                if title:
                    anchor = unique_anchor(title, taken)
                    heading = self.child_blocks["heading"].to_python(
                        {
                            "text": title,
                            "level": HEADING_TAGS[node.name],
                            "anchor": anchor,
                        }
                    )
                    children.append(("heading", heading, None))
            if "".join(text).strip():
                children.append(("paragraph", RichText("".join(text)), block_id))
        return blocks.StreamValue(self, children)


ARTICLE_BODY_BLOCKS = [
    ("heading", HeadingBlock()),
    ("paragraph", ArticleTextBlock()),
    ("image", CaptionedImageBlock()),
    ("pull_quote", PullQuoteBlock()),
    ("note", NoteBlock()),
    ("video", VideoEmbedBlock()),
    *callout_block_types(),
]

# A standard page (delivery, returns, terms...) is text: no callouts or media.
STANDARD_BODY_BLOCKS = [
    ("heading", HeadingBlock()),
    ("paragraph", ArticleTextBlock()),
    ("note", NoteBlock()),
]
