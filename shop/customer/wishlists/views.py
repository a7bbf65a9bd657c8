from django.http import HttpResponseNotAllowed
from oscar.apps.customer.wishlists import views


class WishListAddProduct(views.WishListAddProduct):
    """Adds a product to a wish list on POST only (Oscar's did on GET too, so
    a link on another site could)."""

    def dispatch(self, request, *args, **kwargs):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return super().dispatch(request, *args, **kwargs)
