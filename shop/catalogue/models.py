"""Forked Oscar catalogue: products and categories in Wagtail's search index,
for the choosers and the site-wide search."""

from django.db import models
from django.utils.html import strip_tags
from oscar.apps.catalogue.abstract_models import AbstractCategory, AbstractProduct
from wagtail.search import index

# Attribute types whose values are words a shopper might search for;
# numbers, dates, files and yes/no flags are not.
SEARCHED_ATTRIBUTE_TYPES = {"text", "richtext", "option", "multi_option"}


class Category(index.Indexed, AbstractCategory):
    """An Oscar category that Wagtail's search backend indexes by name: a
    search for its name finds it, and its products (``category_names``)."""

    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.FilterField("is_public"),
        index.FilterField("ancestors_are_public"),
        index.FilterField("path"),
    ]

    class Meta(AbstractCategory.Meta):
        app_label = "catalogue"


class Product(index.Indexed, AbstractProduct):
    """An Oscar product that Wagtail's search backend indexes."""

    search_fields = [
        index.SearchField("title", boost=3),
        index.AutocompleteField("title"),
        index.SearchField("upc", boost=2),
        index.AutocompleteField("upc"),
        index.SearchField("description"),
        index.SearchField("category_names", boost=2),
        index.AutocompleteField("category_names"),
        index.RelatedFields("product_class", [index.SearchField("name")]),
        index.SearchField("attribute_text"),
        index.FilterField("is_public"),
        index.FilterField("structure"),
        index.FilterField("upc"),
        index.FilterField("title"),
    ]

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Oscar writes the attribute values after the row, in bulk (no
        # signals), so the entry Wagtail wrote on the row's save lacks them.
        from shop.catalogue.search_index import reindex_products

        reindex_products.enqueue([self.pk])

    def category_names(self):
        """The names of the product's categories and of their parents, so
        that "spinal decompression" finds the products filed under it."""
        paths = set()
        for category in self.categories.all():
            steps = range(Category.steplen, len(category.path) + 1, Category.steplen)
            paths.update(category.path[:end] for end in steps)
        names = Category.objects.filter(path__in=paths).values_list("name", flat=True)
        return " ".join(sorted(set(names)))

    def attribute_text(self):
        """The product's attribute values that are words (material, size)."""
        return " ".join(
            strip_tags(str(value.value_as_text))
            for value in self.attribute_values.all()
            if value.attribute.type in SEARCHED_ATTRIBUTE_TYPES
        )

    @classmethod
    def get_indexed_objects(cls):
        return (
            super()
            .get_indexed_objects()
            .select_related("product_class")
            .prefetch_related(
                "categories",
                "attribute_values__attribute",
                "attribute_values__value_option",
                "attribute_values__value_multi_option",
            )
        )

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
