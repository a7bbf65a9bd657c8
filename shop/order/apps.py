import oscar.apps.order.apps as apps


class OrderConfig(apps.OrderConfig):
    name = "shop.order"

    def ready(self):
        super().ready()
        keep_writes_off_the_read_path()


def keep_writes_off_the_read_path():
    """Stop Oscar's analytics from writing on every product view and add.

    Oscar counts each product view and basket addition with an UPDATE (and
    an INSERT per signed-in view). On the embedded SQLite database that makes
    every page view a writer, and a handful of shoppers get "database is
    locked". The order-placed receiver stays: it writes once per order, in a
    request that writes anyway, so the dashboard's reports still have data.
    Runs here because the order app is installed after analytics.
    """
    from oscar.apps.analytics import receivers
    from oscar.apps.basket.signals import basket_addition
    from oscar.apps.catalogue.signals import product_viewed
    from oscar.apps.search.signals import user_search

    product_viewed.disconnect(receivers.receive_product_view)
    basket_addition.disconnect(receivers.receive_basket_addition)
    user_search.disconnect(receivers.receive_product_search)
