"""Forked product attributes container: attribute values audit-logged."""

from oscar.apps.catalogue import product_attributes as core_product_attributes

from shop.audit import logged_bulk_writes


class ProductAttributesContainer(core_product_attributes.ProductAttributesContainer):
    def save(self):
        with logged_bulk_writes(self.product.attribute_values.all()):
            super().save()
