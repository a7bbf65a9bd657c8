"""Load the demo's Wagtail side: authors, reviewers, topics, articles (with
their references) and the home page.

The articles are Markdown files in `demo/articles/`, imported through the
importer; the illustrations they name (images/<motif>.png) are drawn for the
import. Rows are found by a stable key (name, slug, image title) before
anything is created, so loading twice changes nothing."""

import datetime
import io
import tempfile
import uuid
from pathlib import Path, PurePath

from django.core.files.images import ImageFile
from django.utils.text import slugify
from wagtail.images import get_image_model
from wagtail.models import Collection

from blog.models import (
    ArticlePage,
    Author,
    HomePageFeaturedArticle,
    Reviewer,
    Topic,
    add_months,
)
from demo import editorial
from demo.callouts import category_callout, product_grid
from demo.images import draw_article_image
from importer.pages import import_document
from importer.readers import read_source

ARTICLES_DIR = Path(__file__).resolve().parent / "articles"

# Block ids of the home page's callouts are derived from their position, so
# a callout's anchor (#callout-<id>) is the same on every machine.
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


def ensure_authors():
    authors = {}
    for spec in editorial.AUTHORS:
        author = Author.objects.filter(name=spec.name).first()
        if author is None:
            author = Author.objects.create(name=spec.name, role=spec.role, bio=spec.bio)
        authors[spec.name] = author
    return authors


def ensure_reviewers():
    reviewers = {}
    for spec in editorial.REVIEWERS:
        reviewer = Reviewer.objects.filter(name=spec.name).first()
        if reviewer is None:
            reviewer = Reviewer.objects.create(
                name=spec.name,
                credentials=spec.credentials,
                registration_body=spec.registration_body,
                registration_number=spec.registration_number,
                bio=spec.bio,
            )
        reviewers[spec.name] = reviewer
    return reviewers


def add_references_and_review(article, today=None):
    """Publish the article with its references and, for the two articles on
    a monthly cycle, a last review that makes them due (editorial.py)."""
    article = article.get_latest_revision_as_object()
    article.references = [
        (
            "reference",
            {
                "authors": reference.authors,
                "title": reference.title,
                "publisher": reference.publisher,
                "year": reference.year,
                "doi": "",
                "pmid": "",
                "url": reference.url,
            },
        )
        for reference in editorial.REFERENCES[article.slug]
    ]
    if article.slug in editorial.DUE_FOR_REVIEW:
        today = today or datetime.date.today()
        article.review_interval_months = 1
        article.last_reviewed = add_months(today, -1) + datetime.timedelta(
            days=editorial.DUE_FOR_REVIEW[article.slug]
        )
    article.save_revision().publish()


def ensure_topics():
    topics = {}
    for spec in editorial.TOPICS:
        topic, _ = Topic.objects.get_or_create(
            slug=spec.slug,
            defaults={"name": spec.name, "description": spec.description},
        )
        topics[spec.slug] = topic
    return topics


def article_documents():
    """The demo articles read from their Markdown files, oldest first."""
    documents = [
        document
        for path in sorted(ARTICLES_DIR.glob("*.md"))
        for document in read_source(path.name, path.read_bytes())
    ]
    return sorted(documents, key=lambda document: document.date)


def draw_illustrations(document, folder):
    """Draw the hero and figures `document` names (images/<motif>.png) into
    `folder`, where the importer finds them beside the document."""
    figures = [value for kind, value in document.blocks if kind == "image"]
    for image in [document.hero, *figures]:
        path = Path(folder) / image.src
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(draw_article_image(PurePath(image.src).stem))


def ensure_articles(index):
    """The demo articles, published under `index`, oldest first, and the
    importer's warnings. An article whose slug is taken is left as it is."""
    ensure_authors()
    ensure_reviewers()
    ensure_topics()
    documents = article_documents()
    existing = {
        page.slug: page
        for page in ArticlePage.objects.child_of(index).filter(
            slug__in=[document.slug for document in documents]
        )
    }
    articles, warnings = [], []
    with tempfile.TemporaryDirectory() as folder:
        for document in documents:
            if document.slug in existing:
                articles.append(existing[document.slug])
                continue
            draw_illustrations(document, folder)
            outcome = import_document(
                document, parent=index, publish=True, base_dir=folder
            )
            add_references_and_review(outcome.page)
            articles.append(outcome.page)
            warnings += [f"{document.name}: {text}" for text in outcome.warnings]
    return articles, warnings


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
