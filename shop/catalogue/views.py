"""Forked catalogue views: category and catalogue pages straight from the
database (Oscar's go through Haystack, which the site does not run)."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.paginator import InvalidPage, Paginator
from django.db.models import Count, Exists, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import redirect
from django.utils.functional import SimpleLazyObject
from oscar.apps.catalogue import views as catalogue_views
from oscar.apps.catalogue.reviews.models import ProductReview
from oscar.apps.search.views import catalogue as core_views

from shop.cards import product_cards
from shop.catalogue.filters import ProductFilters, with_shelf_price
from shop.catalogue.models import Product, ProductCategory
from shop.structured_data import product_category_path

SORT_ORDERS = {
    "featured": ("Featured", (F("priority").desc(), F("date_created").desc())),
    "newest": ("Newest", (F("date_created").desc(),)),
    "price-asc": (
        "Price, low to high",
        (F("shelf_price").asc(nulls_last=True), F("title").asc()),
    ),
    "price-desc": (
        "Price, high to low",
        (F("shelf_price").desc(nulls_last=True), F("title").asc()),
    ),
    "rating": (
        "Customer rating",
        (F("rating").desc(nulls_last=True), F("title").asc()),
    ),
    "title-asc": ("Name, A to Z", (F("title").asc(),)),
}
DEFAULT_SORT = "featured"
# Orders the browse index on Product serves (Product.Meta.indexes).
INDEXED_SORTS = {"featured"}


class SortForm(forms.Form):
    """How to order a product list; an unknown value falls back to featured."""

    sort_by = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=[(key, label) for key, (label, _) in SORT_ORDERS.items()],
    )

    def chosen_sort(self):
        """The order asked for, or None."""
        return (self.cleaned_data.get("sort_by") if self.is_valid() else None) or None

    def sort_key(self):
        return self.chosen_sort() or DEFAULT_SORT


class ProductListMixin:
    """List public products as cards: filtered, sorted, paginated, fixed
    queries."""

    paginate_by = settings.OSCAR_PRODUCTS_PER_PAGE

    def get(self, request, *args, **kwargs):
        form = SortForm(request.GET or None)
        sort = form.chosen_sort()
        self.filters = ProductFilters(
            self.first_page_url(),
            request.GET,
            self.get_products(),
            kept={"sort_by": sort} if sort else {},
        )
        paginator = Paginator([], self.paginate_by)
        paginator.count = self.count_products()
        try:
            page = paginator.page(request.GET.get("page") or 1)
        except InvalidPage:
            messages.error(request, "That page number does not exist.")
            return redirect(self.filters.url())
        sort_key = form.sort_key()
        products = self.get_page_products(in_index_order=sort_key in INDEXED_SORTS)
        ordered = products.order_by(*SORT_ORDERS[sort_key][1], "pk")

        def cards_on_page():
            page.object_list = page_ids(ordered, page)
            cards = product_cards(page.object_list, request)
            return [cards[pk] for pk in page.object_list if pk in cards]

        context = self.get_list_context(
            form=form,
            paginator=paginator,
            page_obj=page,
            page=page,
            is_paginated=paginator.num_pages > 1,
            filters=self.filters,
            # Read when the list is rendered: a cached list skips it.
            products=SimpleLazyObject(cards_on_page),
        )
        return self.render_to_response(context)

    def get_products(self):
        """The products listed before filters."""
        return Product.objects.browsable()

    def count_products(self):
        if self.filters.is_active:
            return self.filters.apply(with_shelf_price(self.get_products())).count()
        return self.get_products().count()

    def get_page_products(self, in_index_order=False):
        """The products listed, filtered, with the shelf price the price
        orders sort by; ``in_index_order``: the page is read in index order,
        not sorted."""
        return self.filters.apply(with_shelf_price(Product.objects.browsable()))

    def get_list_context(self, **kwargs):
        return {"view": self, "summary": "All products", **kwargs}

    def first_page_url(self):
        return self.request.path


def approved_review_count():
    """The number of a product's approved reviews, as a subquery."""
    approved = ProductReview.objects.filter(
        product=OuterRef("pk"), status=ProductReview.APPROVED
    )
    counted = approved.order_by().values("product").annotate(n=Count("pk"))
    return Coalesce(Subquery(counted.values("n")), 0)


def page_ids(ordered, page):
    """The ids of the products on ``page`` of ``ordered``, read from the
    nearer end of the list, so the database walks at most half of it."""
    count = page.paginator.count
    if not count:
        return []
    start = page.start_index() - 1
    size = page.end_index() - start
    ids = ordered.values_list("pk", flat=True)
    if start <= count - (start + size):
        return list(ids[start : start + size])
    from_end = count - (start + size)
    return list(reversed(ids.reverse()[from_end : from_end + size]))


class CatalogueView(ProductListMixin, core_views.CatalogueView):
    """Every public product."""


class ProductCategoryView(ProductListMixin, core_views.ProductCategoryView):
    """The public products of a category and its sub-categories."""

    def get(self, request, *args, **kwargs):
        self.category = self.get_category()
        if not self.is_viewable(self.category, request):
            raise Http404("No such category.")
        potential_redirect = self.redirect_if_necessary(request.path, self.category)
        if potential_redirect is not None:
            return potential_redirect
        return super().get(request, *args, **kwargs)

    def category_rows(self):
        return ProductCategory.objects.filter(
            category__in=self.category.get_descendants_and_self()
        )

    def get_products(self):
        # Counting and the filters start from the category's rows (an
        # uncorrelated IN).
        in_category = self.category_rows().values("product_id")
        return super().get_products().filter(pk__in=in_category)

    def get_page_products(self, in_index_order=False):
        products = super().get_page_products(in_index_order)
        if in_index_order:
            # A correlated EXISTS: walk the browse index, stop when full.
            in_category = self.category_rows().filter(product=OuterRef("pk"))
            return products.filter(Exists(in_category))
        # Sorted: start from the category's rows, not the whole catalogue.
        return products.filter(pk__in=self.category_rows().values("product_id"))

    def get_list_context(self, **kwargs):
        context = super().get_list_context(**kwargs)
        context["category"] = self.category
        # The breadcrumb and its structured data.
        context["category_path"] = self.category.get_ancestors_and_self()
        context["summary"] = self.category.name
        return context

    def first_page_url(self):
        return self.category.get_absolute_url()


class ProductDetailView(catalogue_views.ProductDetailView):
    def get_queryset(self):
        """The product with what its page shows: class, stock records,
        images, attribute values and public categories (Oscar's prefetches)."""
        return (
            super()
            .get_queryset()
            .select_related("product_class")
            .prefetch_related("stockrecords", "images")
            .prefetch_attribute_values()
            .prefetch_browsable_categories()
            .annotate(approved_review_count=approved_review_count())
        )

    def get_context_data(self, **kwargs):
        # The price and availability, worked out once for the whole page.
        context = super().get_context_data(**kwargs)
        context["purchase_info"] = self.request.strategy.fetch_for_product(self.object)
        # Read once for the breadcrumb and its structured data.
        context["category_path"] = product_category_path(self.object)
        return context

    def send_signal(self, request, response, product):
        # A public page is the same for every visitor and records nothing
        # about one: Oscar's recently-viewed cookie would keep caches from
        # holding it, and a cache answers most views anyway.
        if not getattr(request, "public_page", False):
            super().send_signal(request, response, product)
