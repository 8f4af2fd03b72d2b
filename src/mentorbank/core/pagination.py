from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet, Window
from django.http import HttpRequest


def paginate(request: HttpRequest, items: Any, per_page: int = 50) -> Page:
    """The page the request asks for; a wrong page number gives the nearest page."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))


def query_without_page(request: HttpRequest) -> str:
    """The current filters as a query string, for the pager's links."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


class CountedWithPage(Paginator):
    """Counts in the page's own query (COUNT(*) OVER ()): a costly search runs once, not once more
    for the count. Past the last page it counts as usual and shows the last page."""

    def __init__(self, items: QuerySet[Any], per_page: int) -> None:
        super().__init__(items.annotate(full_count=Window(Count("pk"))), per_page)

    def get_page(self, number: Any) -> Page:
        try:
            number = max(1, int(number))
        except (TypeError, ValueError):
            number = 1
        rows = list(self.object_list[(number - 1) * self.per_page : number * self.per_page])
        if rows or number == 1:
            self.__dict__["count"] = rows[0].full_count if rows else 0  # Paginator.count is a cached property
            return Page(rows, number, self)
        return super().get_page(number)


def paginate_counted(request: HttpRequest, items: QuerySet[Any], per_page: int = 50) -> Page:
    """`paginate` for a query whose every run is costly (a ranked search)."""
    return CountedWithPage(items, per_page).get_page(request.GET.get("page"))
