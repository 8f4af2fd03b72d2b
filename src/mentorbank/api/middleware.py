"""Numbers past what the database can hold never reach it (fuzzing sent IDs of 2^63 and more):
SQLite overflows and PostgreSQL aborts the transaction, so they are answered here, as not found."""

import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext

INTEGER = re.compile(r"-?\d+")
LIMIT = 2**63


def too_big(value: str) -> bool:
    return bool(INTEGER.fullmatch(value)) and abs(int(value)) >= LIMIT


class RefuseHugeNumbers:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/"):
            values = request.path.split("/") + [v for vs in request.GET.lists() for v in vs[1]]
            if any(too_big(v.strip()) for v in values):
                return JsonResponse({"detail": gettext("Not found.")}, status=404)
        return self.get_response(request)
