"""Wagtail choosers for the catalogue, as shipped (modal, search, pagination,
table, StreamField block); a product's row shows its card's thumbnail, live
price, stock and availability."""

from django.utils.html import format_html
from oscar.templatetags.currency_filters import currency
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.forms.choosers import BaseFilterForm, SearchFilterMixin
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views.generic.chooser import (
    ChooseResultsView,
    ChooseView,
    ChosenView,
)
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.widgets.chooser import BaseChooser
from wagtail.search.backends import get_search_backend

from shop.cards import product_cards
from shop.catalogue.models import Category, Product
from site_project.search_terms.query import clean_query, search


class ProductAdminURLFinder(ModelAdminURLFinder):
    """A chosen product links to its page in Oscar's dashboard."""

    edit_url_name = "dashboard:catalogue-product"


class CategoryAdminURLFinder(ModelAdminURLFinder):
    edit_url_name = "dashboard:catalogue-category-update"


def product_thumbnail(product):
    url = product.card.image_url
    if not url:
        return format_html('<span class="w-text-grey-400">{}</span>', "No image")
    return format_html(
        '<img src="{}" alt="" width="60" height="60" loading="lazy"'
        " data-chooser-thumbnail>",
        url,
    )


def product_price(product):
    """The live price, and the price before a sale."""
    card = product.card
    if card.price is None:
        return "No price"
    label = currency(card.price, card.currency)
    if card.is_discounted:
        label = f"{label} (was {currency(card.was_price, card.currency)})"
    return label


class SearchForm(SearchFilterMixin, BaseFilterForm):
    """Wagtail's search box, read as the site search reads a query (words,
    synonyms, spelling); a name being typed ("spin") finds what starts with
    it (Wagtail's autocomplete) before a correction is tried. Matches keep
    the listing's order (by title, or the category tree): an editor scans
    a list for a name, and ranking every match of a common word costs a
    scoring subquery per row."""

    def names(self):
        """What else the vocabulary of corrections holds (see
        ``site_project.search_terms.query.vocabulary``)."""
        return ()

    def filter(self, objects):
        query = (self.cleaned_data.get("q") or "").strip()
        if not query:
            return objects
        self.is_searching = True
        self.search_query = query
        return self.search(objects, query)

    def search(self, objects, query):
        reading, results = search(
            objects,
            query,
            vocabulary_key=self.vocabulary,
            names=self.names(),
            order_by_relevance=False,
        )
        if results is None:
            return objects.none()
        if reading.corrected or reading.fuzzy or not results.count():
            typed = get_search_backend().autocomplete(
                clean_query(query), objects, order_by_relevance=False
            )
            if typed.count():
                return typed
        return results


class ProductSearchForm(SearchForm):
    """A whole UPC (a scanned barcode, or typed in lower case) through its
    unique index; else the search."""

    vocabulary = "products"

    def names(self):
        # Products are found by their categories' names too.
        return (Category.objects.values_list("name", flat=True),)

    def search(self, objects, query):
        exact = objects.filter(upc__in={query, query.upper()})
        if exact.exists():
            return exact
        return super().search(objects, query)


class CategorySearchForm(SearchForm):
    vocabulary = "categories"


class ProductTitle:
    def get_display_title(self, instance):
        if instance.upc:
            return f"{instance.title} ({instance.upc})"
        return instance.title


class ProductChooser(ProductTitle, BaseChooser):
    pass


class ProductChooserMixin:
    """Variants are chosen through their parent; staff see hidden products
    too (marked unavailable) so an editor can tell why one is missing."""

    ordering = "title"  # the listing's order; a search orders by relevance
    filter_form_class = ProductSearchForm

    def get_object_list(self):
        return Product.objects.filter(
            structure__in=[Product.STANDALONE, Product.PARENT]
        )

    def get_results_page(self, request):
        page = super().get_results_page(request)
        cards = product_cards([product.pk for product in page], request)
        for product in page:
            product.card = cards[product.pk]
        return page

    @property
    def columns(self):
        return [
            Column("thumbnail", label="Image", accessor=product_thumbnail),
            self.title_column,
            Column("upc", label="UPC"),
            Column("price", accessor=product_price),
            Column("stock", accessor="card.num_in_stock"),
            Column("availability", accessor="card.availability_message"),
        ]


class ProductChooseView(ProductChooserMixin, ChooseView):
    pass


class ProductChooseResultsView(ProductChooserMixin, ChooseResultsView):
    pass


class ProductChosenView(ProductTitle, ChosenView):
    def get_object(self, pk):
        return Product.objects.get(pk=pk, parent=None)


class ProductChooserViewSet(ChooserViewSet):
    model = Product
    icon = "tag"
    choose_one_text = "Choose a product"
    choose_another_text = "Choose another product"
    edit_item_text = "Edit in the dashboard"
    base_widget_class = ProductChooser
    choose_view_class = ProductChooseView
    choose_results_view_class = ProductChooseResultsView
    chosen_view_class = ProductChosenView


class CategoryChooseMixin:
    """Categories in tree order (the model's), each titled with its path
    (Oscar's ``full_name``, "Back support > Braces")."""

    filter_form_class = CategorySearchForm

    @property
    def columns(self):
        return [self.title_column, BooleanColumn("is_public", label="Public")]


class CategoryChooseView(CategoryChooseMixin, ChooseView):
    pass


class CategoryChooseResultsView(CategoryChooseMixin, ChooseResultsView):
    pass


class CategoryChooserViewSet(ChooserViewSet):
    model = Category
    icon = "folder-open-inverse"
    choose_one_text = "Choose a category"
    choose_another_text = "Choose another category"
    edit_item_text = "Edit in the dashboard"
    per_page = 20
    choose_view_class = CategoryChooseView
    choose_results_view_class = CategoryChooseResultsView


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
