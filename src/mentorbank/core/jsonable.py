"""Figures and rows as plain JSON values: money as numbers, dates as ISO text, translated labels as
text, a page of a list as its position."""

import datetime
from decimal import Decimal
from typing import Any

from django.core.paginator import Page
from django.utils.functional import Promise


def plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, Page):
        return {"number": value.number, "pages": value.paginator.num_pages, "count": value.paginator.count}
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime.date):  # datetimes too
        return value.isoformat()
    if isinstance(value, Promise):
        return str(value)
    return value
