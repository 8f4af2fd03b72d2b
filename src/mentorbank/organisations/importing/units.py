"""Plan and apply an import of the unit tree, upserting by unit ID."""

from dataclasses import dataclass

from ..kept import people_changed
from ..models import Organisation, Unit
from . import fields
from .messages import Message
from .plan import CHANGED, ERROR, NEW, ImportPlan, RowResult, check_required_columns, find_cycles, mark_duplicates
from .reading import Table

REQUIRED = ["unit_id", "name"]
OPTIONAL = ["parent_unit_id"]


@dataclass
class UnitRow:
    result: RowResult
    code: str
    name: str
    parent: str | None  # None when the file has no parent column


def plan_unit_import(organisation: Organisation, table: Table) -> ImportPlan:
    plan = ImportPlan(kind="units")
    if not check_required_columns(plan, table.columns, REQUIRED, OPTIONAL):
        return plan
    if not table.rows:
        plan.file_errors.append(Message("no_rows"))
        return plan
    has_parent = "parent_unit_id" in table.columns
    rows = []
    for number, raw in table.rows:
        result = RowResult(row=number, key=raw.get("unit_id", ""))
        rows.append(
            UnitRow(
                result=result,
                code=fields.required(result, raw, "unit_id", 50),
                name=fields.required(result, raw, "name", 200),
                parent=fields.optional(result, raw, "parent_unit_id", 50) if has_parent else None,
            )
        )
    plan.rows = [row.result for row in rows]
    mark_duplicates(plan.rows, [row.code for row in rows], "duplicate_id")
    stored = {
        code: {"name": name, "parent": parent or ""}
        for code, name, parent in organisation.units.values_list("code", "name", "parent__code")
    }
    check_parents(rows, stored)
    for row in rows:
        if row.result.status == ERROR:
            continue
        current = stored.get(row.code)
        if current is None:
            row.result.status = NEW
            continue
        row.result.changes = [c for c in ("name",) if row.name != current["name"]]
        if row.parent is not None and row.parent != current["parent"]:
            row.result.changes.append("parent_unit_id")
        if row.result.changes:
            row.result.status = CHANGED
    if plan.is_valid:
        plan.apply_steps = lambda actor: apply(organisation, rows)
    return plan


def check_parents(rows: list[UnitRow], stored: dict[str, dict[str, str]]) -> None:
    known = set(stored) | {row.code for row in rows}
    parent_of: dict[str, str | None] = {code: values["parent"] or None for code, values in stored.items()}
    for row in rows:
        if row.parent and row.parent not in known:
            row.result.fail("unknown_parent", value=row.parent)
            continue
        if row.parent is not None:
            parent_of[row.code] = row.parent or None
    cycles = find_cycles(parent_of)
    for row in rows:
        loop = cycles.get(row.code)
        if loop:
            start = loop.index(row.code)
            row.result.fail("parent_cycle", chain=" → ".join(loop[start:] + loop[:start] + [row.code]))


def apply(organisation: Organisation, rows: list[UnitRow]) -> None:
    by_code = {unit.code: unit for unit in organisation.units.all()}
    new_units = [
        Unit(organisation=organisation, code=row.code, name=row.name) for row in rows if row.code not in by_code
    ]
    Unit.objects.bulk_create(new_units)
    by_code = {unit.code: unit for unit in organisation.units.all()}
    changed = []
    for row in rows:
        unit = by_code[row.code]
        unit.name = row.name
        if row.parent is not None:
            unit.parent_id = by_code[row.parent].pk if row.parent else None
        changed.append(unit)
    Unit.objects.bulk_update(changed, ["name", "parent"], batch_size=1000)
    people_changed(organisation.pk)  # bulk writes send no signals
