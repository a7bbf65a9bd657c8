"""Oscar's dashboard product formsets, built on this fork's forms."""

from django.forms import inlineformset_factory
from oscar.apps.dashboard.catalogue.formsets import (
    StockRecordFormSet as OscarStockRecordFormSet,
)

from shop.catalogue.models import Product, ProductImage
from shop.partner.models import StockRecord

from .forms import ProductImageForm, StockRecordForm

BaseProductImageFormSet = inlineformset_factory(
    Product, ProductImage, form=ProductImageForm, extra=2
)


class ProductImageFormSet(BaseProductImageFormSet):
    """Same signature as Oscar's (the view passes product_class and user)."""

    def __init__(self, product_class, user, *args, **kwargs):
        # Borrowing Oscar's __init__ would call super() bound to Oscar's
        # class, which this one does not inherit from: a TypeError (500).
        super().__init__(*args, **kwargs)


# Oscar's stock record formset (partner rules, initial partner) with the
# fork's form, which adds the sale's "was" price.
StockRecordFormSet = inlineformset_factory(
    Product,
    StockRecord,
    form=StockRecordForm,
    formset=OscarStockRecordFormSet,
    extra=1,
)
