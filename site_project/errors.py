"""Error pages that never touch the database; handler500 answers a database
outage with 503 and Retry-After ("back in a moment", not "something broke")."""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

logger = logging.getLogger(__name__)


def render_static(template_name, status):
    """Render with an empty context: no context processor, so no query."""
    body = loader.get_template(template_name).render({})
    return HttpResponse(body, status=status, content_type="text/html; charset=utf-8")


def service_unavailable_response(exception):
    logger.error("Database unavailable: %r", exception)
    response = render_static("503.html", status=503)
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response


def server_error(request):
    """handler500: a static 500 page, or the 503 page for a database outage."""
    exception = sys.exc_info()[1]
    if isinstance(exception, (OperationalError, InterfaceError)):
        return service_unavailable_response(exception)
    return render_static("500.html", status=500)
