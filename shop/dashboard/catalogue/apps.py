import oscar.apps.dashboard.catalogue.apps as apps


class CatalogueDashboardConfig(apps.CatalogueDashboardConfig):
    """Oscar's catalogue dashboard; Oscar's views pick up this fork's forms
    (cleaned rich text), formsets (checked images, the "was" price) and
    views by name through ``get_class``."""

    name = "shop.dashboard.catalogue"
