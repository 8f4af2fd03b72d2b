"""Import messages are stored as codes and shown in the reader's language."""

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

TEXTS = {
    "unsupported_file_type": _("Upload a .csv or .xlsx file."),
    "wrong_encoding": _(
        "The file is not in UTF-8 encoding. In Excel, choose “Save as” and the type “CSV UTF-8 (comma delimited)”."
    ),
    "unreadable_csv": _("The CSV file cannot be read: %(detail)s"),
    "unreadable_xlsx": _("The file is not a readable Excel (.xlsx) workbook."),
    "empty_file": _("The file has no header row. The first row must name the columns."),
    "formulas_without_values": _(
        "The file has formulas whose results were not saved (cells %(cells)s), so their values cannot be "
        "read. Open the file in Excel and save it again, or copy the cells and paste them as values only "
        "(Paste Special → Values), then upload it again."
    ),
    "no_rows": _("The file has a header row but no data rows."),
    "too_large": _("The file is larger than %(limit)s MB."),
    "missing_columns": _("These required columns are missing: %(columns)s."),
    "duplicate_columns": _("These columns appear more than once: %(columns)s."),
    "missing_value": _("The column “%(column)s” is empty."),
    "too_long": ngettext_lazy(
        "The value of “%(column)s” is longer than %(limit)s character.",
        "The value of “%(column)s” is longer than %(limit)s characters.",
        "limit",
    ),
    "invalid_email": _("“%(value)s” is not a valid e-mail address."),
    "invalid_date": _("“%(value)s” is not a date. Write dates as 2025-08-31 or 31.8.2025."),
    "invalid_languages": _("Unknown language code “%(value)s”. Use fi, sv and en, separated by commas."),
    "duplicate_id": _("The ID %(value)s appears also on row %(other_row)s."),
    "duplicate_email": _("The e-mail address %(value)s appears also on row %(other_row)s."),
    "email_taken": _("The e-mail address %(value)s already belongs to the employee with ID %(other_id)s."),
    "unknown_unit": _("There is no unit with the ID %(value)s. Import the units first."),
    "unknown_supervisor": _("There is no employee with the ID %(value)s to be the supervisor."),
    "unknown_parent": _("There is no unit with the ID %(value)s to be the parent unit."),
    "supervisor_cycle": _("The supervisor chain loops back to this person: %(chain)s."),
    "parent_cycle": _("The unit tree loops back to this unit: %(chain)s."),
}

FIELD_LABELS = {
    "personal_id": _("personal ID"),
    "first_name": _("first name"),
    "last_name": _("last name"),
    "email": _("work e-mail"),
    "unit_id": _("unit"),
    "job_title": _("job title"),
    "profession_group": _("profession group"),
    "supervisor_id": _("supervisor"),
    "start_date": _("start date"),
    "languages": _("languages"),
    "work_location": _("work location"),
    "hr_tags": _("HR tags"),
    "name": _("name"),
    "parent_unit_id": _("parent unit"),
}


@dataclass(frozen=True)
class Message:
    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def __init__(self, code: str, **params: Any) -> None:
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "params", params)

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "params": self.params}


def render(message: dict[str, Any]) -> str:
    """A stored message in the active language."""
    text = TEXTS[message["code"]]
    params = message.get("params", {})
    return text % params if params else str(text)
