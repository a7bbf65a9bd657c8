import oscar.apps.dashboard.catalogue.apps as apps


class CatalogueDashboardConfig(apps.CatalogueDashboardConfig):
    """Forked so Oscar's ``get_class`` finds this fork's forms (which Oscar's
    formsets load too), bulk actions and views."""

    name = "shop.dashboard.catalogue"
