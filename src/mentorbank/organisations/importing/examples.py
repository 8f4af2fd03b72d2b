"""Downloadable templates for the HR import, with one example row each."""

import csv
import io

from mentorbank.core.downloads import xlsx_bytes

from . import employees, units

EXAMPLES = {
    "units": (
        units.REQUIRED + units.OPTIONAL,
        [
            ["SIV", "Education services", ""],
            ["VAKA", "Early childhood education", "SIV"],
            ["VAKA-PIKKU", "Daycare Pikkulintu", "VAKA"],
        ],
    ),
    "employees": (
        employees.REQUIRED + employees.OPTIONAL,
        [
            [
                "100234",
                "Aino",
                "Virtanen",
                "aino.virtanen@example.fi",
                "VAKA-PIKKU",
                "Early childhood teacher",
                "Teachers",
                "100101",
                "2024-08-01",
                "fi,sv",
                "Pikkulintu",
            ]
        ],
    ),
}


def template_csv(kind: str) -> bytes:
    columns, rows = EXAMPLES[kind]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def template_xlsx(kind: str) -> bytes:
    columns, rows = EXAMPLES[kind]
    return xlsx_bytes(kind, columns, rows)
