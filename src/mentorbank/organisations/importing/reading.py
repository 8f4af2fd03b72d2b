"""Turn an uploaded CSV or XLSX file into rows of text keyed by column name."""

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass, field

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

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
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as error:
        raise ImportFileError("unreadable_xlsx") from error
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
        if not header or not any(cell not in (None, "") for cell in header):
            raise ImportFileError("empty_file")
        table = Table(columns=[normalise_header(cell) for cell in header])
        for number, values in enumerate(rows, start=2):
            add_row(table, number, [cell_text(cell) for cell in values])
    finally:
        workbook.close()
    unsaved = formulas_without_values(content, table)
    if unsaved:
        shown = ", ".join(unsaved[:FORMULA_CELLS_SHOWN]) + (" …" if len(unsaved) > FORMULA_CELLS_SHOWN else "")
        raise ImportFileError("formulas_without_values", cells=shown)
    return table


FORMULA_CELLS_SHOWN = 5


def formulas_without_values(content: bytes, table: Table) -> list[str]:
    """Cells holding a formula whose result the file did not save (a file written by a program, not by
    Excel): read as values they would be empty, and a required column reported empty instead."""
    values = dict(table.rows)
    workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    unsaved = []
    try:
        for number, cells in enumerate(workbook.worksheets[0].iter_rows(min_row=2, values_only=True), start=2):
            row = values.get(number, {})
            for index, cell in enumerate(cells):
                column = table.columns[index] if index < len(table.columns) else ""
                if isinstance(cell, str) and cell.startswith("=") and not row.get(column):
                    unsaved.append(f"{get_column_letter(index + 1)}{number}")
    finally:
        workbook.close()
    return unsaved


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
