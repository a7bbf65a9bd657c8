"""The small vocabulary the demo articles are written in.

Each article body is a list of these parts; the loader turns them into
StreamField blocks. Callouts name products and categories by the keys used in
`demo.products`, so the text and the catalogue stay in step.
"""

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class BulletList:
    items: tuple[str, ...]
    ordered: bool = False


@dataclass(frozen=True)
class Note:
    """A boxed aside; `tone` is "tip", "info" or "warning"."""

    title: str
    text: str
    tone: str = "info"


@dataclass(frozen=True)
class Figure:
    """An inline illustration drawn by `demo.images.draw_article_image`."""

    motif: str
    alt: str
    caption: str


@dataclass(frozen=True)
class ProductCallout:
    """One product; `if_unavailable` is the callout's rule ("hide",
    "out_of_stock" or "fallback" to `fallback_product`)."""

    product: str
    heading: str = ""
    text: str = ""
    if_unavailable: str = "hide"
    fallback_product: str = ""


@dataclass(frozen=True)
class ProductGrid:
    products: tuple[str, ...]
    heading: str = ""


@dataclass(frozen=True)
class CategoryCallout:
    category: str
    heading: str = ""
    text: str = ""
    limit: int = 3


@dataclass(frozen=True)
class Author:
    key: str
    name: str
    role: str
    bio: str


@dataclass(frozen=True)
class Topic:
    slug: str
    name: str
    description: str


@dataclass(frozen=True)
class Article:
    slug: str
    title: str
    standfirst: str
    author: str
    topics: tuple[str, ...]
    tags: tuple[str, ...]
    reviewed_by: str
    published: date
    last_reviewed: date
    hero: Figure
    body: tuple = field(default_factory=tuple)

    def text_parts(self):
        """Every piece of reader-visible prose, for word counts and tests."""
        yield self.standfirst
        for part in self.body:
            if isinstance(part, Heading | Paragraph):
                yield part.text
            elif isinstance(part, BulletList):
                yield from part.items
            elif isinstance(part, Note):
                yield part.title
                yield part.text

    @property
    def word_count(self):
        return sum(len(text.split()) for text in self.text_parts())
