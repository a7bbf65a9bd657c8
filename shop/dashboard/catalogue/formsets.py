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
    """Oscar's signature (the view passes product_class and user)."""

    def __init__(self, product_class, user, *args, **kwargs):
        super().__init__(*args, **kwargs)


StockRecordFormSet = inlineformset_factory(
    Product,
    StockRecord,
    form=StockRecordForm,
    formset=OscarStockRecordFormSet,
    extra=1,
)
