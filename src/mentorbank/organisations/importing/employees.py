"""Plan and apply an import of employees, upserting by the HR personal ID."""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.hashers import make_password

from mentorbank.accounts.models import User
from mentorbank.core import audit

from ..kept import people_changed
from ..models import Employee, Organisation, ProfessionGroup
from . import fields
from .messages import Message
from .plan import CHANGED, ERROR, NEW, ImportPlan, RowResult, check_required_columns, find_cycles, mark_duplicates
from .reading import Table

REQUIRED = ["personal_id", "first_name", "last_name", "email", "unit_id"]
OPTIONAL = [
    "job_title",
    "profession_group",
    "supervisor_id",
    "start_date",
    "languages",
    "work_location",
    "hr_tags",
]
# Row values compared with what is stored, by column.
COMPARED = ["first_name", "last_name", "email", "unit_id", *OPTIONAL]


@dataclass
class EmployeeRow:
    result: RowResult
    values: dict[str, Any]  # column -> cleaned value; only the columns the file has

    @property
    def personal_id(self) -> str:
        return str(self.values["personal_id"])


def parse_row(number: int, raw: dict[str, str], columns: set[str]) -> EmployeeRow:
    result = RowResult(row=number, key=raw.get("personal_id", ""))
    values: dict[str, Any] = {
        "personal_id": fields.required(result, raw, "personal_id", 50),
        "first_name": fields.required(result, raw, "first_name", 100),
        "last_name": fields.required(result, raw, "last_name", 100),
        "email": fields.email(result, fields.required(result, raw, "email", 254)),
        "unit_id": fields.required(result, raw, "unit_id", 50),
    }
    readers = {
        "job_title": lambda: fields.optional(result, raw, "job_title", 200),
        "profession_group": lambda: fields.optional(result, raw, "profession_group", 200),
        "supervisor_id": lambda: fields.optional(result, raw, "supervisor_id", 50),
        "start_date": lambda: fields.date(result, raw.get("start_date", "")),
        "languages": lambda: fields.languages(result, raw.get("languages", "")),
        "work_location": lambda: fields.optional(result, raw, "work_location", 200),
        "hr_tags": lambda: fields.tags(result, raw.get("hr_tags", "")),
    }
    for column, read in readers.items():
        if column in columns:
            values[column] = read()
    return EmployeeRow(result=result, values=values)


def stored_values(organisation: Organisation) -> dict[str, dict[str, Any]]:
    """Every employee of the organisation as the import columns see them."""
    rows = organisation.employees.values(
        "id",
        "personal_id",
        "first_name",
        "last_name",
        "email",
        "unit__code",
        "job_title",
        "profession_group__name",
        "supervisor__personal_id",
        "start_date",
        "languages",
        "work_location",
        "hr_tags",
    )
    return {
        row["personal_id"]: {
            "id": row["id"],
            "first_name": row["first_name"],
            "last_name": row["last_name"],
            "email": row["email"],
            "unit_id": row["unit__code"],
            "job_title": row["job_title"],
            "profession_group": row["profession_group__name"] or "",
            "supervisor_id": row["supervisor__personal_id"] or "",
            "start_date": row["start_date"],
            "languages": row["languages"],
            "work_location": row["work_location"],
            "hr_tags": row["hr_tags"],
        }
        for row in rows
    }


def plan_employee_import(organisation: Organisation, table: Table) -> ImportPlan:
    plan = ImportPlan(kind="employees")
    if not check_required_columns(plan, table.columns, REQUIRED, OPTIONAL):
        return plan
    if not table.rows:
        plan.file_errors.append(Message("no_rows"))
        return plan
    columns = set(table.columns)
    rows = [parse_row(number, raw, columns) for number, raw in table.rows]
    plan.rows = [row.result for row in rows]
    mark_duplicates(plan.rows, [row.personal_id for row in rows], "duplicate_id")
    mark_duplicates(plan.rows, [row.values["email"] for row in rows], "duplicate_email")

    stored = stored_values(organisation)
    unit_ids = dict(organisation.units.values_list("code", "id"))
    check_references(rows, stored, unit_ids)
    check_emails(rows, stored)
    check_supervisor_cycles(rows, stored)
    classify(rows, stored)
    if plan.is_valid:
        plan.apply_steps = lambda actor: apply(organisation, rows, stored, unit_ids, actor)
    return plan


def check_references(rows: list[EmployeeRow], stored: dict[str, dict[str, Any]], unit_ids: dict[str, int]) -> None:
    known_people = set(stored) | {row.personal_id for row in rows}
    for row in rows:
        unit = row.values["unit_id"]
        if unit and unit not in unit_ids:
            row.result.fail("unknown_unit", value=unit)
        supervisor = row.values.get("supervisor_id")
        if supervisor and supervisor not in known_people:
            row.result.fail("unknown_supervisor", value=supervisor)


def check_emails(rows: list[EmployeeRow], stored: dict[str, dict[str, Any]]) -> None:
    """An address may move between people only when the file moves it away too."""
    file_email = {row.personal_id: row.values["email"] for row in rows}
    owner_of = {values["email"].lower(): pid for pid, values in stored.items()}
    for row in rows:
        owner = owner_of.get(row.values["email"])
        if owner is None or owner == row.personal_id:
            continue
        if file_email.get(owner, stored[owner]["email"].lower()) == row.values["email"]:
            row.result.fail("email_taken", value=row.values["email"], other_id=owner)


def check_supervisor_cycles(rows: list[EmployeeRow], stored: dict[str, dict[str, Any]]) -> None:
    supervisor_of: dict[str, str | None] = {pid: values["supervisor_id"] or None for pid, values in stored.items()}
    for row in rows:
        if "supervisor_id" in row.values:
            supervisor_of[row.personal_id] = row.values["supervisor_id"] or None
    cycles = find_cycles(supervisor_of)
    for row in rows:
        loop = cycles.get(row.personal_id)
        if loop:
            start = loop.index(row.personal_id)
            chain = loop[start:] + loop[:start] + [row.personal_id]
            row.result.fail("supervisor_cycle", chain=" → ".join(chain))


def classify(rows: list[EmployeeRow], stored: dict[str, dict[str, Any]]) -> None:
    for row in rows:
        if row.result.status == ERROR:
            continue
        current = stored.get(row.personal_id)
        if current is None:
            row.result.status = NEW
            continue
        row.result.changes = [
            column for column in COMPARED if column in row.values and row.values[column] != current[column]
        ]
        if row.result.changes:
            row.result.status = CHANGED


UPDATED_FIELDS = [
    "first_name",
    "last_name",
    "email",
    "unit",
    "job_title",
    "profession_group",
    "start_date",
    "languages",
    "work_location",
    "hr_tags",
    "user",
    "supervisor",
]


def apply(
    organisation: Organisation,
    rows: list[EmployeeRow],
    stored: dict[str, dict[str, Any]],
    unit_ids: dict[str, int],
    actor: Any,
) -> None:
    group_ids = ensure_profession_groups(organisation, rows)
    user_ids = ensure_users(rows)
    ids = {pid: values["id"] for pid, values in stored.items()}
    supervisor_of = {pid: values["supervisor_id"] for pid, values in stored.items()}
    supervisor_of.update(
        {row.personal_id: row.values["supervisor_id"] for row in rows if "supervisor_id" in row.values}
    )
    new_rows = [row for row in rows if row.result.status == NEW]
    for layer in supervisors_first(new_rows, supervisor_of):
        employees = []
        for row in layer:
            employee = Employee(organisation=organisation, personal_id=row.personal_id)
            set_fields(employee, row.values, unit_ids, group_ids)
            employee.user_id = user_ids[row.values["email"]]
            employee.supervisor_id = ids.get(supervisor_of.get(row.personal_id) or "")
            employees.append(employee)
        Employee.objects.bulk_create(employees, batch_size=1000)
        ids.update(created_ids(organisation, employees))
    update_existing(organisation, rows, stored, ids, unit_ids, group_ids, user_ids)
    write_audit(organisation, rows, ids, actor)
    people_changed(organisation.pk)  # bulk writes send no signals


def created_ids(organisation: Organisation, employees: list[Employee]) -> dict[str, int]:
    """Ids of freshly bulk-created employees; read back where the database cannot return them."""
    if all(e.pk is not None for e in employees):
        return {e.personal_id: e.pk for e in employees}
    found: dict[str, int] = {}
    pids = [e.personal_id for e in employees]
    for start in range(0, len(pids), 5000):
        chunk = pids[start : start + 5000]
        found.update(organisation.employees.filter(personal_id__in=chunk).values_list("personal_id", "id"))
    return found


def supervisors_first(new_rows: list[EmployeeRow], supervisor_of: dict[str, str]) -> list[list[EmployeeRow]]:
    """New people in layers, each after the layer of their supervisor, so that
    every supervisor exists (with its id) before the people who report to them."""
    new = {row.personal_id for row in new_rows}
    depth: dict[str, int] = {}
    for row in new_rows:
        chain, node = [], row.personal_id
        while node in new and node not in depth:
            chain.append(node)
            node = supervisor_of.get(node) or ""
        level = depth.get(node, -1)
        for member in reversed(chain):
            level += 1
            depth[member] = level
    layers: dict[int, list[EmployeeRow]] = {}
    for row in new_rows:
        layers.setdefault(depth[row.personal_id], []).append(row)
    return [layers[level] for level in sorted(layers)]


def update_existing(
    organisation: Organisation,
    rows: list[EmployeeRow],
    stored: dict[str, dict[str, Any]],
    ids: dict[str, int],
    unit_ids: dict[str, int],
    group_ids: dict[str, int],
    user_ids: dict[str, int],
) -> None:
    changed_pids = {row.personal_id for row in rows if row.result.status == CHANGED}
    relinked = {row.personal_id for row in rows if row.personal_id in stored} - changed_pids
    by_pid = {e.personal_id: e for e in organisation.employees.filter(pk__in=[ids[p] for p in changed_pids | relinked])}
    to_update = []
    for row in rows:
        employee = by_pid.get(row.personal_id)
        if employee is None:
            continue
        wanted_user = user_ids[row.values["email"]]
        if row.personal_id not in changed_pids and employee.user_id == wanted_user:
            continue
        set_fields(employee, row.values, unit_ids, group_ids)
        employee.user_id = wanted_user
        if "supervisor_id" in row.values:
            employee.supervisor_id = ids.get(row.values["supervisor_id"]) if row.values["supervisor_id"] else None
        to_update.append(employee)
    release_moved_emails(to_update, stored)
    Employee.objects.bulk_update(to_update, UPDATED_FIELDS, batch_size=500)


def set_fields(employee: Employee, values: dict[str, Any], unit_ids: dict[str, int], group_ids: dict[str, int]) -> None:
    employee.first_name = values["first_name"]
    employee.last_name = values["last_name"]
    employee.email = values["email"]
    employee.unit_id = unit_ids[values["unit_id"]]
    plain = {"job_title", "start_date", "languages", "work_location", "hr_tags"}
    for column in plain & values.keys():
        setattr(employee, column, values[column])
    if "profession_group" in values:
        employee.profession_group_id = group_ids.get(values["profession_group"])


def ensure_profession_groups(organisation: Organisation, rows: list[EmployeeRow]) -> dict[str, int]:
    wanted = {row.values.get("profession_group") for row in rows} - {None, ""}
    existing = dict(organisation.profession_groups.values_list("name", "id"))
    missing = sorted(str(name) for name in wanted if name not in existing)
    ProfessionGroup.objects.bulk_create([ProfessionGroup(organisation=organisation, name=name) for name in missing])
    return dict(organisation.profession_groups.values_list("name", "id"))


def ensure_users(rows: list[EmployeeRow]) -> dict[str, int]:
    """Accounts are keyed by work e-mail. New people get an account without a
    password; they set one through “Forgot your password?”."""
    emails = [row.values["email"] for row in rows]
    existing = fetch_user_ids(emails)
    names = {row.values["email"]: f"{row.values['first_name']} {row.values['last_name']}" for row in rows}
    unusable = make_password(None)  # no one can sign in with it; one per import is enough
    new_users = [
        User(email=email, full_name=names[email], password=unusable) for email in emails if email not in existing
    ]
    User.objects.bulk_create(new_users, batch_size=1000)
    return fetch_user_ids(emails)


def fetch_user_ids(emails: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for start in range(0, len(emails), 5000):
        chunk = emails[start : start + 5000]
        found.update(User.objects.filter(email__in=chunk).values_list("email", "id"))
    return found


def release_moved_emails(to_update: list[Employee], stored: dict[str, dict[str, Any]]) -> None:
    """When addresses move between people in one import, free them first so the
    per-organisation unique constraint holds at every step."""
    moving = [e for e in to_update if e.email != stored[e.personal_id]["email"]]
    if not moving:
        return
    placeholders = [Employee(pk=e.pk, email=f"moving-{e.pk}@invalid.invalid") for e in moving]
    Employee.objects.bulk_update(placeholders, ["email"], batch_size=1000)


def write_audit(organisation: Organisation, rows: list[EmployeeRow], ids: dict[str, int], actor: Any) -> None:
    events = []
    for row in rows:
        if row.result.status not in (NEW, CHANGED):
            continue
        action = "employee.created" if row.result.status == NEW else "employee.updated"
        details = {"source": "import", "fields": row.result.changes}
        event = audit.build(actor=actor, action=action, organisation=organisation, details=details)
        # the subject by its id and label: no Employee built for each of tens of thousands of rows
        event.subject_id = ids[row.personal_id]
        event.subject_label = f"{row.values['first_name']} {row.values['last_name']} ({row.personal_id})"
        events.append(event)
    audit.record_many(events)
