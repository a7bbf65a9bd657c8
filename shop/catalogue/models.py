"""Forked Oscar catalogue: the Product is indexed by Wagtail search.

Indexing the product lets Wagtail's chooser search it and lets the site-wide
search rank products beside articles, from one index that stays current when
staff save a product in Oscar's dashboard (Wagtail's post_save handler).
"""

from django.db import models
from oscar.apps.catalogue.abstract_models import AbstractProduct
from wagtail.search import index


class Product(index.Indexed, AbstractProduct):
    """An Oscar product that Wagtail's search backend indexes."""

    search_fields = [
        index.SearchField("title", boost=3),
        index.AutocompleteField("title"),
        index.SearchField("upc", boost=2),
        index.AutocompleteField("upc"),
        index.SearchField("description"),
        index.FilterField("is_public"),
        index.FilterField("structure"),
        index.FilterField("upc"),
        index.FilterField("title"),
    ]

    class Meta(AbstractProduct.Meta):
        app_label = "catalogue"
        indexes = [
            # Category and catalogue pages in their default order (featured:
            # priority, then newest): a page reads its rows in index order
            # instead of sorting every product (shop/catalogue/views.py).
            # Two shapes of one index, one per database's planner: PostgreSQL
            # takes a partial index on the listed (parent-less) products, and
            # does not count a leading "parent_id IS NULL" as sorted; SQLite,
            # without table statistics, only prefers the ordered index over
            # the one on parent_id when it leads with parent_id.
            models.Index(
                fields=["-priority", "-date_created", "id"],
                condition=models.Q(parent__isnull=True),
                name="catalogue_product_browse",
            ),
            models.Index(
                fields=["parent", "-priority", "-date_created", "id"],
                name="catalogue_product_browse_all",
            ),
            # Counting a category's listed products: each product id from the
            # category's rows is checked (no parent, public) in this index
            # alone, without reading the product's row. At 2,506 products in
            # a category the SQLite count went from 3.1 to 1.7 ms, and no
            # longer pulls every product row into each worker's page cache.
            models.Index(
                fields=["parent", "id", "is_public"],
                name="catalogue_product_listed",
            ),
        ]


from oscar.apps.catalogue.models import *  # noqa: E402, F403
