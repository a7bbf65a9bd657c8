"""Project middleware: Cache-Control for shared caches, the
Content-Security-Policy chosen by path, a 503 page while the database is
unreachable, and a 403 for signed-in users whom an admin would otherwise
bounce back to its login page."""

from csp.constants import HEADER, SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.contrib import messages
from django.db import InterfaceError, OperationalError
from django.urls import reverse
from django.utils.cache import patch_cache_control

from site_project.errors import permission_denied_response, service_unavailable_response

# Wagtail's admin (Stimulus controllers plus some inline <script> and style
# attributes in its templates and in StreamField/Draftail widgets), Oscar's
# dashboard (inline `$(function(){ oscar.dashboard.init() })` blocks, TinyMCE
# inline styles) and Django's admin cannot run under a nonce-only policy.
# These areas are only reachable by signed-in staff, so they get inline
# script and style, blob: images for upload previews, and may frame themselves
# (Wagtail's live preview is an iframe of /cms/... inside /cms/...).
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
    """django-csp's middleware with the looser admin policy on admin paths.

    The public site keeps the strict policy from settings: scripts only from
    this origin or carrying the per-request nonce.
    """

    def process_response(self, request, response):
        # Wagtail's live preview renders the page through a dummy request for
        # its public URL and the whole middleware chain, which stamps the
        # public policy (frame-ancestors 'none') on the response; served
        # under /cms/ inside the preview iframe, it must get the admin policy.
        if is_admin_path(request.path_info) and not getattr(
            response, "_csp_exempt", False
        ):
            del response[HEADER]
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if is_admin_path(request.path_info):
            replace = dict(parts.replace or {})
            for directive, sources in ADMIN_POLICY_OVERRIDES.items():
                replace.setdefault(directive, sources)
            # A nonce next to 'unsafe-inline' makes browsers ignore the latter.
            return PolicyParts(parts.config, parts.update, replace, nonce=None)
        return parts


# The views whose pages are the same bytes for every anonymous visitor.
PUBLIC_VIEWS = frozenset(
    {
        "wagtail_serve",
        "catalogue:index",
        "catalogue:detail",
        "catalogue:category",
        "site_search:results",
        "site_search:suggest",
        "sitemap",
        "robots-txt",
    }
)


def is_public_request(request):
    """An anonymous GET or HEAD of a public view, outside Wagtail's preview."""
    match = request.resolver_match
    return (
        request.method in ("GET", "HEAD")
        and match is not None
        and match.view_name in PUBLIC_VIEWS
        and not getattr(request, "is_preview", False)
        and not request.user.is_authenticated
    )


class CacheHeadersMiddleware:
    """``Cache-Control`` that lets a shared cache (Varnish, a CDN) keep public
    pages, and ``private, no-store`` on every other response that does not
    set its own.

    ``request.public_page`` tells templates, before they render, that the
    page will be shared: nothing of the visitor's (CSRF token, messages,
    basket, nonce) may go into it; ``static/js/site.js`` fetches those from
    ``/visitor/``. A public page that sets a cookie anyway is sent private.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
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
        request.public_page = is_public_request(request)


class DatabaseUnavailableMiddleware:
    """Answer 503 (short static page, Retry-After) when the database is down.

    Catches the error raised by a view; errors raised by other middleware
    (sessions, basket) reach ``site_project.errors.server_error`` instead,
    which gives the same answer.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, (OperationalError, InterfaceError)):
            return service_unavailable_response(exception)
        return None


class AdminPermissionDeniedMiddleware:
    """Answer 403 where an admin would bounce a signed-in user instead.

    Wagtail's admin and Django's admin answer a signed-in user who may not
    enter with a redirect to their own login form (a loop for that user), and
    Wagtail answers a missing permission inside its admin with a redirect to
    its dashboard plus an error message. Both become a plain 403 page here.
    Anonymous visitors still get the redirect to the login page.
    """

    LOGIN_URL_NAMES = {"/cms/": "wagtailadmin_login", "/django-admin/": "admin:login"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 302 or not request.user.is_authenticated:
            return response
        location = response.get("Location", "")
        for prefix, login_url_name in self.LOGIN_URL_NAMES.items():
            if request.path_info.startswith(prefix) and location.startswith(
                reverse(login_url_name)
            ):
                return permission_denied_response(request)
        if (
            request.path_info.startswith("/cms/")
            and location == reverse("wagtailadmin_home")
            and self.pop_queued_errors(request)
        ):
            return permission_denied_response(request)
        return response

    @staticmethod
    def pop_queued_errors(request):
        """Remove and return the error messages this request queued.

        Django's message storage keeps what a request added in
        ``_queued_messages`` until the response is processed; the 403 page
        replaces Wagtail's "Sorry, you do not have permission" message, so
        it must not show up again on the next page.
        """
        storage = getattr(request, "_messages", None)
        queued = getattr(storage, "_queued_messages", None)
        if not queued:
            return []
        errors = [message for message in queued if message.level == messages.ERROR]
        storage._queued_messages = [m for m in queued if m.level != messages.ERROR]
        return errors
