"""Forked Oscar catalogue: the Product in Wagtail's search index, for the
chooser and the site-wide search."""

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
            # Listings in the featured order read rows in index order instead
            # of sorting; one shape for PostgreSQL's planner (partial), one
            # for SQLite's (leading with parent_id).
            models.Index(
                fields=["-priority", "-date_created", "id"],
                condition=models.Q(parent__isnull=True),
                name="catalogue_product_browse",
            ),
            models.Index(
                fields=["parent", "-priority", "-date_created", "id"],
                name="catalogue_product_browse_all",
            ),
            # Counting a category's listed products from this index alone.
            models.Index(
                fields=["parent", "id", "is_public"],
                name="catalogue_product_listed",
            ),
        ]


from oscar.apps.catalogue.models import *  # noqa: E402, F403
