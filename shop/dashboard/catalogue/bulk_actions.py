"""Oscar's dashboard bulk actions, whose ``QuerySet.update()`` of each row is
audit-logged."""

from oscar.apps.dashboard.catalogue import bulk_actions as core_bulk_actions

from shop.audit import logged_bulk_writes
from shop.partner.models import StockRecord


class MakePublicAction(core_bulk_actions.MakePublicAction):
    def execute(self, request, objects):
        with logged_bulk_writes(objects):
            super().execute(request, objects)


class MakeNonPublicAction(core_bulk_actions.MakeNonPublicAction):
    def execute(self, request, objects):
        with logged_bulk_writes(objects):
            super().execute(request, objects)


class MakeProductsPublicAction(core_bulk_actions.MakeProductsPublicAction):
    def execute(self, request, objects, form):
        with logged_bulk_writes(objects):
            super().execute(request, objects, form)


class MakeProductsNonPublicAction(core_bulk_actions.MakeProductsNonPublicAction):
    def execute(self, request, objects, form):
        with logged_bulk_writes(objects):
            super().execute(request, objects, form)


class SetProductPriceAction(core_bulk_actions.SetProductPriceAction):
    def execute(self, request, objects, form):
        with logged_bulk_writes(StockRecord.objects.filter(product__in=objects)):
            super().execute(request, objects, form)
