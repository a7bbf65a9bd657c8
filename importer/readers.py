"""Read a source file into Documents: plain text, Markdown, HTML, Word and
WordPress exports. Each reader ends in `html_to_blocks`; callouts written as
WooCommerce shortcodes or Gutenberg product blocks become callout markers."""

import datetime
import html
import io
import json
import re
from pathlib import PurePath
from xml.etree.ElementTree import ParseError

import mammoth
import yaml
from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.text import slugify
from markdown_it import MarkdownIt

from .html_blocks import Document, ImageRef, html_to_blocks


class SourceError(Exception):
    """The whole source cannot be read; the message says why."""


FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".docx": "word",
    ".xml": "wordpress",
}

TITLE_MAX_CHARS = 120
HEADING_MAX_WORDS = 12
LIST_ITEM_RE = re.compile(r"^\s*(?:[-*\u2022]\s+|\u2022\s*|(\d+)[.)]\s+)")
AUTHOR_RE = re.compile(r"^\s*(?:author|by|written by)\s*:\s*(.+?)\s*$", re.IGNORECASE)
URL_RE = re.compile(r"(https?://[^\s<>\"]+[^\s<>\".,;:!?)])")

SHORTCODE_RE = re.compile(
    r"\[([a-z][\w-]*)((?:\s+[\w-]+\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\]]+))*)\s*/?\](?![(\[:])",
    re.IGNORECASE,
)
# WordPress's own shortcodes: removed (and reported) even without attributes.
WORDPRESS_SHORTCODES = {"gallery", "audio", "video", "embed", "playlist", "caption"}
ATTRIBUTE_RE = re.compile(r"([\w-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\]]+))")
CAPTION_RE = re.compile(r"\[caption[^\]]*\](.*?)\[/caption\]", re.DOTALL)
GUTENBERG_RE = re.compile(
    r"<!--\s*wp:woocommerce/([\w-]+)\s*(\{.*?\})?\s*/?-->", re.DOTALL
)
PRODUCT_SHORTCODES = {"product", "add_to_cart", "product_page"}


def max_bytes():
    return getattr(settings, "IMPORTER_MAX_BYTES", 10 * 1024 * 1024)


def decode(data, name):
    """The text of a text file, or SourceError for binary or non-UTF-8 data."""
    if b"\x00" in data[:8192]:
        raise SourceError(f"{name} is a binary file, not text: nothing imported.")
    try:
        return data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as error:
        raise SourceError(
            f"{name} is not UTF-8 text (byte {error.start}): save it as UTF-8 "
            "and try again."
        ) from None


def split_attributes(text):
    return {
        match.group(1).lower(): next(g for g in match.groups()[1:] if g is not None)
        for match in ATTRIBUTE_RE.finditer(text or "")
    }


def id_list(value):
    return [part.strip() for part in str(value or "").split(",") if part.strip()]


def shortcode_callout(name, attributes):
    """A callout for a WooCommerce shortcode, or None for other shortcodes;
    the site's own attributes (headline, note, if_unavailable, fallback_sku)
    are kept for the callout block."""
    callout = woocommerce_callout(name, attributes)
    if callout is not None:
        callout["options"] = {
            key: attributes[key]
            for key in ("headline", "note", "if_unavailable", "fallback_sku")
            if attributes.get(key)
        }
    return callout


def woocommerce_callout(name, attributes):
    if name in PRODUCT_SHORTCODES:
        if attributes.get("sku"):
            return {"kind": "product", "products": [{"sku": attributes["sku"]}]}
        if attributes.get("id"):
            return {"kind": "product", "products": [{"wp_id": attributes["id"]}]}
    if name == "products":
        if attributes.get("skus"):
            return {
                "kind": "grid",
                "products": [{"sku": s} for s in id_list(attributes["skus"])],
            }
        if attributes.get("ids"):
            return {
                "kind": "grid",
                "products": [{"wp_id": i} for i in id_list(attributes["ids"])],
            }
        if attributes.get("category"):
            return category_callout(attributes["category"], attributes.get("limit"))
    if name == "product_category" and attributes.get("category"):
        return category_callout(
            attributes["category"],
            attributes.get("limit") or attributes.get("per_page"),
        )
    return None


def category_callout(slugs, limit=None, wp_ids=()):
    try:
        limit = max(1, min(int(limit), 6))
    except (TypeError, ValueError):
        limit = 3
    refs = [{"slug": slug} for slug in id_list(slugs)] + [{"wp_id": i} for i in wp_ids]
    return {"kind": "category", "categories": refs, "limit": limit}


def gutenberg_callout(name, attributes):
    if name in ("single-product", "product-add-to-cart") and attributes.get(
        "productId"
    ):
        return {
            "kind": "product",
            "products": [{"wp_id": str(attributes["productId"])}],
        }
    if name == "handpicked-products" and attributes.get("products"):
        return {
            "kind": "grid",
            "products": [{"wp_id": str(i)} for i in attributes["products"]],
        }
    if name == "product-category" and attributes.get("categories"):
        ids = [str(i) for i in attributes["categories"]]
        return category_callout(
            "", attributes.get("rows") and attributes.get("columns"), ids
        )
    return None


def replace_callouts(text, document, markup=True):
    """Shortcodes and Gutenberg product blocks in `text` become markers in
    paragraphs of their own; unknown shortcodes are removed and reported."""

    def caption(match):
        inner = match.group(1)
        image = re.search(r"<img[^>]*>", inner)
        words = re.sub(r"<[^>]+>", "", inner).strip()
        if not image:
            return inner
        caption = f"<figcaption>{html.escape(words)}</figcaption>"
        return f"<figure>{image.group(0)}{caption}</figure>"

    def gutenberg(match):
        try:
            attributes = json.loads(match.group(2) or "{}")
        except ValueError:
            attributes = {}
        callout = (
            gutenberg_callout(match.group(1), attributes)
            if isinstance(attributes, dict)
            else None
        )
        if callout is None:
            document.warn(
                f"The block wp:woocommerce/{match.group(1)} has no product or "
                "category: left out."
            )
            return ""
        return paragraph(document.mark_callout(callout))

    def paragraph(marker):
        return f"\n\n<p>{marker}</p>\n\n" if markup else f"\n\n{marker}\n\n"

    def shortcode(match):
        name = match.group(1).lower()
        callout = shortcode_callout(name, split_attributes(match.group(2)))
        if callout is None and not match.group(2) and name not in WORDPRESS_SHORTCODES:
            return match.group(0)
        if callout is None:
            document.warn(f"Unknown shortcode [{name}] removed.")
            return ""
        return paragraph(document.mark_callout(callout))

    text = CAPTION_RE.sub(caption, text)
    text = GUTENBERG_RE.sub(gutenberg, text)
    text = re.sub(r"<!--\s*/wp:woocommerce/[\w-]+\s*-->", "", text)
    text = SHORTCODE_RE.sub(shortcode, text)
    closing = "|".join(WORDPRESS_SHORTCODES)
    return re.sub(rf"\[/(?:{closing})\]", "", text)


def autop(text):
    """WordPress keeps paragraphs as blank lines: give them their <p>."""
    if re.search(r"<p[\s>]", text):
        return text
    parts = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        chunk = chunk.strip()
        if not chunk:
            continue
        if re.match(r"<(?:h\d|ul|ol|blockquote|figure|div|table|pre|p|aside)\b", chunk):
            parts.append(chunk)
        else:
            parts.append(f"<p>{chunk.replace(chr(10), '<br/>')}</p>")
    return "\n".join(parts)


# Plain text -------------------------------------------------------------------


def inline_text(line):
    escaped = html.escape(line.strip(), quote=False)
    return URL_RE.sub(lambda m: f'<a href="{m.group(1)}">{m.group(1)}</a>', escaped)


def reads_as_title(line):
    line = line.strip()
    return (
        bool(line)
        and len(line) <= TITLE_MAX_CHARS
        and not line.endswith((".", ",", ";", ":"))
    )


def reads_as_heading(lines):
    if len(lines) != 1:
        return False
    line = lines[0].strip()
    return (
        reads_as_title(line)
        and len(line.split()) <= HEADING_MAX_WORDS
        and not line.endswith("!")
        and not LIST_ITEM_RE.match(line)
        and not AUTHOR_RE.match(line)
    )


def text_to_html(text, document):
    """Plain text as writers send it, turned into HTML by the rules of the
    importer (see docs/importing.md)."""
    groups = [
        [line for line in group.split("\n") if line.strip()]
        for group in re.split(r"\n\s*\n", text.strip())
    ]
    groups = [group for group in groups if group]
    if groups and AUTHOR_RE.match(groups[-1][-1]):
        document.author = AUTHOR_RE.match(groups[-1].pop())[1]
        groups = [group for group in groups if group]
    if groups and reads_as_title(groups[0][0]) and not LIST_ITEM_RE.match(groups[0][0]):
        document.title = groups[0].pop(0).strip()
        groups = [group for group in groups if group]
    parts = []
    for position, group in enumerate(groups):
        following = groups[position + 1] if position + 1 < len(groups) else None
        if (
            reads_as_heading(group)
            and following
            and not reads_as_heading(following)
            and not LIST_ITEM_RE.match(following[0])
        ) or (reads_as_heading(group) and following and len(following) > 1):
            parts.append(f"<h2>{html.escape(group[0].strip())}</h2>")
            continue
        paragraph, items, ordered = [], [], False
        for line in group:
            match = LIST_ITEM_RE.match(line)
            if match:
                if paragraph:
                    parts.append(f"<p>{' '.join(paragraph)}</p>")
                    paragraph = []
                ordered = ordered or bool(match.group(1)) if not items else ordered
                items.append(f"<li>{inline_text(line[match.end() :])}</li>")
                continue
            if items:
                tag = "ol" if ordered else "ul"
                parts.append(f"<{tag}>{''.join(items)}</{tag}>")
                items = []
            paragraph.append(inline_text(line))
        if items:
            tag = "ol" if ordered else "ul"
            parts.append(f"<{tag}>{''.join(items)}</{tag}>")
        if paragraph:
            parts.append(f"<p>{' '.join(paragraph)}</p>")
    return "\n".join(parts)


def read_text(data, name):
    document = Document(source=name, name=name)
    text = decode(data, name)
    html_to_blocks(
        text_to_html(replace_callouts(text, document, markup=False), document), document
    )
    if not document.title:
        promote_title(document)
    return [document]


def promote_title(document):
    """No title line: the first heading, else the file name, with a warning."""
    for position, (kind, value) in enumerate(document.blocks):
        if kind == "heading":
            document.title = value["text"]
            del document.blocks[position]
            document.warn(
                f"No title line: the first heading '{document.title}' is the title."
            )
            return
    stem = PurePath(document.name).stem
    document.title = re.sub(r"[-_]+", " ", stem).strip().capitalize() or "Untitled"
    document.warn(
        f"No title line or heading: the title '{document.title}' comes from the "
        "file name."
    )


# Markdown ---------------------------------------------------------------------

FRONT_MATTER_RE = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)


def read_front_matter(text, document):
    match = FRONT_MATTER_RE.match(text)
    if not match:
        return text
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as error:
        document.warn(
            f"The front matter is not valid YAML ({error.__class__.__name__}): ignored."
        )
        return text[match.end() :]
    if not isinstance(meta, dict):
        document.warn("The front matter is not a set of 'key: value' lines: ignored.")
        return text[match.end() :]
    document.title = str(meta.get("title") or "").strip()
    document.slug = slugify(str(meta.get("slug") or ""))
    document.summary = str(meta.get("summary") or meta.get("description") or "").strip()
    document.author = str(meta.get("author") or "").strip()
    document.topics = [
        str(t).strip() for t in as_list(meta.get("topics") or meta.get("categories"))
    ]
    document.tags = [str(t).strip() for t in as_list(meta.get("tags"))]
    document.date = parse_date(meta.get("date"), document)
    hero = meta.get("hero_image") or meta.get("image")
    if isinstance(hero, dict):
        document.hero = ImageRef(
            src=str(hero.get("src") or ""),
            alt=str(hero.get("alt") or ""),
            caption=str(hero.get("caption") or ""),
        )
    elif hero:
        document.hero = ImageRef(src=str(hero), alt=str(meta.get("hero_alt") or ""))
    for key in ("reviewed_by", "medically_reviewed_by"):
        if meta.get(key):
            document.reviewed_by = str(meta[key])
    if meta.get("last_reviewed"):
        document.last_reviewed = parse_date(meta["last_reviewed"], document)
    return text[match.end() :]


def as_list(value):
    if isinstance(value, str):
        return [part for part in (p.strip() for p in value.split(",")) if part]
    return list(value) if isinstance(value, list | tuple) else []


def parse_date(value, document):
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        document.warn(
            f"The date '{value}' is not a date (YYYY-MM-DD): today's date is used."
        )
        return None


def read_markdown(data, name):
    document = Document(source=name, name=name)
    text = read_front_matter(decode(data, name), document)
    body = MarkdownIt("commonmark", {"html": True, "linkify": False}).render(
        replace_callouts(text, document)
    )
    html_to_blocks(body, document)
    if not document.title:
        promote_title(document)
    return [document]


# HTML and Word ----------------------------------------------------------------


def read_html(data, name):
    document = Document(source=name, name=name)
    html_to_blocks(
        replace_callouts(decode(data, name), document), document, whole_page=True
    )
    if not document.title:
        promote_title(document)
    return [document]


# Word's built-in styles mammoth does not map itself.
WORD_STYLES = """
p[style-name='Title'] => h1:fresh
p[style-name='Subtitle'] => p:fresh
p[style-name='Quote'] => blockquote > p:fresh
p[style-name='Intense Quote'] => blockquote > p:fresh
p[style-name='List Bullet'] => ul > li:fresh
p[style-name='List Number'] => ol > li:fresh
"""


def read_word(data, name):
    document = Document(source=name, name=name)
    if not data.startswith(b"PK"):
        raise SourceError(f"{name} is not a Word (.docx) file: nothing imported.")
    images = []

    def keep_image(image):
        with image.open() as stream:
            content = stream.read()
        extension = (
            (image.content_type or "image/png").split("/")[-1].replace("jpeg", "jpg")
        )
        src = f"word-image-{len(images) + 1}.{extension}"
        images.append(src)
        document.images[src] = content
        return {"src": src, "alt": image.alt_text or ""}

    try:
        result = mammoth.convert_to_html(
            io.BytesIO(data),
            convert_image=mammoth.images.img_element(keep_image),
            style_map=WORD_STYLES,
        )
    except Exception as error:  # mammoth raises zipfile, KeyError and XML errors.
        raise SourceError(
            f"{name} could not be read as a Word file "
            f"({error.__class__.__name__}): nothing imported."
        ) from None
    for message in result.messages:
        if message.type == "error":
            document.warn(f"Word: {message.message}")
    html_to_blocks(replace_callouts(result.value, document), document)
    if not document.title:
        promote_title(document)
    return [document]


# WordPress (WXR) --------------------------------------------------------------


def local(tag):
    return tag.rsplit("}", 1)[-1]


def child_text(element, name):
    for child in element:
        if local(child.tag) == name and child.tag.endswith(name):
            if name == "encoded" and "excerpt" in child.tag:
                continue
            return (child.text or "").strip()
    return ""


def excerpt_text(item):
    for child in item:
        if local(child.tag) == "encoded" and "excerpt" in child.tag:
            return (child.text or "").strip()
    return ""


def content_text(item):
    for child in item:
        if local(child.tag) == "encoded" and "content" in child.tag:
            return child.text or ""
    return ""


def post_meta(item):
    meta = {}
    for child in item:
        if local(child.tag) == "postmeta":
            meta[child_text(child, "meta_key")] = child_text(child, "meta_value")
    return meta


def read_wordpress(data, name, include_drafts=False):
    """Posts of a WordPress export; products and terms resolve callouts."""
    try:
        root = ElementTree.fromstring(data)
    except (ParseError, DefusedXmlException, ValueError) as error:
        raise SourceError(
            f"{name} is not a readable WordPress export ({error}): nothing imported."
        ) from None
    channel = next((el for el in root if local(el.tag) == "channel"), None)
    if local(root.tag) != "rss" or channel is None:
        raise SourceError(
            f"{name} is XML but not a WordPress export (no <rss><channel>): "
            "nothing imported."
        )
    authors = {
        child_text(el, "author_login"): child_text(el, "author_display_name")
        or child_text(el, "author_login")
        for el in channel
        if local(el.tag) == "author"
    }
    terms = {}
    for el in channel:
        if local(el.tag) in ("term", "category"):
            term_id = child_text(el, "term_id")
            slug = child_text(el, "term_slug") or child_text(el, "category_nicename")
            label = child_text(el, "term_name") or child_text(el, "cat_name")
            if term_id:
                terms[term_id] = {"slug": slug, "name": html.unescape(label)}
    items = [el for el in channel if local(el.tag) == "item"]
    products = {}
    attachments = {}
    for item in items:
        kind = child_text(item, "post_type")
        if kind == "product":
            products[child_text(item, "post_id")] = {
                "sku": post_meta(item).get("_sku", ""),
                "slug": child_text(item, "post_name"),
                "title": html.unescape(child_text(item, "title")),
            }
        elif kind == "attachment":
            attachments[child_text(item, "post_id")] = child_text(
                item, "attachment_url"
            )
    documents = []
    for item in items:
        status = child_text(item, "status")
        if child_text(item, "post_type") != "post":
            continue
        if status != "publish" and not (
            include_drafts and status in ("draft", "pending", "future")
        ):
            continue
        guid = (
            child_text(item, "guid")
            or child_text(item, "link")
            or child_text(item, "post_id")
        )
        document = Document(source=f"{name}#{guid}", name=name)
        document.title = html.unescape(child_text(item, "title"))
        document.slug = slugify(child_text(item, "post_name"))
        document.summary = re.sub(
            r"<[^>]+>", "", html.unescape(excerpt_text(item))
        ).strip()
        document.author = authors.get(
            child_text(item, "creator"), child_text(item, "creator")
        )
        document.date = parse_date(child_text(item, "post_date"), document)
        for category in item:
            if local(category.tag) != "category":
                continue
            label = html.unescape((category.text or "").strip())
            if (
                category.get("domain") == "category"
                and label.lower() != "uncategorized"
            ):
                document.topics.append(label)
            elif category.get("domain") == "post_tag":
                document.tags.append(label)
        thumbnail = post_meta(item).get("_thumbnail_id")
        if thumbnail and attachments.get(thumbnail):
            document.hero = ImageRef(src=attachments[thumbnail])
        body = replace_callouts(autop(content_text(item)), document)
        html_to_blocks(body, document)
        for callout in document.callouts:
            for ref in callout.get("products", []):
                ref.update(
                    {k: v for k, v in products.get(ref.get("wp_id"), {}).items() if v}
                )
            for ref in callout.get("categories", []):
                by_slug = [t for t in terms.values() if t["slug"] == ref.get("slug")]
                ref.update(terms.get(ref.get("wp_id")) or (by_slug or [{}])[0])
        if not document.title:
            promote_title(document)
        documents.append(document)
    if not documents:
        raise SourceError(f"{name} holds no published posts: nothing imported.")
    return documents


READERS = {
    "text": read_text,
    "markdown": read_markdown,
    "html": read_html,
    "word": read_word,
    "wordpress": read_wordpress,
}


def read_source(name, data, include_drafts=False):
    """Documents read from one file; SourceError when none can be."""
    name = PurePath(name).name or "pasted text"
    if len(data) > max_bytes():
        raise SourceError(
            f"{name} is {filesizeformat(len(data))}; the largest file the importer "
            f"reads is {filesizeformat(max_bytes())}."
        )
    kind = FORMATS.get(PurePath(name).suffix.lower())
    if kind is None:
        known = ", ".join(sorted(FORMATS))
        raise SourceError(f"{name}: unknown file type; the importer reads {known}.")
    if kind == "wordpress":
        return read_wordpress(data, name, include_drafts=include_drafts)
    return READERS[kind](data, name)
