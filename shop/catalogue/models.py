"""Forked Oscar catalogue: the Product is indexed by Wagtail search.

Indexing the product lets Wagtail's chooser search it and lets the site-wide
search rank products beside articles, from one index that stays current when
staff save a product in Oscar's dashboard (Wagtail's post_save handler).
"""

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


from oscar.apps.catalogue.models import *  # noqa: E402, F403
