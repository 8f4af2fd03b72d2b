"""Checks of single cell values, shared by both import kinds."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from ..validators import parse_languages
from .plan import RowResult

FINNISH_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def required(result: RowResult, values: dict[str, str], column: str, limit: int) -> str:
    value = values.get(column, "")
    if not value:
        result.fail("missing_value", column=column)
    return optional(result, values, column, limit)


def optional(result: RowResult, values: dict[str, str], column: str, limit: int) -> str:
    value = values.get(column, "")
    if len(value) > limit:
        result.fail("too_long", column=column, limit=limit)
        return value[:limit]
    return value


def email(result: RowResult, value: str) -> str:
    value = value.lower()
    if value:
        try:
            validate_email(value)
        except ValidationError:
            result.fail("invalid_email", value=value)
    return value


def date(result: RowResult, value: str) -> datetime.date | None:
    if not value:
        return None
    try:
        match = FINNISH_DATE.match(value)
        if match:
            return datetime.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        result.fail("invalid_date", value=value)
        return None


def tags(result: RowResult, value: str) -> str:
    """HR tags: words separated by commas or semicolons, kept lower case and sorted, without repeats."""
    words = sorted({word.strip().lower() for word in value.replace(";", ",").split(",") if word.strip()})
    joined = ",".join(words)
    if len(joined) > 200:
        result.fail("too_long", column="hr_tags", limit=200)
        return ""
    return joined


def languages(result: RowResult, value: str) -> str:
    try:
        return ",".join(parse_languages(value))
    except ValueError as error:
        result.fail("invalid_languages", value=str(error))
        return ""
