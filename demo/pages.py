"""Load the demo's Wagtail side: authors, topics, illustrations, articles and
the home page. Rows are found by a stable key (name, slug, image title)
before anything is created, so loading twice changes nothing."""

import io
import uuid

from django.core.files.images import ImageFile
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.images import get_image_model
from wagtail.models import Collection

from blog.models import ArticlePage, Author, HomePageFeaturedArticle, Topic
from demo import articles as data
from demo.callouts import category_callout, product_grid
from demo.images import draw_article_image
from demo.structure import (
    BulletList,
    CategoryCallout,
    Figure,
    Heading,
    Note,
    Paragraph,
    ProductCallout,
    ProductGrid,
)

# Block ids are derived from the article slug and position, so a callout's
# anchor (#callout-<id>) is the same on every machine that loads the demo.
BLOCK_ID_NAMESPACE = uuid.UUID("6f1c7e0a-4a52-4d7b-9a43-3f0d2b9e5c11")

# Products on the home page: two on sale, the rest everyday essentials.
HOME_PRODUCTS = ("foam-roller", "exercise-mat", "heat-pad", "stability-ball")

HOME_INTRO = (
    "<p>Plain-spoken articles about back pain, core strength and recovery, "
    "reviewed by clinicians, and a small shop of tools that help.</p>"
)


def ensure_image(motif, title):
    """A Wagtail image of an article illustration, found by its title."""
    image_model = get_image_model()
    image = image_model.objects.filter(title=title).first()
    if image is not None:
        return image
    png = draw_article_image(motif)
    image = image_model(
        title=title,
        collection=Collection.get_first_root_node(),
        file=ImageFile(io.BytesIO(png), name=f"{slugify(title)}.png"),
    )
    image._set_image_file_metadata()
    image.save()
    return image


def figure_image(figure):
    return ensure_image(figure.motif, f"Illustration: {figure.caption}")


def ensure_authors():
    authors = {}
    for spec in data.AUTHORS:
        author = Author.objects.filter(name=spec.name).first()
        if author is None:
            author = Author.objects.create(name=spec.name, role=spec.role, bio=spec.bio)
        authors[spec.key] = author
    return authors


def ensure_topics():
    topics = {}
    for spec in data.TOPICS:
        topic, _ = Topic.objects.get_or_create(
            slug=spec.slug,
            defaults={"name": spec.name, "description": spec.description},
        )
        topics[spec.slug] = topic
    return topics


def _text_html(part):
    if isinstance(part, Paragraph):
        return f"<p>{escape(part.text)}</p>"
    tag = "ol" if part.ordered else "ul"
    items = "".join(f"<li>{escape(item)}</li>" for item in part.items)
    return f"<{tag}>{items}</{tag}>"


NOTE_KINDS = {"tip": "tip", "info": "tip", "warning": "warning"}


def body_blocks(article, products, categories, callout_blocks):
    """The article's parts as raw StreamField data.

    `callout_blocks` turns a callout part into (block type, value) given the
    saved products and categories; see `demo.callouts`.
    """
    blocks = []
    for position, part in enumerate(article.body):
        if isinstance(part, Heading):
            block = (
                "heading",
                {"text": part.text, "level": "h2", "anchor": slugify(part.text)},
            )
        elif isinstance(part, Paragraph | BulletList):
            block = ("paragraph", _text_html(part))
        elif isinstance(part, Note):
            block = (
                "note",
                {
                    "kind": NOTE_KINDS[part.tone],
                    "title": part.title,
                    "text": f"<p>{escape(part.text)}</p>",
                },
            )
        elif isinstance(part, Figure):
            block = (
                "image",
                {
                    "image": figure_image(part).pk,
                    "alt_text": part.alt,
                    "caption": part.caption,
                },
            )
        elif isinstance(part, ProductCallout | ProductGrid | CategoryCallout):
            block = callout_blocks(part, products, categories)
        else:
            raise TypeError(f"Unknown article part: {part!r}")
        block_type, value = block
        block_id = uuid.uuid5(BLOCK_ID_NAMESPACE, f"{article.slug}:{position}")
        blocks.append({"type": block_type, "value": value, "id": str(block_id)})
    return blocks


def ensure_article(spec, index, authors, topics, products, categories, callouts):
    """One published article, created only if its slug is free."""
    existing = ArticlePage.objects.child_of(index).filter(slug=spec.slug).first()
    if existing is not None:
        return existing.specific
    hero = figure_image(spec.hero)
    article = ArticlePage(
        title=spec.title,
        slug=spec.slug,
        standfirst=spec.standfirst,
        hero_image=hero,
        hero_alt=spec.hero.alt,
        hero_caption=spec.hero.caption,
        author=authors[spec.author],
        date_published=spec.published,
        medically_reviewed_by=spec.reviewed_by,
        last_reviewed=spec.last_reviewed,
        search_description=spec.standfirst,
        body=body_blocks(spec, products, categories, callouts),
    )
    article.topics = [topics[slug] for slug in spec.topics]
    article.tags.add(*spec.tags)
    index.add_child(instance=article)
    article.save_revision().publish()
    return article


def ensure_articles(index, products, categories, callouts):
    authors = ensure_authors()
    topics = ensure_topics()
    return [
        ensure_article(spec, index, authors, topics, products, categories, callouts)
        for spec in data.ARTICLES
    ]


def feature_on_home(home, articles, products, categories, count=3):
    """Pin the first articles and a few products to the home page, unless an
    editor has already chosen what the home page features."""
    if home.featured_articles.exists() or home.featured_products.raw_data:
        return
    home.featured_articles = [
        HomePageFeaturedArticle(article=article, sort_order=order)
        for order, article in enumerate(articles[:count])
    ]
    home.featured_products = [
        {
            "type": block_type,
            "value": value,
            "id": str(uuid.uuid5(BLOCK_ID_NAMESPACE, f"home:{n}")),
        }
        for n, (block_type, value) in enumerate(
            [
                product_grid(
                    [products[key].pk for key in HOME_PRODUCTS],
                    headline="Recovery essentials",
                    note="Hand-picked tools that our articles keep coming back to.",
                ),
                category_callout(
                    categories["core-training"].pk,
                    headline="Build a stronger core at home",
                    limit=3,
                ),
            ]
        )
    ]
    home.intro = HOME_INTRO
    home.hero_image = ensure_image("core", "Illustration: the home page hero")
    home.hero_alt = ""
    home.save_revision().publish()
