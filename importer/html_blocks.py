"""HTML to the article body's blocks: every format ends here.

The HTML is first cut down to the article's main content, then sanitised with
nh3 to the tags the walk understands, then walked into blocks: headings,
paragraphs and lists (rich text), pull quotes, note boxes, images and callout
markers. What is dropped on the way (scripts, event handlers, `javascript:`
links, remote images, tables) is reported, not hidden.
"""

import re
from dataclasses import dataclass, field
from html import escape

import nh3
from bs4 import BeautifulSoup, Comment, NavigableString, Tag

# Where a callout stood in the source; the number is its place in
# `Document.callouts`. Chosen so that no real text contains it.
CALLOUT_MARK = "\u27e6callout {}\u27e7"
CALLOUT_RE = re.compile(r"^\u27e6callout (\d+)\u27e7$")

BLOCK_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "ul", "ol", "li"}
BLOCK_TAGS |= {"blockquote", "figure", "figcaption", "img", "aside", "div"}
BLOCK_TAGS |= {"section", "article", "table", "tr", "td", "th", "hr", "pre"}
INLINE_TAGS = {"a", "b", "strong", "i", "em", "br", "cite", "code", "span"}
CLEAN_ATTRIBUTES = {
    "a": {"href"},
    "img": {"src", "alt", "title"},
    "aside": {"class"},
    "div": {"class"},
    "blockquote": {"class"},
}
NOT_CONTENT = ["script", "style", "noscript", "template", "nav", "form", "iframe"]
NOT_CONTENT += ["button", "select", "svg", "object", "embed"]
PAGE_FURNITURE = ["header", "footer", "aside.sidebar", ".comments", ".share"]
NOTE_PREFIX_RE = re.compile(
    r"^\s*(?:\[!(tip|note|warning|caution|important)\]|(tip|note|warning|caution|important)\s*:)\s*",
    re.IGNORECASE,
)
NOTE_CLASSES = {"note", "tip", "warning", "callout-note", "wp-block-quote-note"}
WARNING_WORDS = {"warning", "caution", "important"}
HEADING_MAX_CHARS = 120


@dataclass
class ImageRef:
    """An image the document shows: a path or URL, or the file's bytes."""

    src: str
    alt: str = ""
    caption: str = ""
    data: bytes | None = None


@dataclass
class Document:
    """One article read from a source, before it becomes a page."""

    source: str
    name: str
    title: str = ""
    slug: str = ""
    summary: str = ""
    author: str = ""
    topics: list = field(default_factory=list)
    tags: list = field(default_factory=list)
    date: object = None
    reviewed_by: str = ""
    last_reviewed: object = None
    hero: ImageRef | None = None
    blocks: list = field(default_factory=list)
    callouts: list = field(default_factory=list)
    images: dict = field(default_factory=dict)
    warnings: list = field(default_factory=list)

    def warn(self, message):
        if message not in self.warnings:
            self.warnings.append(message)

    def mark_callout(self, callout):
        """The marker text for a callout found in the source."""
        self.callouts.append(callout)
        return CALLOUT_MARK.format(len(self.callouts) - 1)


def report_unsafe(root, document):
    """Warn about the active content nh3 is about to remove."""
    scripts = root.find_all(["script", "iframe", "object", "embed"])
    if scripts:
        document.warn(f"Removed {len(scripts)} script or embedded object(s).")
    handlers = sum(
        1
        for tag in root.find_all(True)
        for name in tag.attrs
        if name.lower().startswith("on")
    )
    if handlers:
        document.warn(f"Removed {handlers} event handler attribute(s) (on...=).")
    for link in root.find_all(href=True):
        href = re.sub(r"[\s\x00-\x1f]", "", link["href"]).lower()
        if href.startswith(("javascript:", "vbscript:", "data:")):
            document.warn(
                f"Removed a {href.split(':')[0]}: link ('{link.get_text()}')."
            )


def main_content(soup, document):
    """The part of a whole web page that is the article, and its title."""
    if not document.title:
        heading = soup.find("h1")
        title = soup.find("meta", attrs={"property": "og:title"})
        if heading and heading.get_text(strip=True):
            document.title = heading.get_text(" ", strip=True)
        elif title and title.get("content"):
            document.title = title["content"].strip()
        elif soup.title and soup.title.string:
            document.title = soup.title.string.strip()
    if not document.summary:
        description = soup.find("meta", attrs={"name": "description"})
        if description and description.get("content"):
            document.summary = description["content"].strip()
    root = (
        soup.find("article")
        or soup.find("main")
        or soup.find(attrs={"role": "main"})
        or soup.body
        or soup
    )
    for selector in PAGE_FURNITURE:
        for tag in root.select(selector):
            if tag is not root:
                tag.decompose()
    return root


def clean(html):
    return nh3.clean(
        html,
        tags=BLOCK_TAGS | INLINE_TAGS,
        clean_content_tags=set(NOT_CONTENT) | {"head", "title"},
        attributes=CLEAN_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
        strip_comments=True,
    )


def inline_html(tag):
    """The inline content of `tag` as Wagtail's rich text stores it."""
    parts = []
    for child in tag.children:
        if isinstance(child, Comment):
            continue
        if isinstance(child, NavigableString):
            parts.append(escape_text(str(child)))
        elif child.name in ("b", "strong"):
            inner = inline_html(child)
            parts.append(f"<b>{inner}</b>" if inner.strip() else inner)
        elif child.name in ("i", "em", "cite"):
            inner = inline_html(child)
            parts.append(f"<i>{inner}</i>" if inner.strip() else inner)
        elif child.name == "a" and child.get("href"):
            href = child["href"].replace('"', "%22")
            parts.append(f'<a href="{href}">{inline_html(child)}</a>')
        elif child.name == "br":
            parts.append("<br/>")
        elif child.name in ("img",):
            continue
        else:
            parts.append(inline_html(child))
    return re.sub(r"\s+", " ", "".join(parts))


def escape_text(text):
    return escape(text, quote=False)


def list_html(tag):
    items = []
    for item in tag.find_all("li", recursive=False):
        nested = [
            child
            for child in item.children
            if getattr(child, "name", None) in ("ul", "ol")
        ]
        for child in nested:
            child.extract()
        text = inline_html(item).strip()
        inner = "".join(list_html(child) for child in nested)
        if text or inner:
            items.append(f"<li>{text}{inner}</li>")
    return f"<{tag.name}>{''.join(items)}</{tag.name}>" if items else ""


def note_kind(tag, text):
    """("tip" | "warning", text without its marker) when `tag` is a note."""
    classes = set(tag.get("class") or [])
    match = NOTE_PREFIX_RE.match(text)
    if match:
        word = (match.group(1) or match.group(2)).lower()
        return ("warning" if word in WARNING_WORDS else "tip"), text[match.end() :]
    if classes & NOTE_CLASSES or tag.name == "aside":
        return ("warning" if classes & WARNING_WORDS else "tip"), text
    return None


class BlockWalker:
    """Walks sanitised HTML into (block type, value) pairs on a document."""

    def __init__(self, document):
        self.document = document
        self.blocks = document.blocks

    def walk(self, html):
        soup = BeautifulSoup(clean(html), "html.parser")
        self.children(soup)

    def children(self, parent):
        loose = []
        for child in list(parent.children):
            if isinstance(child, NavigableString) or child.name in INLINE_TAGS:
                loose.append(child)
                continue
            self.flush(loose)
            self.element(child)
        self.flush(loose)

    def flush(self, loose):
        """Text outside any block element becomes a paragraph of its own."""
        if not loose:
            return
        holder = BeautifulSoup("<p></p>", "html.parser").p
        for node in loose:
            holder.append(
                node.extract() if isinstance(node, Tag) else NavigableString(str(node))
            )
        loose.clear()
        self.paragraph(holder)

    def element(self, tag):
        name = tag.name
        if name == "h1":
            text = tag.get_text(" ", strip=True)
            if not self.document.title:
                self.document.title = text
            elif text and text != self.document.title:
                self.heading(text, "h2")
        elif name in ("h2", "h3", "h4", "h5", "h6"):
            self.heading(tag.get_text(" ", strip=True), "h2" if name == "h2" else "h3")
        elif name == "p":
            self.paragraph(tag)
        elif name in ("ul", "ol"):
            html = list_html(tag)
            if html:
                self.blocks.append(("paragraph", html))
        elif name == "blockquote":
            self.quote(tag)
        elif name == "aside" or (
            name == "div" and set(tag.get("class") or []) & NOTE_CLASSES
        ):
            self.note(tag, tag.get_text(" ", strip=True), "")
        elif name == "figure":
            image = tag.find("img")
            caption = tag.find("figcaption")
            if image is not None:
                self.image(image, caption.get_text(" ", strip=True) if caption else "")
            else:
                self.children(tag)
        elif name == "img":
            self.image(tag, "")
        elif name == "table":
            self.document.warn(
                "A table was imported as plain text: tables are not supported."
            )
            for row in tag.find_all("tr"):
                cells = [
                    cell.get_text(" ", strip=True)
                    for cell in row.find_all(["td", "th"])
                ]
                if any(cells):
                    self.blocks.append(
                        ("paragraph", f"<p>{escape_text(' | '.join(cells))}</p>")
                    )
        elif name == "pre":
            text = tag.get_text().strip()
            if text:
                lines = "<br/>".join(escape_text(line) for line in text.splitlines())
                self.blocks.append(("paragraph", f"<p>{lines}</p>"))
        elif name in ("hr", "br"):
            return
        else:
            self.children(tag)

    def heading(self, text, level):
        if not text:
            return
        if len(text) > HEADING_MAX_CHARS:
            self.document.warn(
                f"A heading longer than {HEADING_MAX_CHARS} characters became a "
                f"paragraph: '{text[:40]}...'."
            )
            self.blocks.append(("paragraph", f"<p>{escape_text(text)}</p>"))
            return
        self.blocks.append(("heading", {"text": text, "level": level}))

    def paragraph(self, tag):
        images = tag.find_all("img")
        for image in images:
            self.image(image.extract(), "")
        text = tag.get_text(" ", strip=True)
        if not text:
            return
        match = CALLOUT_RE.match(text)
        if match:
            self.blocks.append(("callout", int(match.group(1))))
            return
        note = note_kind(tag, text)
        if note and NOTE_PREFIX_RE.match(text):
            self.note(tag, text, "")
            return
        html = inline_html(tag).strip()
        self.blocks.append(("paragraph", f"<p>{html}</p>"))

    def quote(self, tag):
        text = tag.get_text(" ", strip=True)
        if not text:
            return
        if note_kind(tag, text):
            self.note(tag, text, "")
            return
        attribution = ""
        cite = tag.find(["cite", "footer"])
        if cite is not None:
            attribution = cite.get_text(" ", strip=True).lstrip("-\u2014\u2013 ")
            cite.extract()
            text = tag.get_text(" ", strip=True)
        else:
            match = re.search(
                r"\s[\u2014\u2013-]{1,2}\s*([^\u2014\u2013-]{2,80})$", text
            )
            if match:
                attribution, text = (
                    match.group(1).strip(),
                    text[: match.start()].strip(),
                )
        self.blocks.append(
            (
                "pull_quote",
                {"quote": text.strip('"\u201c\u201d '), "attribution": attribution},
            )
        )

    def note(self, tag, text, title):
        kind, _ = note_kind(tag, text) or ("tip", text)
        paragraphs = tag.find_all("p") or [tag]
        html = []
        for paragraph in paragraphs:
            inner = inline_html(paragraph).strip()
            inner = NOTE_PREFIX_RE.sub("", inner, count=1) if not html else inner
            bold = re.match(r"^<b>([^<]{1,80})</b>\s*", inner)
            if not html and bold and not title:
                title, inner = bold.group(1).strip().rstrip(":"), inner[bold.end() :]
            if inner:
                html.append(f"<p>{inner}</p>")
        if html:
            self.blocks.append(
                ("note", {"kind": kind, "title": title, "text": "".join(html)})
            )

    def image(self, tag, caption):
        src = (tag.get("src") or "").strip()
        if not src:
            return
        caption = caption or (tag.get("title") or "").strip()
        ref = ImageRef(src=src, alt=(tag.get("alt") or "").strip(), caption=caption)
        self.blocks.append(("image", ref))


def html_to_blocks(html, document, whole_page=False):
    """Walk `html` into `document.blocks`; a whole page is cut to its article."""
    soup = BeautifulSoup(html, "html.parser")
    report_unsafe(soup, document)
    if whole_page:
        soup = main_content(soup, document)
    BlockWalker(document).walk(str(soup))
