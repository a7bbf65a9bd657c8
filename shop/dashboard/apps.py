import oscar.apps.dashboard.apps as apps


class DashboardConfig(apps.DashboardConfig):
    """Forked so Oscar's class loader finds the forked dashboard sub-apps'
    modules (it resolves ``dashboard.orders.views`` through this app)."""

    name = "shop.dashboard"
