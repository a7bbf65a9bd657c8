import oscar.apps.dashboard.catalogue.apps as apps


class CatalogueDashboardConfig(apps.CatalogueDashboardConfig):
    name = "shop.dashboard.catalogue"

    def ready(self):
        super().ready()
        # Oscar's get_class resolves "dashboard.catalogue.*" through the
        # parent app labelled "dashboard" (not forked), so modules in this
        # fork are not picked up by name: the product view is given the
        # cleaned description and the size- and format-checked image formset
        # here.
        from .forms import ProductForm
        from .formsets import ProductImageFormSet

        base_view = self.product_createupdate_view
        self.product_createupdate_view = type(
            base_view.__name__,
            (base_view,),
            {"form_class": ProductForm, "image_formset": ProductImageFormSet},
        )
