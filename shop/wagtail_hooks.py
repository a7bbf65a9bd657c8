from wagtail import hooks
from wagtail.admin.admin_url_finder import register_admin_url_finder

from shop.catalogue.models import Category, Product
from shop.choosers import (
    CategoryAdminURLFinder,
    ProductAdminURLFinder,
    category_chooser_viewset,
    product_chooser_viewset,
)

register_admin_url_finder(Product, ProductAdminURLFinder)
register_admin_url_finder(Category, CategoryAdminURLFinder)


@hooks.register("register_admin_viewset")
def register_choosers():
    return [product_chooser_viewset, category_chooser_viewset]
