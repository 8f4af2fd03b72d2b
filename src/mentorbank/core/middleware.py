"""Turns a refusal that a page did not handle itself into a message on the page the person came from."""

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme

from .refusals import Refused


class RefusalMiddleware:
    """Any `Refused` escaping a page's view (the request's transaction has rolled back by then, so
    nothing of it was saved) becomes an error message and a redirect back: to the page the form was
    on when the browser says so and it is ours, else to the same address. The API answers refusals
    itself (422)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, Refused) or request.path.startswith("/api/"):
            return None
        messages.error(request, exception.message)
        back = request.headers.get("referer", "")
        if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
            back = request.get_full_path()
        return HttpResponseRedirect(back, status=303)
