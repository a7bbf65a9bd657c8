from oscar.apps.order.exceptions import UnableToPlaceOrder


class InsufficientStock(UnableToPlaceOrder):
    """The free stock no longer covers an order line; as Oscar's
    ``UnableToPlaceOrder`` the checkout shows why and keeps the basket."""

    def __init__(self, title, available):
        if available <= 0:
            super().__init__(
                f"Sorry, “{title}” is no longer in stock. Your basket has been "
                "kept: remove it or try again later."
            )
        else:
            super().__init__(
                f"Sorry, only {available} of “{title}” "
                f"{'is' if available == 1 else 'are'} left in stock. Your "
                "basket has been kept: lower the quantity and try again."
            )
