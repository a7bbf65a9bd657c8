import oscar.apps.customer.apps as apps
from django.contrib.auth.decorators import login_required
from django.urls import path, re_path


class CustomerConfig(apps.CustomerConfig):
    """Oscar's customer app with the return request pages: the account's
    order and the guest's signed order link each have one."""

    name = "shop.customer"

    def get_urls(self):
        from shop.customer.views import AnonymousReturnRequestView, ReturnRequestView

        urls = [
            path(
                "orders/<str:order_number>/return/",
                login_required(ReturnRequestView.as_view()),
                name="order-return",
            ),
            re_path(
                r"^order-status/(?P<order_number>[\w-]*)/(?P<hash>[A-z0-9-_=:]+)/return/$",
                AnonymousReturnRequestView.as_view(),
                name="anon-order-return",
            ),
        ]
        return [*self.post_process_urls(urls), *super().get_urls()]
