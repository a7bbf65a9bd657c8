from django.http import HttpResponseNotAllowed
from oscar.apps.customer.wishlists import views


class WishListAddProduct(views.WishListAddProduct):
    """Adds a product to a wish list on POST only.

    Oscar's view also adds (and creates a wish list) on GET, so a link or an
    image on another site could change a signed-in shopper's lists.
    """

    def dispatch(self, request, *args, **kwargs):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return super().dispatch(request, *args, **kwargs)
