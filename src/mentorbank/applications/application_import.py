"""Import applications from a form tool's CSV/XLSX export (Microsoft Forms, Webropol…): map the columns
and the answer words, decide on unknown themes and competences, preview, import all or nothing. The
mapping is remembered per programme for the next file from the same form."""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentorbank.applications.applying import reset_approvals, send_submitted_notifications
from mentorbank.applications.eligibility import is_eligible
from mentorbank.applications.models import Application, ApplicationImport, ImportMemory
from mentorbank.core import audit
from mentorbank.core.forms import leading_number
from mentorbank.organisations.importing.reading import Table, read_table
from mentorbank.organisations.models import Employee
from mentorbank.programmes.models import Competence, Programme, Theme

from .import_targets import (
    CHOICE,
    ID,
    ITEMS,
    LANGUAGES,
    NUMBER,
    PEOPLE,
    Target,
    guess_answer,
    guess_column,
    language_code,
    split_items,
    targets_of,
)

ROW_ERRORS = {
    "no_person": _("Nobody of the programme's organisations has this e-mail or personal ID."),
    "twice": _("The same person is also on row %(other)s."),
    "not_eligible": _("This person may not apply to the programme."),
    "missing": _("“%(target)s” is empty."),
    "unknown_answer": _("The answer “%(value)s” to “%(target)s” is not mapped to a value."),
    "no_consent": _("The person has not given consent."),
    "bad_number": _("“%(value)s” is not a whole number."),
    "bad_language": _("Unknown language “%(value)s”."),
    "undecided": _("Decide whether to add or drop “%(value)s” (%(target)s)."),
    "unknown_person": _("Nobody of the programme's organisations has the e-mail “%(value)s” (%(target)s)."),
}


@dataclass
class Row:
    number: int
    name: str = ""
    errors: list[str] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)
    employee: Employee | None = None
    updates: bool = False


@dataclass
class Preview:
    rows: list[Row]
    # per choice target: every answer the file has, with the value it maps to (None: not mapped)
    answers: dict[str, list[tuple[str, str | None]]]
    # per themes/competences target: names not known yet, with the decision ("add", "drop" or None)
    unknown_items: dict[str, list[tuple[str, str | None]]]


def guess_mapping(programme: Programme, columns: list[str]) -> tuple[dict[str, str], dict[str, Any]]:
    """The columns (and answer words) of the programme's last import where this file has them, else guesses."""
    memory = ImportMemory.objects.filter(programme=programme).first()
    remembered = memory.mapping if memory else {}
    mapping = {}
    for target in targets_of(programme):
        column = remembered.get(target.key, "")
        mapping[target.key] = column if column in columns else guess_column(target, columns)
    return mapping, (memory.answers if memory else {})


def remember(item: ApplicationImport) -> None:
    ImportMemory.objects.update_or_create(
        programme=item.programme, defaults={"mapping": item.mapping, "answers": item.answers}
    )


def load_table(item: ApplicationImport) -> Table:
    return read_table(bytes(item.content), item.filename)


def preview(programme: Programme, table: Table, mapping: dict[str, str], answers: dict[str, Any]) -> Preview:
    targets = {t.key: t for t in targets_of(programme)}
    people = Employee.objects.filter(
        organisation__in=[programme.owner_id, *programme.participating_organisations.values_list("pk", flat=True)]
    ).select_related("profession_group")
    by_email = {e.email: e for e in people}
    by_id = {e.personal_id: e for e in people}
    resolved = answer_values(targets, table, mapping, answers)
    known_items = {
        "themes": {t.name.lower() for t in programme.themes.all()},
        "competences_offered": {c.name.lower() for c in programme.owner.competences.all()},
    }
    known_items["competences_sought"] = known_items["competences_offered"]
    unknown: dict[str, dict[str, str | None]] = defaultdict(dict)
    existing = set(programme.applications.values_list("employee_id", flat=True))
    seen: dict[int, int] = {}
    rows = []
    for number, raw in table.rows:
        row = Row(number=number)

        def cell(key: str, raw: dict[str, str] = raw) -> str:
            column = mapping.get(key, "")
            return raw.get(column, "").strip() if column else ""

        find_person(row, cell, by_email, by_id, existing, seen)
        if row.employee is not None and not is_eligible(programme, row.employee):
            row.errors.append(str(ROW_ERRORS["not_eligible"]))
        for target in targets.values():
            read_cell(row, target, cell(target.key), resolved, by_email)
        for key, names in known_items.items():
            for name in row.values.get(key, []):
                if name.lower() not in names:
                    decision = answers.get("items", {}).get(key, {}).get(name)
                    unknown[key][name] = decision
                    if decision is None:
                        row.errors.append(str(ROW_ERRORS["undecided"]) % {"value": name, "target": targets[key].label})
        rows.append(row)
    return Preview(
        rows=rows,
        answers={key: sorted(values.items()) for key, values in resolved.items()},
        unknown_items={key: sorted(values.items()) for key, values in unknown.items()},
    )


def answer_values(
    targets: dict[str, Target], table: Table, mapping: dict[str, str], answers: dict[str, Any]
) -> dict[str, dict[str, str | None]]:
    """For each mapped choice column, every answer in the file and its value: as the coordinator
    mapped it, else as the answer word suggests, else None."""
    chosen = answers.get("values", {})
    resolved: dict[str, dict[str, str | None]] = {}
    for key, target in targets.items():
        column = mapping.get(key, "")
        if target.kind != CHOICE or not column:
            continue
        codes = {code for code, _label in target.choices}
        distinct = {raw.get(column, "").strip() for _number, raw in table.rows} - {""}
        resolved[key] = {
            text: chosen.get(key, {}).get(text)
            if chosen.get(key, {}).get(text) in codes
            else guess_answer(target, text)
            for text in distinct
        }
    return resolved


def find_person(row: Row, cell: Any, by_email: dict, by_id: dict, existing: set[int], seen: dict[int, int]) -> None:
    employee = by_email.get(cell("email").lower()) or by_id.get(cell("personal_id"))
    if employee is None:
        row.errors.append(str(ROW_ERRORS["no_person"]))
        return
    row.employee, row.name, row.updates = employee, employee.full_name, employee.pk in existing
    if employee.pk in seen:
        row.errors.append(str(ROW_ERRORS["twice"]) % {"other": seen[employee.pk]})
    seen.setdefault(employee.pk, row.number)


def read_cell(row: Row, target: Target, text: str, resolved: dict[str, dict[str, str | None]], by_email: dict) -> None:
    """The cleaned value of one target in the row, or an error for the row."""
    fail = row.errors.append
    if not text:
        if target.required:
            fail(str(ROW_ERRORS["missing"]) % {"target": target.label})
        return
    if target.kind == CHOICE:
        code = resolved.get(target.key, {}).get(text)
        if code is None:
            fail(str(ROW_ERRORS["unknown_answer"]) % {"value": text, "target": target.label})
        elif target.key == "consent" and code != "yes":
            fail(str(ROW_ERRORS["no_consent"]))
        row.values[target.key] = code
    elif target.kind == NUMBER:
        number = leading_number(text)  # "12 vuotta", "2,5", "1 200"
        if number is None:
            fail(str(ROW_ERRORS["bad_number"]) % {"value": text})
        row.values[target.key] = int(number) if number is not None else None
    elif target.kind == LANGUAGES:
        codes = [language_code(word) for word in split_items(text.replace("/", ";"))]
        for word, code in zip(split_items(text.replace("/", ";")), codes, strict=True):
            if code is None:
                fail(str(ROW_ERRORS["bad_language"]) % {"value": word})
        row.values[target.key] = [c for c in codes if c]
    elif target.kind == ITEMS:
        row.values[target.key] = split_items(text)
    elif target.kind == PEOPLE:
        found = []
        for address in split_items(text.replace(" ", ";")):
            person = by_email.get(address.lower())
            if person is None:
                fail(str(ROW_ERRORS["unknown_person"]) % {"value": address, "target": target.label})
            else:
                found.append(person)
        row.values[target.key] = found
    elif target.kind != ID:
        row.values[target.key] = text[:3000]


@transaction.atomic
def apply(*, item: ApplicationImport, actor: Any) -> int:
    """Create or update every row's application, or nothing when any row has an error."""
    locked = ApplicationImport.objects.select_for_update().get(pk=item.pk)
    if locked.applied_at is not None:
        return 0
    programme = locked.programme
    result = preview(programme, load_table(locked), locked.mapping, locked.answers)
    if not result.rows or any(row.errors for row in result.rows):
        return 0
    added = add_decided_items(programme, locked.answers)
    for row in result.rows:
        save_row(programme, row, locked.answers, added)
    remember(locked)
    locked.applied_at, locked.content = timezone.now(), b""
    locked.save(update_fields=["applied_at", "content"])
    audit.record(
        actor=actor,
        action="application.imported",
        organisation=programme.owner,
        details={"programme": programme.pk, "file": locked.filename, "new": len(result.rows)},
    )
    return len(result.rows)


def add_decided_items(programme: Programme, answers: dict[str, Any]) -> dict[str, set[str]]:
    """The themes the coordinator chose to add become the programme's; the names to keep, per target."""
    decisions = answers.get("items", {})
    added = {key: {name.lower() for name, d in names.items() if d == "add"} for key, names in decisions.items()}
    existing = {t.name.lower() for t in programme.themes.all()}
    new_themes = {
        name for name, d in decisions.get("themes", {}).items() if d == "add" and name.lower() not in existing
    }
    Theme.objects.bulk_create([Theme(programme=programme, name=name[:200]) for name in sorted(new_themes)])
    return added


def save_row(programme: Programme, row: Row, answers: dict[str, Any], added: dict[str, set[str]]) -> None:
    employee = row.employee
    assert employee is not None  # rows without a person have an error and are never saved
    application = programme.applications.filter(employee=employee).first() or Application(
        programme=programme, employee=employee
    )
    fresh = application.pk is None or application.withdrawn_at is not None
    values = row.values
    application.role, application.goals = values["role"], values["goals"]
    for key in ("interests", "location"):
        setattr(application, key, values.get(key, "")[: 1000 if key == "interests" else 200])
    for key, default in (("career_stage", "mid"), ("meeting_mode", "either"), ("cross_unit", "fine")):
        setattr(application, key, values.get(key) or default)
    application.languages = values.get("languages") or employee.language_list
    application.experience_years = values.get("experience_years") or 0
    application.mentor_capacity = values.get("mentor_capacity") or 1
    application.values = {k.removeprefix("value_"): int(v) for k, v in values.items() if k.startswith("value_") and v}
    application.answers = {
        k.removeprefix("question_"): (int(v) if v.isdigit() else v)
        for k, v in values.items()
        if k.startswith("question_")
    }
    preferred = values.get("preferred_mentor") or []
    application.preferred_mentor = preferred[0] if preferred else None
    if fresh:
        application.consent_at, application.withdrawn_at = timezone.now(), None
        reset_approvals(application)
    application.save()
    themes = {t.name.lower(): t for t in programme.themes.all()}
    application.themes.set([themes[name.lower()] for name in values.get("themes", []) if name.lower() in themes])
    known = {c.name.lower() for c in programme.owner.competences.all()}
    for key in ("competences_offered", "competences_sought"):
        keep = [n for n in values.get(key, []) if n.lower() in known or n.lower() in added.get(key, set())]
        getattr(application, key).set(Competence.named(programme.owner, keep))
    application.excluded.set(values.get("excluded", []))
    if fresh:
        send_submitted_notifications(application)
