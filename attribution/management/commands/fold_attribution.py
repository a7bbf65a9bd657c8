from django.conf import settings
from django.core.management.base import BaseCommand

from attribution.retention import fold_old_attribution


class Command(BaseCommand):
    help = (
        "Fold attributed order lines older than ATTRIBUTION_RETENTION_DAYS into "
        "daily sales per callout, and delete them and old basket-line touches."
    )

    def handle(self, *args, **options):
        folded, touches = fold_old_attribution()
        self.stdout.write(
            f"Folded {folded} order line(s) and deleted {touches} basket-line "
            f"touch(es) older than {settings.ATTRIBUTION_RETENTION_DAYS} days."
        )
