import oscar.apps.order.apps as apps


class OrderConfig(apps.OrderConfig):
    name = "shop.order"

    def ready(self):
        """Stop Oscar's analytics writing on every product view, basket add and
        search (every page view a SQLite writer); orders still count."""
        super().ready()
        from oscar.apps.analytics import receivers
        from oscar.apps.basket.signals import basket_addition
        from oscar.apps.catalogue.signals import product_viewed
        from oscar.apps.search.signals import user_search

        product_viewed.disconnect(receivers.receive_product_view)
        basket_addition.disconnect(receivers.receive_basket_addition)
        user_search.disconnect(receivers.receive_product_search)
