"""Error pages that never touch the database.

``server_error`` is the project's handler500. When the exception being
handled is a database connection failure it answers 503 with Retry-After
instead, so a visitor sees "back in a moment", not "something broke".
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

logger = logging.getLogger("site_project.errors")

RETRY_AFTER_SECONDS = 30
DATABASE_ERRORS = (OperationalError, InterfaceError)


def render_static(template_name, status):
    """Render a template with an empty context: no context processors run,
    so no session, basket or settings query can fail while rendering it."""
    body = loader.get_template(template_name).render({})
    return HttpResponse(body, status=status, content_type="text/html; charset=utf-8")


def service_unavailable_response(exception=None):
    if exception is not None:
        # The details go to the server log only, never to the visitor.
        logger.error("Database unavailable: %r", exception)
    response = render_static("503.html", status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def permission_denied_response(request):
    return render_static("403.html", status=403)


def server_error(request):
    """handler500: a static 500 page, or the 503 page for a database outage."""
    exception = sys.exc_info()[1]
    if isinstance(exception, DATABASE_ERRORS):
        return service_unavailable_response(exception)
    return render_static("500.html", status=500)
