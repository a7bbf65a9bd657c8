"""Wagtail choosers for the catalogue: editors pick products and categories.

Built on Wagtail's ``ChooserViewSet``: Wagtail's modal, search box,
pagination, table and StreamField block. The product list's columns show
each product's thumbnail, live price, stock and availability from its card,
built for the visible page only by :func:`shop.cards.cards_for_products` (a
fixed number of queries, whatever the size of the catalogue).
"""

from django import forms
from django.db.models import Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from oscar.templatetags.currency_filters import currency
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import (
    ChooseResultsView,
    ChooseView,
    ChosenView,
)
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.blocks import ChooserBlock
from wagtail.search.backends import get_search_backend

from shop.cards import cards_for_products, load_variants, product_queryset
from shop.catalogue.models import Category, Product


class ProductAdminURLFinder(ModelAdminURLFinder):
    """A chosen product links to its page in Oscar's dashboard."""

    def construct_edit_url(self, instance):
        return reverse("dashboard:catalogue-product", kwargs={"pk": instance.pk})


class CategoryAdminURLFinder(ModelAdminURLFinder):
    def construct_edit_url(self, instance):
        return reverse(
            "dashboard:catalogue-category-update", kwargs={"pk": instance.pk}
        )


def product_thumbnail(product):
    """The row's thumbnail, or a note that the product has no image."""
    url = product.card.image_url
    if not url:
        return format_html('<span class="w-text-grey-400">{}</span>', "No image")
    return format_html(
        '<img src="{}" alt="" width="60" height="60" loading="lazy"'
        " data-chooser-thumbnail>",
        url,
    )


def product_price(product):
    """The live price, and the price it was when on sale."""
    card = product.card
    if card.price is None:
        return "No price"
    label = currency(card.price, card.currency)
    if card.is_discounted:
        label = f"{label} (was {currency(card.was_price, card.currency)})"
    return label


def product_stock(product):
    """The number in stock, or a dash when no stock is tracked."""
    num_in_stock = product.card.num_in_stock
    return "-" if num_in_stock is None else num_in_stock


class ProductSearchForm(BaseFilterForm):
    """Search by title or UPC through Wagtail's search index.

    Results keep the listing's title order rather than relevance: ranking
    every match costs a scoring subquery per row on SQLite, which took
    minutes for a word every one of 10,000 products shares. An exact UPC (a
    scanned barcode) is answered straight from the database.
    """

    q = forms.CharField(
        label="Search term",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "Search by title or UPC"}),
    )

    def filter(self, objects):
        objects = super().filter(objects)
        query = (self.cleaned_data.get("q") or "").strip()
        if not query:
            return objects
        self.is_searching = True
        self.search_query = query
        # An exact match on the unique UPC index (as typed, or upper-cased as
        # barcodes print); a case-insensitive match would scan every product.
        exact = objects.filter(upc__in={query, query.upper()})
        if exact.exists():
            return exact
        return get_search_backend().autocomplete(
            query, objects, order_by_relevance=False
        )


class ProductChooserMixin:
    """List products with their card: one bulk card load per results page."""

    # Wagtail's own chooser page size: the list is searchable, and each row
    # builds a live product card.
    per_page = 10
    # Only index FilterFields can order search results: title, not pk.
    ordering = "title"
    filter_form_class = ProductSearchForm

    def get_object_list(self):
        # Variants are chosen through their parent; staff see hidden products
        # too (marked unavailable) so an editor can tell why one is missing.
        # The rows are the products their cards are built from: the page's
        # slice loads their stock records and images with them, rather than
        # the cards loading the same products a second time.
        return product_queryset(children=False, top_level=True).filter(
            structure__in=[Product.STANDALONE, Product.PARENT]
        )

    def get_results_page(self, request):
        page = super().get_results_page(request)
        products = list(page.object_list)
        load_variants(products)
        cards = cards_for_products(products, request)
        for product in products:
            product.card = cards[product.pk]
        page.object_list = products
        return page

    @property
    def columns(self):
        return [
            Column("thumbnail", label="Image", accessor=product_thumbnail),
            self.title_column,
            Column("upc", label="UPC"),
            Column("price", label="Price", accessor=product_price),
            Column("stock", label="Stock", accessor=product_stock),
            Column(
                "availability",
                label="Availability",
                accessor="card.availability_message",
            ),
        ]


class ProductChooseView(ProductChooserMixin, ChooseView):
    pass


class ProductChooseResultsView(ProductChooserMixin, ChooseResultsView):
    pass


class ProductChosenView(ChosenView):
    def get_object(self, pk):
        return Product.objects.get(pk=pk, parent=None)

    def get_display_title(self, instance):
        return product_display_title(instance)


def product_display_title(product):
    return f"{product.title} ({product.upc})" if product.upc else product.title


class BulkProductChooserBlock(ChooserBlock):
    """A product chosen in the Wagtail chooser; loaded in bulk for rendering.

    ``bulk_to_python`` loads every product of every block of this type in one
    go with Oscar's ``base_queryset()`` (stock records and images prefetched),
    so a page with twenty callouts costs the same queries as a page with one.
    A deleted product comes back as None, as Wagtail's chooser blocks do.
    """

    def bulk_to_python(self, values):
        ids = [pk for pk in map(chosen_id, values) if pk is not None]
        products = product_queryset().in_bulk(ids) if ids else {}
        return [products.get(chosen_id(value)) for value in values]

    def to_python(self, value):
        return self.bulk_to_python([value])[0]


def chosen_id(value):
    """The id a chooser block's raw value holds, or None.

    A list item may arrive whole (``{"type": "item", "value": <id>, "id":
    ...}``, or without its "id"): its value is the id.
    """
    if isinstance(value, dict):
        value = value.get("value")
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class ProductChooserViewSet(ChooserViewSet):
    model = Product
    icon = "tag"
    choose_one_text = "Choose a product"
    choose_another_text = "Choose another product"
    edit_item_text = "Edit in the dashboard"
    per_page = ProductChooserMixin.per_page
    choose_view_class = ProductChooseView
    choose_results_view_class = ProductChooseResultsView
    chosen_view_class = ProductChosenView
    base_block_class = BulkProductChooserBlock

    @cached_property
    def widget_class(self):
        widget = super().widget_class

        class ProductChooserWidget(widget):
            def get_display_title(self, instance):
                return product_display_title(instance)

        return ProductChooserWidget


class CategorySearchForm(BaseFilterForm):
    """Categories are few and not in the search index: match on the name."""

    q = forms.CharField(
        label="Search term",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "Search"}),
    )

    def filter(self, objects):
        objects = super().filter(objects)
        query = self.cleaned_data.get("q")
        if query:
            objects = objects.filter(Q(name__icontains=query) | Q(slug=query))
            self.is_searching = True
            self.search_query = query
        return objects


class CategoryChooserMixin:
    per_page = 20
    ordering = "path"
    filter_form_class = CategorySearchForm

    def get_object_list(self):
        return Category.objects.all()

    def get_results_page(self, request):
        page = super().get_results_page(request)
        categories = list(page.object_list)
        label_categories(categories)
        page.object_list = categories
        return page

    @property
    def title_column(self):
        column = super().title_column
        column.accessor = "chooser_label"
        return column

    @property
    def columns(self):
        return [
            self.title_column,
            Column(
                "is_public",
                label="Public",
                accessor=lambda category: "Yes" if category.is_public else "No",
            ),
        ]


def label_categories(categories):
    """Give each category its full name ("Back > Braces") from one query."""
    steplen = Category.steplen
    ancestor_paths = {
        category.path[:end]
        for category in categories
        for end in range(steplen, len(category.path), steplen)
    }
    names = dict(
        Category.objects.filter(path__in=ancestor_paths).values_list("path", "name")
    )
    for category in categories:
        parts = [
            names.get(category.path[:end], "?")
            for end in range(steplen, len(category.path), steplen)
        ]
        category.chooser_label = " > ".join([*parts, category.name])


class CategoryChosenView(ChosenView):
    def get_display_title(self, instance):
        label_categories([instance])
        return instance.chooser_label


class CategoryChooseView(CategoryChooserMixin, ChooseView):
    pass


class CategoryChooseResultsView(CategoryChooserMixin, ChooseResultsView):
    pass


class BulkCategoryChooserBlock(ChooserBlock):
    """A catalogue category; bulk-loaded like products."""

    def bulk_to_python(self, values):
        ids = [pk for pk in map(chosen_id, values) if pk is not None]
        categories = Category.objects.in_bulk(ids) if ids else {}
        return [categories.get(chosen_id(value)) for value in values]

    def to_python(self, value):
        return self.bulk_to_python([value])[0]


class CategoryChooserViewSet(ChooserViewSet):
    model = Category
    icon = "folder-open-inverse"
    choose_one_text = "Choose a category"
    choose_another_text = "Choose another category"
    edit_item_text = "Edit in the dashboard"
    per_page = 20
    choose_view_class = CategoryChooseView
    choose_results_view_class = CategoryChooseResultsView
    chosen_view_class = CategoryChosenView
    base_block_class = BulkCategoryChooserBlock


product_chooser_viewset = ProductChooserViewSet(
    "product_chooser", url_prefix="product-chooser"
)
category_chooser_viewset = CategoryChooserViewSet(
    "category_chooser", url_prefix="category-chooser"
)

# The StreamField blocks, named and placed so migrations can import them.
ProductChooserBlock = product_chooser_viewset.get_block_class(
    name="ProductChooserBlock", module_path="shop.choosers"
)
CategoryChooserBlock = category_chooser_viewset.get_block_class(
    name="CategoryChooserBlock", module_path="shop.choosers"
)
