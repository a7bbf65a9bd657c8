"""The demo data: original articles and a catalogue that every callout state
can be shown with. These read the data modules, no database needed."""

from demo.articles import ARTICLES, AUTHORS, TOPICS
from demo.products import CATEGORIES, PRODUCTS, PRODUCTS_BY_KEY
from demo.structure import (
    BulletList,
    CategoryCallout,
    Figure,
    Heading,
    Note,
    ProductCallout,
    ProductGrid,
)

CALLOUTS = ProductCallout | ProductGrid | CategoryCallout


def parts_of(article, kind):
    return [part for part in article.body if isinstance(part, kind)]


def test_at_least_six_long_form_articles():
    assert len(ARTICLES) >= 6
    assert len({a.slug for a in ARTICLES}) == len(ARTICLES)
    for article in ARTICLES:
        assert article.word_count >= 700, (article.slug, article.word_count)


def test_each_article_has_headings_lists_a_note_an_image_and_callouts():
    for article in ARTICLES:
        assert parts_of(article, Heading), article.slug
        assert parts_of(article, BulletList), article.slug
        assert parts_of(article, Note), article.slug
        assert parts_of(article, Figure), article.slug
        assert 1 <= len(parts_of(article, CALLOUTS)) <= 3, article.slug


def test_the_set_has_a_product_grid_and_a_category_callout():
    assert any(parts_of(a, ProductGrid) for a in ARTICLES)
    assert any(parts_of(a, CategoryCallout) for a in ARTICLES)


def test_articles_are_filed_and_reviewed():
    author_keys = {a.key for a in AUTHORS}
    topic_slugs = {t.slug for t in TOPICS}
    for article in ARTICLES:
        assert article.author in author_keys
        assert article.topics and set(article.topics) <= topic_slugs
        assert article.tags
        assert article.reviewed_by


def test_callouts_name_real_products_and_categories():
    category_keys = {c.key for c in CATEGORIES}
    for article in ARTICLES:
        for part in parts_of(article, ProductCallout):
            assert part.product in PRODUCTS_BY_KEY
        for part in parts_of(article, ProductGrid):
            assert set(part.products) <= set(PRODUCTS_BY_KEY)
        for part in parts_of(article, CategoryCallout):
            assert part.category in category_keys


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
