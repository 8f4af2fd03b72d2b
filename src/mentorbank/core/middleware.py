"""Page-wide middleware: a refusal that a page did not handle itself becomes a message on the page the
person came from; every table gets a region of its own that scrolls sideways."""

import re
from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext

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


# a whole table (tables are never nested here), with its caption if it has one
TABLE = re.compile(r"<table>(?:\s*<caption[^>]*>(.*?)</caption>)?.*?</table>", re.DOTALL)
TAGS = re.compile(r"<[^>]+>")


class ScrollableTables:
    """Every table of every page sits in a region of its own that scrolls sideways and that the keyboard
    can reach (WCAG 1.4.10 and 2.1.1): on a phone a wide table scrolls, never the page. The region is
    named by the table's caption. One pass over the page's HTML, in one place, for every template."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.streaming
            or not response.get("Content-Type", "").startswith("text/html")
            or b"<table>" not in response.content
        ):
            return response
        response.content = TABLE.sub(wrap, response.content.decode(response.charset))
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        return response


def wrap(found: re.Match[str]) -> str:
    name = " ".join(TAGS.sub("", found.group(1) or "").split()) or gettext("Table")
    return f'<div class="table-wrap" tabindex="0" role="group" aria-label="{name}">{found.group(0)}</div>'
