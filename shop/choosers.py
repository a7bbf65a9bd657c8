"""Wagtail choosers for the catalogue: editors pick products and categories.

Built on Wagtail's ``ChooserViewSet`` so the product chooser gets Wagtail's
modal, search box, pagination and StreamField block for free. The list shows
each product's thumbnail, live price, stock and availability, computed for
the visible page only through :func:`shop.cards.cards_for_products` (a fixed
number of queries, so the chooser stays fast with a large catalogue).
"""

from django import forms
from django.contrib.admin.utils import quote
from django.db.models import Q
from django.forms.utils import flatatt
from django.templatetags.l10n import unlocalize
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column, Table, TitleColumn
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
from shop.templatetags.shop_currency import currency


class ProductAdminURLFinder(ModelAdminURLFinder):
    """A chosen product links to its page in Oscar's dashboard."""

    def construct_edit_url(self, instance):
        return reverse("dashboard:catalogue-product", kwargs={"pk": instance.pk})


class CategoryAdminURLFinder(ModelAdminURLFinder):
    def construct_edit_url(self, instance):
        return reverse(
            "dashboard:catalogue-category-update", kwargs={"pk": instance.pk}
        )


class FormattedCell:
    """A column whose cell is a ``format_html`` string and its arguments
    rather than Wagtail's cell template (the same markup).

    :class:`ProductChooserTable` joins its columns' formats into one row
    format, so a row costs one ``format_html`` call: a results page has six
    cells a row, and a template per cell cost more than the row's card.
    """

    #: The cell's markup, with a ``{}`` for each of :meth:`cell_args`.
    cell_format = "<td>{}</td>"

    def cell_args(self, instance, parent_context):
        raise NotImplementedError

    def render_cell_html(self, instance, parent_context):
        return format_html(self.cell_format, *self.cell_args(instance, parent_context))


def _format_literal(text):
    """``text`` escaped for HTML, as a literal part of a format string."""
    return str(escape(text)).replace("{", "{{").replace("}", "}}")


class CardColumn(FormattedCell, Column):
    """A column showing one attribute of the row's product card."""

    def __init__(self, name, card_attr=None, **kwargs):
        self.card_attr = card_attr
        super().__init__(name, **kwargs)
        if self.classname:
            classname = _format_literal(self.classname)
            self.cell_format = f'<td class="{classname}">{{}}</td>'

    def get_value(self, instance):
        if self.card_attr is None:
            return super().get_value(instance)
        card = getattr(instance, "card", None)
        if card is None:
            return None
        if callable(self.card_attr):
            return self.card_attr(card)
        return getattr(card, self.card_attr)

    def cell_args(self, instance, parent_context):
        return (_cell_text(self.get_value(instance)),)


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        return unlocalize(value)
    return value


class ChoiceTitleColumn(FormattedCell, TitleColumn):
    """Wagtail's title cell for a single-choice chooser: the link the modal
    listens to."""

    cell_format = (
        '<td class="title"><div class="title-wrapper">'
        '<a data-chooser-modal-choice href="{}">{}</a></div></td>'
    )

    def cell_args(self, instance, parent_context):
        title = self.get_value(instance)
        if title is None or not str(title).strip():
            title = self.empty_value_display
        return (self.get_link_url(instance, parent_context), title)


NO_THUMBNAIL = mark_safe(  # noqa: S308  # nosec B308, B703: constant markup
    '<span class="w-text-grey-400">No image</span>'
)


class ThumbnailColumn(CardColumn):
    cell_format = '<td class="product-chooser__thumbnail">{}</td>'

    def cell_args(self, instance, parent_context):
        url = self.get_value(instance)
        if not url:
            return (NO_THUMBNAIL,)
        return (
            format_html(
                '<img src="{}" alt="" width="60" height="60" loading="lazy"'
                " data-chooser-thumbnail>",
                url,
            ),
        )


def _price_label(card):
    if card.price is None:
        return "No price"
    label = currency(card.price, card.currency)
    if card.is_discounted:
        label = f"{label} (was {currency(card.was_price, card.currency)})"
    return label


def _stock_label(card):
    return "-" if card.num_in_stock is None else card.num_in_stock


class ProductChooserTable(Table):
    """Wagtail's table, with its body rows built here rather than by the
    template: a results page of ten products spent more on the per-row
    include and per-cell component tags than on the rows' product cards.

    The columns' cell formats (see :class:`FormattedCell`; any other column
    is its rendered cell) make one row format, filled once a row. The markup
    is Wagtail's; only the whitespace between tags differs.
    """

    template_name = "shop/choosers/product_table.html"

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        columns = list(self.columns.values())
        cells = "".join(
            column.cell_format if isinstance(column, FormattedCell) else "{}"
            for column in columns
        )
        row_format = f"<tr{{}}>{cells}</tr>"
        context["rows_html"] = format_html_join(
            "\n",
            row_format,
            (self.row_args(columns, row, context) for row in self.rows),
        )
        return context

    def row_args(self, columns, row, context):
        """The row's attributes, then each column's cell arguments."""
        args = [flatatt(row.attrs)]
        cell_context = None
        for column in columns:
            if isinstance(column, FormattedCell):
                args.extend(column.cell_args(row.instance, context))
                continue
            if cell_context is None:
                # Wagtail's cell templates read their row from the context,
                # as the table template's row loop gives it to them.
                cell_context = {**context, "row": row}
            args.append(column.render_cell_html(row.instance, cell_context))
        return args


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


#: Stands for a product's id in the chosen view's URL, reversed once per page.
CHOSEN_PK_PLACEHOLDER = "chosen-pk"


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

    def get_context_data(self, **kwargs):
        # Wagtail's get() builds a plain Table: same columns and rows, drawn
        # by the product table.
        self.table = ProductChooserTable(self.table.columns.values(), self.table.data)
        return super().get_context_data(**kwargs)

    def get_results_page(self, request):
        page = super().get_results_page(request)
        products = list(page.object_list)
        load_variants(products)
        cards = cards_for_products(products, request)
        for product in products:
            product.card = cards.get(product.pk)
        page.object_list = products
        return page

    @property
    def title_column(self):
        column = super().title_column
        if self.is_multiple_choice or column.link_attrs != {
            "data-chooser-modal-choice": True
        }:
            return column
        return ChoiceTitleColumn(
            column.name,
            label=column.label,
            accessor=column.accessor,
            get_url=self.chosen_url_for,
            link_attrs=column.link_attrs,
        )

    @cached_property
    def _chosen_url_template(self):
        return self.append_preserved_url_parameters(
            reverse(self.chosen_url_name, args=(CHOSEN_PK_PLACEHOLDER,))
        )

    def chosen_url_for(self, product):
        """The row's link to the chosen view, as Wagtail's title column makes
        it, from one URL reverse per page rather than one per row."""
        return self._chosen_url_template.replace(
            CHOSEN_PK_PLACEHOLDER, quote(str(product.pk)), 1
        )

    @property
    def columns(self):
        return [
            ThumbnailColumn("thumbnail", label="Image", card_attr="image_url"),
            self.title_column,
            CardColumn("upc", label="UPC", accessor="upc"),
            CardColumn("price", label="Price", card_attr=_price_label),
            CardColumn("stock", label="Stock", card_attr=_stock_label),
            CardColumn(
                "availability", label="Availability", card_attr="availability_message"
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
