"""Sitemap sections for the shop, combined with Wagtail's pages in urls.py."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap

from shop.catalogue.models import Category, Product


class SiteUrlSitemap(Sitemap):
    """Absolute URLs on SITE_URL whatever address was asked: its scheme here,
    its domain from the Site."""

    changefreq = "weekly"

    @property
    def protocol(self):
        return urlsplit(settings.SITE_URL).scheme


class ProductSitemap(SiteUrlSitemap):
    priority = 0.6
    limit = 5000

    def items(self):
        products = Product.objects.browsable().filter(is_public=True)
        return products.only("id", "slug", "date_updated").order_by("id")

    def lastmod(self, product):
        return product.date_updated


class CategorySitemap(SiteUrlSitemap):
    priority = 0.5

    def items(self):
        return Category.objects.filter(is_public=True).order_by("path")
