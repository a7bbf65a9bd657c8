"""Cache-Control for shared caches, the Content-Security-Policy by path, a 503
while the database is unreachable, and a 403 where an admin would loop."""

from csp.constants import HEADER, SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.contrib import messages
from django.db import InterfaceError, OperationalError
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.deprecation import MiddlewareMixin

from site_project.errors import render_static, service_unavailable_response

# The admins' templates and widgets use inline script and style, so these
# staff-only areas cannot run under a nonce-only policy; Wagtail's live
# preview frames /cms/ inside /cms/.
ADMIN_PATH_PREFIXES = ("/cms/", "/shop/dashboard/", "/django-admin/")
ADMIN_POLICY_OVERRIDES = {
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "style-src-attr": [UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "frame-src": [SELF],
    "frame-ancestors": [SELF],
}


def is_admin_path(path):
    return path.startswith(ADMIN_PATH_PREFIXES)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with the looser admin policy on admin paths."""

    def process_response(self, request, response):
        # Wagtail's preview renders a public page through the whole chain,
        # which stamps the public policy on it; under /cms/ it gets the admin's.
        if is_admin_path(request.path_info):
            response.headers.pop(HEADER, None)
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if is_admin_path(request.path_info):
            parts.replace = {**ADMIN_POLICY_OVERRIDES, **(parts.replace or {})}
            # A nonce next to 'unsafe-inline' makes browsers ignore the latter.
            parts.nonce = None
        return parts


# The views whose pages are the same bytes for every anonymous visitor.
PUBLIC_VIEWS = {
    "wagtail_serve",
    "catalogue:index",
    "catalogue:detail",
    "catalogue:category",
    "site_search:results",
    "site_search:suggest",
    "sitemap",
    "robots-txt",
}


class CacheHeadersMiddleware(MiddlewareMixin):
    """Shared-cache ``Cache-Control`` on public pages (``request.public_page``
    tells templates to leave the visitor's part to ``/visitor/``), ``private,
    no-store`` on the rest, including public pages that set a cookie."""

    def process_response(self, request, response):
        if response.has_header("Cache-Control"):
            return response
        if (
            getattr(request, "public_page", False)
            and response.status_code == 200
            and not response.cookies
        ):
            patch_cache_control(
                response,
                public=True,
                max_age=0,
                s_maxage=settings.PUBLIC_PAGE_SECONDS,
                stale_while_revalidate=settings.PUBLIC_PAGE_STALE_SECONDS,
            )
        else:
            patch_cache_control(response, private=True, no_store=True)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        request.public_page = (
            request.method in ("GET", "HEAD")
            and request.resolver_match.view_name in PUBLIC_VIEWS
            and not getattr(request, "is_preview", False)
            and not request.user.is_authenticated
        )


class DatabaseUnavailableMiddleware(MiddlewareMixin):
    """503 when a view finds the database down."""

    def process_exception(self, request, exception):
        if isinstance(exception, (OperationalError, InterfaceError)):
            return service_unavailable_response(exception)
        return None


class AdminPermissionDeniedMiddleware(MiddlewareMixin):
    """403 for a signed-in user whom an admin would redirect to its login
    (a loop) or, in Wagtail, to its dashboard with an error message."""

    LOGIN_URL_NAMES = {"/cms/": "wagtailadmin_login", "/django-admin/": "admin:login"}

    def process_response(self, request, response):
        if response.status_code != 302 or not request.user.is_authenticated:
            return response
        location = response.get("Location", "")
        for prefix, login_url_name in self.LOGIN_URL_NAMES.items():
            if request.path_info.startswith(prefix) and location.startswith(
                reverse(login_url_name)
            ):
                return render_static("403.html", status=403)
        if (
            request.path_info.startswith("/cms/")
            and location == reverse("wagtailadmin_home")
            and self.drop_queued_errors(request)
        ):
            return render_static("403.html", status=403)
        return response

    @staticmethod
    def drop_queued_errors(request):
        """Drop this request's error messages (the 403 says it); True if any."""
        storage = messages.get_messages(request)
        queued = storage._queued_messages
        storage._queued_messages = [m for m in queued if m.level != messages.ERROR]
        return len(storage._queued_messages) < len(queued)
