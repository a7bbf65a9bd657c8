"""The site's URL map; Wagtail's catch-all is last."""

from django.apps import apps
from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import TemplateView
from oscar.views.decorators import login_forbidden
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import Sitemap as PageSitemap
from wagtail.documents import urls as wagtaildocs_urls

from shop.customer.views import PasswordResetView
from shop.sitemaps import CategorySitemap, ProductSitemap
from site_project.sign_in.password_reset import AdminPasswordResetView
from site_project.views import healthz, visitor
from site_search import views as search_views

# Staff roles work in /cms/ and /shop/dashboard/; Django's admin is for
# superusers.
admin.site.has_permission = lambda request: (
    request.user.is_active and request.user.is_superuser
)

handler500 = "site_project.errors.server_error"

sitemaps = {
    "pages": PageSitemap,
    "products": ProductSitemap,
    "categories": CategorySitemap,
}

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("visitor/", visitor, name="visitor"),
    path("attribution/", include("attribution.urls")),
    path("django-admin/", admin.site.urls),
    # Before Wagtail's include: its password-reset page, throttled.
    path(
        "cms/password_reset/",
        AdminPasswordResetView.as_view(),
        name="wagtailadmin_password_reset",
    ),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("search/", include("site_search.urls")),
    # Before Oscar's include: its storefront search answers with the site's.
    path("shop/search/", search_views.shop_search_redirect, name="shop-search"),
    # Before Oscar's include: the password-reset page, throttled.
    path(
        "shop/password-reset/",
        login_forbidden(PasswordResetView.as_view()),
        name="password-reset",
    ),
    path("shop/", include(apps.get_app_config("oscar").urls[0])),
    path("staff/two-factor/", include("site_project.sign_in.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots-txt",
    ),
]

# Media files from runserver: static() adds nothing unless DEBUG is on.
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
urlpatterns += [path("", include(wagtail_urls))]
