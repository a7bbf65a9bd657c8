"""The demo data: original articles and a catalogue that every callout state
can be shown with. The articles are Markdown files read here through the
importer's reader, as `load_demo` reads them; no database needed."""

import re

from django.utils.text import slugify

from demo.editorial import AUTHORS, REFERENCES, REVIEWERS, TOPICS
from demo.pages import ARTICLES_DIR, article_documents
from demo.products import CATEGORIES, PRODUCTS

SHORTCODE_RE = re.compile(r"^\[(product|products|product_category) (.*)\]$", re.M)
ATTRIBUTE_RE = re.compile(r'([\w-]+)="([^"]*)"')


def blocks_of(document, kind):
    return [value for block_kind, value in document.blocks if block_kind == kind]


def callouts_of(document):
    return [document.callouts[index] for index in blocks_of(document, "callout")]


def words(html):
    return len(re.sub(r"<[^>]+>", " ", html).split())


def test_at_least_six_long_form_articles_one_file_each():
    documents = article_documents()
    assert len(documents) == len(list(ARTICLES_DIR.glob("*.md"))) >= 6
    assert len({d.slug for d in documents}) == len(documents)
    for document in documents:
        assert (ARTICLES_DIR / f"{document.slug}.md").is_file(), document.slug
        assert document.warnings == [], document.name
        text = [document.summary, *blocks_of(document, "paragraph")]
        text += [f"{n['title']} {n['text']}" for n in blocks_of(document, "note")]
        text += [h["text"] for h in blocks_of(document, "heading")]
        word_count = sum(words(part) for part in text)
        assert word_count >= 700, (document.slug, word_count)


def test_each_article_has_headings_lists_a_note_an_image_and_callouts():
    for document in article_documents():
        paragraphs = blocks_of(document, "paragraph")
        assert blocks_of(document, "heading"), document.slug
        assert any(p.startswith(("<ul>", "<ol>")) for p in paragraphs), document.slug
        assert blocks_of(document, "note"), document.slug
        images = blocks_of(document, "image")
        assert images and all(image.alt and image.caption for image in images)
        assert document.hero.alt and document.hero.caption, document.slug
        assert 1 <= len(callouts_of(document)) <= 3, document.slug


def test_the_set_has_a_product_grid_and_a_category_callout():
    kinds = {c["kind"] for d in article_documents() for c in callouts_of(d)}
    assert {"product", "grid", "category"} <= kinds


def test_articles_are_filed_and_reviewed():
    author_names = {a.name for a in AUTHORS}
    reviewer_names = {r.name for r in REVIEWERS}
    topic_names = {t.name for t in TOPICS}
    for document in article_documents():
        assert document.author in author_names
        assert document.topics and set(document.topics) <= topic_names
        assert document.tags
        assert document.reviewed_by and document.last_reviewed and document.date
        assert document.reviewed_by.partition(",")[0] in reviewer_names
        assert REFERENCES[document.slug], document.slug


def test_callouts_name_real_products_and_categories():
    upcs = {p.upc for p in PRODUCTS}
    category_slugs = {slugify(c.name) for c in CATEGORIES}
    named = 0
    for path in ARTICLES_DIR.glob("*.md"):
        for name, attributes in SHORTCODE_RE.findall(path.read_text()):
            attributes = dict(ATTRIBUTE_RE.findall(attributes))
            if name == "product_category":
                assert attributes["category"] in category_slugs, path.name
            else:
                skus = attributes.get("skus", attributes.get("sku", ""))
                assert set(skus.split(",")) <= upcs, path.name
            if attributes.get("fallback_sku"):
                assert attributes["fallback_sku"] in upcs, path.name
            named += 1
    assert named == sum(len(callouts_of(d)) for d in article_documents())


def test_catalogue_covers_every_callout_state():
    assert len(PRODUCTS) >= 16
    assert len({p.category for p in PRODUCTS}) >= 4
    assert len({p.upc for p in PRODUCTS}) == len(PRODUCTS)
    assert any(p.num_in_stock == 0 for p in PRODUCTS)
    assert any(p.was_price and p.was_price > p.price for p in PRODUCTS)
    assert any(not p.is_public for p in PRODUCTS)
    for product in PRODUCTS:
        assert 80 <= len(product.description.split()) <= 150, product.key
        assert product.attributes, product.key
