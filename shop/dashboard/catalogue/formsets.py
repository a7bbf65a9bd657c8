"""The product image formset of Oscar's dashboard, with this fork's form."""

from django.forms import inlineformset_factory
from oscar.apps.dashboard.catalogue.formsets import (
    ProductImageFormSet as OscarProductImageFormSet,
)

from shop.catalogue.models import Product, ProductImage

from .forms import ProductImageForm

BaseProductImageFormSet = inlineformset_factory(
    Product, ProductImage, form=ProductImageForm, extra=2
)


class ProductImageFormSet(BaseProductImageFormSet):
    """Same signature as Oscar's (the view passes product_class and user)."""

    __init__ = OscarProductImageFormSet.__init__
