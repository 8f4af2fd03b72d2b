"""Turn an uploaded CSV or XLSX file into rows of text keyed by column name."""

import csv
import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field

from python_calamine import CalamineError, CalamineWorkbook, WorksheetNotFound, XmlError, ZipError

from mentorbank.core.refusals import Refused

from .messages import TEXTS, Message


class ImportFileError(Refused):
    """The file as a whole cannot be read; nothing is imported."""

    messages = {
        code: TEXTS[code]
        for code in (
            "unsupported_file_type",
            "wrong_encoding",
            "unreadable_csv",
            "unreadable_xlsx",
            "empty_file",
            "formulas_without_values",
        )
    }

    def stored(self) -> Message:
        """The refusal as an import keeps it, to be shown later in each reader's language."""
        return Message(self.code, **self.params)


@dataclass
class Table:
    columns: list[str]
    # (row number as a spreadsheet shows it, values by column)
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)


def normalise_header(value: object) -> str:
    return str(value or "").strip().lower().replace(" ", "_").replace("-", "_")


def read_table(content: bytes, filename: str) -> Table:
    name = filename.lower()
    if name.endswith(".csv") or name.endswith(".txt"):
        return read_csv(content)
    if name.endswith(".xlsx"):
        return read_xlsx(content)
    raise ImportFileError("unsupported_file_type")


def read_csv(content: bytes) -> Table:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError("wrong_encoding") from error
    if "\x00" in text:
        raise ImportFileError("wrong_encoding")
    first_line = text.split("\n", 1)[0]
    delimiter = max([";", ",", "\t"], key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, None)
        if not header or not any(cell.strip() for cell in header):
            raise ImportFileError("empty_file")
        columns = [normalise_header(cell) for cell in header]
        table = Table(columns=columns)
        for number, values in enumerate(reader, start=2):
            add_row(table, number, values)
    except csv.Error as error:
        raise ImportFileError("unreadable_csv", detail=str(error)) from error
    return table


def read_xlsx(content: bytes) -> Table:
    """The first sheet's values as the file saved them, read by calamine (Rust): 40,000 rows in about a
    second, where openpyxl took most of the preview's time."""
    try:
        sheet = CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0)
        rows = sheet.to_python(skip_empty_area=False)  # from A1, so that row numbers are the sheet's
    except (CalamineError, ZipError, XmlError, WorksheetNotFound, ValueError, OSError) as error:
        raise ImportFileError("unreadable_xlsx") from error
    header = rows[0] if rows else None
    if not header or not any(cell not in (None, "") for cell in header):
        raise ImportFileError("empty_file")
    table = Table(columns=[normalise_header(cell) for cell in header])
    for number, values in enumerate(rows[1:], start=2):
        add_row(table, number, [cell_text(cell) for cell in values])
    unsaved = formulas_without_values(content)
    if unsaved:
        shown = ", ".join(unsaved[:FORMULA_CELLS_SHOWN]) + (" …" if len(unsaved) > FORMULA_CELLS_SHOWN else "")
        raise ImportFileError("formulas_without_values", cells=shown)
    return table


FORMULA_CELLS_SHOWN = 5
# a cell of the sheet's XML that holds a formula (<f>…</f> or a shared <f …/>), with what follows it
FORMULA_CELL = re.compile(rb'<c r="([A-Z]+)(\d+)"[^>]*>((?:(?!</c>).)*?<f[ >/](?:(?!</c>).)*?)</c>', re.DOTALL)
SAVED_VALUE = re.compile(rb"<v>[^<]+</v>|<is>")


def formulas_without_values(content: bytes) -> list[str]:
    """Cells below the header holding a formula whose result the file did not save (a file written by a
    program, not by Excel): read as values they would be empty, and a required column reported empty
    instead. Found in the first sheet's XML; a file without formulas is not searched at all."""
    xml = first_sheet_xml(content)
    if b"<f" not in xml:
        return []
    return [
        f"{found.group(1).decode()}{int(found.group(2))}"
        for found in FORMULA_CELL.finditer(xml)
        if int(found.group(2)) >= 2 and not SAVED_VALUE.search(found.group(3))
    ]


def first_sheet_xml(content: bytes) -> bytes:
    """The XML of the workbook's first sheet, found through the workbook's own list of sheets."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        first = re.search(rb'<sheet\b[^>]*\br:id="([^"]+)"', archive.read("xl/workbook.xml"))
        path = "xl/worksheets/sheet1.xml"
        relations = archive.read("xl/_rels/workbook.xml.rels") if first else b""
        for element in re.findall(rb"<Relationship\b[^>]*>", relations):
            target = re.search(rb'Target="([^"]+)"', element)
            if first and b'Id="' + first.group(1) + b'"' in element and target:
                name = target.group(1).decode()
                path = name.lstrip("/") if name.startswith("/") else f"xl/{name}"
        return archive.read(path)


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def add_row(table: Table, number: int, values: list[str]) -> None:
    cleaned = [value.strip() for value in values]
    if not any(cleaned):
        return  # blank lines are not rows
    table.rows.append(
        (number, {column: cleaned[i] if i < len(cleaned) else "" for i, column in enumerate(table.columns)})
    )
