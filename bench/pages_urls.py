"""Mentor Bank's URLs and `/bench/hello/`, a bare Django view, for bench/pages.py."""

from collections.abc import Callable

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.urls import path

from mentorbank.urls import urlpatterns as mentorbank_urlpatterns


def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Hello")


def count_queries(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[[HttpRequest], HttpResponse]:
    def middleware(request: HttpRequest) -> HttpResponse:
        count = 0

        def counted(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counted):
            response = get_response(request)
        response["X-Queries"] = str(count)
        return response

    return middleware


urlpatterns = [path("bench/hello/", hello), *mentorbank_urlpatterns]
