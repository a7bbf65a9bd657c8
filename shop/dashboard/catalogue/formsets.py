"""The product image formset of Oscar's dashboard, with this fork's form."""

from django.forms import inlineformset_factory

from shop.catalogue.models import Product, ProductImage

from .forms import ProductImageForm

BaseProductImageFormSet = inlineformset_factory(
    Product, ProductImage, form=ProductImageForm, extra=2
)


class ProductImageFormSet(BaseProductImageFormSet):
    """Same signature as Oscar's (the view passes product_class and user)."""

    def __init__(self, product_class, user, *args, **kwargs):
        # Borrowing Oscar's __init__ would call super() bound to Oscar's
        # class, which this one does not inherit from: a TypeError (500).
        super().__init__(*args, **kwargs)
