"""The server error page: when the database is away (a restart, a failover) the visitor gets
"503, try again in a moment" in their language instead of a bare 500. Rendered without the
request's context processors, which would need the database."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

RETRY_AFTER_SECONDS = 5


def server_error(request: HttpRequest) -> HttpResponse:
    error = sys.exc_info()[1]  # Django calls this while handling the exception
    unavailable = isinstance(error, OperationalError | InterfaceError)
    status = 503 if unavailable else 500
    if unavailable:
        message = _("The service is unavailable for a moment. Please try again in a few seconds.")
    else:
        message = _("Something went wrong on our side. The error was recorded; please try again later.")
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse({"detail": message}, status=status)
    else:
        page = render_to_string("core/server_error.html", {"message": message, "status": status})
        response = HttpResponse(page, status=status)
    if unavailable:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
