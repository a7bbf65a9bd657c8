import oscar.apps.dashboard.orders.apps as apps
from django.urls import path


class OrdersDashboardConfig(apps.OrdersDashboardConfig):
    """Oscar's orders dashboard with the list of return requests."""

    name = "shop.dashboard.orders"

    def configure_permissions(self):
        super().configure_permissions()
        self.permissions_map["order-return-list"] = self.permissions_map["order-list"]

    def ready(self):
        super().ready()
        from shop.dashboard.orders.views import ReturnListView

        self.return_list_view = ReturnListView

    def get_urls(self):
        # Before Oscar's "<number>/", which would take "returns" for an order.
        returns = path(
            "returns/", self.return_list_view.as_view(), name="order-return-list"
        )
        return [*self.post_process_urls([returns]), *super().get_urls()]
