from django.http import HttpResponseBadRequest
from oscar.apps.dashboard.offers import views as core_views


class OfferDetailView(core_views.OfferDetailView):
    """Oscar's offer page, whose form either suspends or reinstates the offer;
    a POST asking for neither is a bad request, not a 500."""

    def post(self, request, *args, **kwargs):
        if "suspend" not in request.POST and "unsuspend" not in request.POST:
            return HttpResponseBadRequest(
                "Nothing to do: post 'suspend' or 'unsuspend' to change the offer."
            )
        return super().post(request, *args, **kwargs)
