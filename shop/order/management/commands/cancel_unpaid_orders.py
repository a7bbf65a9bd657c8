from django.conf import settings
from django.core.management.base import BaseCommand

from shop.order.processing import cancel_unpaid_orders


class Command(BaseCommand):
    help = (
        "Cancel orders still pending payment SHOP_UNPAID_ORDER_DAYS after they "
        "were placed, releasing the stock they hold."
    )

    def handle(self, *args, **options):
        numbers = cancel_unpaid_orders()
        self.stdout.write(
            f"Cancelled {len(numbers)} order(s) unpaid after "
            f"{settings.SHOP_UNPAID_ORDER_DAYS} days"
            + (f": {', '.join(numbers)}" if numbers else ".")
        )
