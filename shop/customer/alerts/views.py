"""Forked stock-alert views: the form a public page sends as a GET is shown
again as a POST (see shop.basket.views)."""

from django.shortcuts import get_object_or_404
from oscar.apps.customer.alerts import views as core_views

from shop.basket.views import confirm_page
from shop.catalogue.models import Product


class ProductAlertCreateView(core_views.ProductAlertCreateView):
    def get(self, request, *args, **kwargs):
        self.product = get_object_or_404(Product, pk=kwargs["pk"], is_public=True)
        form = self.get_form_class()(
            user=request.user, product=self.product, data=request.GET or None
        )
        return confirm_page(request, self.product, form, "Notify me")
