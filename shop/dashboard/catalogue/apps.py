import oscar.apps.dashboard.catalogue.apps as apps


class CatalogueDashboardConfig(apps.CatalogueDashboardConfig):
    name = "shop.dashboard.catalogue"

    def ready(self):
        super().ready()
        # Oscar's get_class resolves "dashboard.catalogue.*" through the
        # parent app labelled "dashboard" (not forked), so modules in this
        # fork are not picked up by name: the product view is given the
        # cleaned rich text, the size- and format-checked image formset and
        # the stock record formset with the "was" price here; the category
        # views the form with cleaned descriptions.
        from .forms import CategoryForm, ProductForm
        from .formsets import ProductImageFormSet, StockRecordFormSet

        base_view = self.product_createupdate_view
        self.product_createupdate_view = type(
            base_view.__name__,
            (base_view,),
            {
                "form_class": ProductForm,
                "image_formset": ProductImageFormSet,
                "stockrecord_formset": StockRecordFormSet,
            },
        )
        for name in ("category_create_view", "category_update_view"):
            base_view = getattr(self, name)
            setattr(
                self,
                name,
                type(base_view.__name__, (base_view,), {"form_class": CategoryForm}),
            )
