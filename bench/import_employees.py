"""Benchmark: the HR import of a 40,000-employee organisation.

Generates the demo world's units and employees as CSV (and XLSX), then times
the dry-run preview and the apply, a second unchanged import, and reading the
XLSX version. Prints rows, seconds and peak memory (RSS) for each step.

    .venv/bin/python bench/import_employees.py [--employees 40000] [--xlsx]

Runs on a fresh SQLite database in a temporary folder, or on DATABASE_URL
(its test_ database is created and dropped, as in the test suite).
"""

import argparse
import csv
import io
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from database import benchmark_database  # noqa: E402


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def as_csv(rows: list[dict[str, str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def as_xlsx(rows: list[dict[str, str]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(list(rows[0]))
    for row in rows:
        sheet.append(list(row.values()))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=40000)
    parser.add_argument("--xlsx", action="store_true", help="also time the same import from an XLSX file")
    args = parser.parse_args()

    with benchmark_database():
        run(args)


def step(name: str, rows: int, started: float) -> None:
    seconds = time.perf_counter() - started
    print(f"{name:<34} rows={rows:>6}  seconds={seconds:7.2f}  peak_rss_mb={peak_rss_mb():7.1f}", flush=True)


def run(args: argparse.Namespace) -> None:
    from django.db import connection, transaction

    from mentorbank.organisations.demo import generate
    from mentorbank.organisations.importing.employees import plan_employee_import
    from mentorbank.organisations.importing.reading import read_table
    from mentorbank.organisations.importing.units import plan_unit_import
    from mentorbank.organisations.models import Organisation

    world = generate(
        seed=1,
        employees=args.employees,
        domain="suurkaupunki.example",
        id_prefix="S",
        location="Suurkaupunki",
        root_name="Suurkaupunki",
    )
    organisation = Organisation.objects.create(name="Suurkaupunki", slug="suurkaupunki", business_id="1234567-1")
    print(f"database={connection.vendor}  employees={len(world.employees)}  units={len(world.units)}")
    units = plan_unit_import(organisation, read_table(as_csv(world.units), "units.csv"))
    with transaction.atomic():
        units.apply_steps(None)
    content = as_csv(world.employees)
    print(f"csv_bytes={len(content)}")

    started = time.perf_counter()
    plan = plan_employee_import(organisation, read_table(content, "employees.csv"))
    assert plan.is_valid, plan.to_json()["rows"][:3]
    step("preview (read + check + diff)", len(plan.rows), started)

    started = time.perf_counter()
    plan = plan_employee_import(organisation, read_table(content, "employees.csv"))
    with transaction.atomic():
        plan.apply_steps(None)
    step("import (preview + write all)", len(plan.rows), started)
    assert organisation.employees.count() == len(world.employees)

    started = time.perf_counter()
    plan = plan_employee_import(organisation, read_table(content, "employees.csv"))
    assert plan.counts()["unchanged"] == len(world.employees)
    step("re-import, nothing changed", len(plan.rows), started)

    if args.xlsx:
        workbook = as_xlsx(world.employees)
        started = time.perf_counter()
        plan = plan_employee_import(organisation, read_table(workbook, "employees.xlsx"))
        assert plan.counts()["unchanged"] == len(world.employees)
        step("preview from XLSX", len(plan.rows), started)


if __name__ == "__main__":
    main()
