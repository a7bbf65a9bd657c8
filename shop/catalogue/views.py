"""Forked catalogue views: category and catalogue pages straight from the
database, sorted and paginated, each product shown as a shop product card.

Oscar's own browse pages go through Haystack, which the site does not run
(site-wide search is Wagtail's); these list views need no search server.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.paginator import InvalidPage, Paginator
from django.db.models import Count, F, OuterRef, Subquery, Window
from django.http import Http404
from django.shortcuts import redirect
from oscar.apps.search.views import catalogue as core_views

from shop.cards import product_cards
from shop.catalogue.models import Product, ProductCategory
from shop.partner.models import StockRecord
from site_project.pagination import requested_page

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


class SortForm(forms.Form):
    """How to order a product list; an unknown value falls back to featured."""

    sort_by = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=[(key, label) for key, (label, _) in SORT_ORDERS.items()],
    )

    def ordering(self):
        key = self.cleaned_data.get("sort_by") if self.is_valid() else None
        return SORT_ORDERS[key or DEFAULT_SORT][1]


class ProductListMixin:
    """List public products as cards: sorted, paginated, fixed queries."""

    paginate_by = settings.OSCAR_PRODUCTS_PER_PAGE

    def get(self, request, *args, **kwargs):
        form = SortForm(request.GET or None)
        products = self.get_products().order_by(*form.ordering(), "pk")
        paginator = Paginator(products.values_list("pk", flat=True), self.paginate_by)
        number = requested_page(request.GET.get("page"))
        if number is None:
            return self.no_such_page(request)
        # The page's ids and the total in one query (a window count): the
        # paginator then need not count the products again.
        offset = (number - 1) * self.paginate_by
        rows = list(
            products.annotate(total=Window(Count("pk"))).values_list("pk", "total")[
                offset : offset + self.paginate_by
            ]
        )
        paginator.count = rows[0][1] if rows else products.count()
        try:
            page = paginator.page(number)
        except InvalidPage:
            return self.no_such_page(request)
        page.object_list = [pk for pk, _ in rows]
        cards = product_cards(page.object_list, request)
        context = self.get_list_context(
            form=form,
            paginator=paginator,
            page_obj=page,
            page=page,
            is_paginated=paginator.num_pages > 1,
            products=[cards[pk] for pk in page.object_list if pk in cards],
        )
        return self.render_to_response(context)

    def no_such_page(self, request):
        messages.error(request, "That page number does not exist.")
        return redirect(self.first_page_url())

    def get_products(self):
        shelf_price = StockRecord.objects.filter(product=OuterRef("pk")).order_by("pk")
        return Product.objects.browsable().annotate(
            shelf_price=Subquery(shelf_price.values("price")[:1])
        )

    def get_list_context(self, **kwargs):
        return {"view": self, "summary": "All products", **kwargs}

    def first_page_url(self):
        return self.request.path


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

    def get_products(self):
        # An uncorrelated IN: the database starts from the category's rows in
        # the product-category index (a correlated EXISTS made SQLite visit
        # every product in the catalogue, twice a page).
        in_category = ProductCategory.objects.filter(
            category__in=self.category.get_descendants_and_self()
        ).values("product_id")
        return super().get_products().filter(pk__in=in_category)

    def get_list_context(self, **kwargs):
        context = super().get_list_context(**kwargs)
        context["category"] = self.category
        context["summary"] = self.category.name
        return context

    def first_page_url(self):
        return self.category.get_absolute_url()
