"""Tables as downloads: CSV (semicolons, as Finnish spreadsheets expect) and XLSX, as attachments."""

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse, HttpResponseRedirect
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def csv_text(headers: Sequence[object], rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue()


def xlsx_bytes(title: str, headers: Sequence[object], rows: Iterable[Sequence[object]]) -> bytes:
    return xlsx_book([(title, headers, rows)])


def xlsx_book(sheets: Iterable[tuple[str, Sequence[object], Iterable[Sequence[object]]]]) -> bytes:
    """One sheet per (title, headers, rows), named by its title as Excel allows."""
    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for title, headers, rows in sheets:
        sheet = book.create_sheet(sheet_title(str(title), used))
        sheet.append([cell(str(h)) for h in headers])
        for row in rows:
            sheet.append([cell(value) for value in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def cell(value: object) -> object:
    """Text without the control characters XLSX cannot hold (free text may carry them)."""
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def sheet_title(title: str, used: set[str]) -> str:
    """At most 31 characters, none of : \\ / ? * [ ], and unique in the workbook (Excel's rules)."""
    base = re.sub(r"[:\\/?*\[\]]", "-", str(cell(title))).strip()[:31] or "-"
    name, number = base, 2
    while name.lower() in used:
        suffix = f" ({number})"
        name, number = base[: 31 - len(suffix)] + suffix, number + 1
    used.add(name.lower())
    return name


def csv_tables(tables: Iterable[tuple[str, Sequence[object], Iterable[Sequence[object]]]]) -> str:
    """Several tables in one CSV: each is its title on a row, its headers, its rows and an empty row."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    for title, headers, rows in tables:
        writer.writerow([title])
        writer.writerow(headers)
        writer.writerows(rows)
        writer.writerow([])
    return out.getvalue()


def attachment(content: str | bytes, filename: str) -> HttpResponse:
    """A download named `filename`; the type follows its extension (csv or xlsx)."""
    response = HttpResponse(content, content_type=CONTENT_TYPES[filename.rsplit(".", 1)[-1]])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def stored_file_or_link(item: Any) -> HttpResponse:
    """A material-like row (`link`, `filename`, `content_type`, `content`): its file as a download, its
    content read only now (lists defer it), or a redirect to its link when it is one."""
    if item.link and not item.filename:
        return HttpResponseRedirect(item.link)
    content = type(item).objects.values_list("content", flat=True).get(pk=item.pk)
    response = HttpResponse(bytes(content), content_type=item.content_type)
    response["Content-Disposition"] = f'attachment; filename="{item.filename}"'
    return response
