"""Import applications from an external form tool's CSV/XLSX: map columns, preview, import atomically."""

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentorbank.applications.applying import reset_approvals, send_submitted_notifications
from mentorbank.applications.eligibility import is_eligible
from mentorbank.applications.models import Application, ApplicationImport
from mentorbank.core import audit
from mentorbank.organisations.importing.reading import Table, read_table
from mentorbank.organisations.models import Employee
from mentorbank.organisations.validators import parse_languages
from mentorbank.programmes.models import Programme

# Target field -> (label, header words that suggest it)
TARGETS: dict[str, tuple[Any, tuple[str, ...]]] = {
    "email": (_("Work e-mail"), ("email", "e-mail", "sähköposti", "e-post", "sahkoposti")),
    "personal_id": (_("Personal ID in the HR system"), ("personal_id", "henkilönumero", "personalnummer")),
    "role": (_("Role (mentor, mentee or both)"), ("role", "rooli", "roll")),
    "goals": (_("Goals"), ("goals", "tavoitteet", "mål", "tavoite")),
    "themes": (_("Themes"), ("themes", "teemat", "teman")),
    "languages": (_("Languages"), ("languages", "kielet", "språk")),
    "experience_years": (_("Years of experience"), ("experience", "kokemus", "erfarenhet")),
    "interests": (_("Interests and hobbies"), ("interests", "harrastukset", "intressen")),
    "mentor_capacity": (_("Mentor's capacity"), ("capacity", "kapasiteetti", "kapacitet")),
    "consent": (_("Consent"), ("consent", "suostumus", "samtycke")),
}
REQUIRED = ["role", "goals", "consent"]
ROLE_WORDS = {
    "mentor": {"mentor", "mentori"},
    "mentee": {"mentee", "aktori", "mentoroitava", "adept"},
    "both": {"both", "molemmat", "båda", "bada"},
}
YES = {"yes", "y", "x", "1", "true", "kyllä", "kylla", "k", "ja"}
ROW_ERRORS = {
    "no_person": _("Nobody of the programme's organisations has this e-mail or personal ID."),
    "twice": _("The same person is also on row %(other)s."),
    "not_eligible": _("This person may not apply to the programme."),
    "bad_role": _("Unknown role “%(value)s”: use mentor, mentee or both."),
    "no_goals": _("The goals are empty."),
    "no_consent": _("The person has not given consent."),
    "bad_number": _("“%(value)s” is not a whole number."),
    "bad_languages": _("Unknown language code “%(value)s”."),
}


@dataclass
class Row:
    number: int
    name: str = ""
    errors: list[str] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)
    employee: Employee | None = None
    updates: bool = False


def guess_mapping(columns: list[str]) -> dict[str, str]:
    mapping = {}
    for target, (_label, words) in TARGETS.items():
        match = next((c for c in columns if any(word in c for word in words)), "")
        mapping[target] = match
    return mapping


def load_table(item: ApplicationImport) -> Table:
    return read_table(bytes(item.content), item.filename)


def preview(programme: Programme, table: Table, mapping: dict[str, str]) -> list[Row]:
    organisations = [programme.owner_id, *programme.participating_organisations.values_list("pk", flat=True)]
    people = Employee.objects.filter(organisation__in=organisations).select_related("profession_group")
    by_email = {e.email: e for e in people}
    by_id = {e.personal_id: e for e in people}
    themes = {t.name.lower(): t for t in programme.themes.all()}
    existing = set(programme.applications.values_list("employee_id", flat=True))
    seen: dict[int, int] = {}
    rows = []
    for number, raw in table.rows:
        row = Row(number=number)

        def cell(target: str, raw: dict[str, str] = raw) -> str:
            column = mapping.get(target, "")
            return raw.get(column, "").strip() if column else ""

        employee = by_email.get(cell("email").lower()) or by_id.get(cell("personal_id"))
        if employee is None:
            row.errors.append(str(ROW_ERRORS["no_person"]))
        else:
            row.employee, row.name, row.updates = employee, employee.full_name, employee.pk in existing
            if employee.pk in seen:
                row.errors.append(str(ROW_ERRORS["twice"]) % {"other": seen[employee.pk]})
            seen.setdefault(employee.pk, number)
            if not is_eligible(programme, employee):
                row.errors.append(str(ROW_ERRORS["not_eligible"]))
        read_values(row, cell, themes)
        rows.append(row)
    return rows


def read_values(row: Row, cell: Any, themes: dict[str, Any]) -> None:
    role_text = cell("role").lower()
    role = next((code for code, words in ROLE_WORDS.items() if role_text in words), None)
    if role is None:
        row.errors.append(str(ROW_ERRORS["bad_role"]) % {"value": cell("role")})
    goals = cell("goals")
    if not goals:
        row.errors.append(str(ROW_ERRORS["no_goals"]))
    if cell("consent").lower() not in YES:
        row.errors.append(str(ROW_ERRORS["no_consent"]))
    numbers = {}
    for target in ("experience_years", "mentor_capacity"):
        text = cell(target)
        if text and not text.isdigit():
            row.errors.append(str(ROW_ERRORS["bad_number"]) % {"value": text})
        numbers[target] = int(text) if text.isdigit() else None
    try:
        languages = parse_languages(cell("languages")) if cell("languages") else None
    except ValueError as error:
        row.errors.append(str(ROW_ERRORS["bad_languages"]) % {"value": str(error)})
        languages = None
    chosen = [themes[name.strip().lower()] for name in cell("themes").split(",") if name.strip().lower() in themes]
    row.values = {
        "role": role,
        "goals": goals[:3000],
        "interests": cell("interests")[:1000],
        "languages": languages,
        "themes": chosen,
        **numbers,
    }


@transaction.atomic
def apply(*, item: ApplicationImport, actor: Any) -> int:
    """Create or update every row's application, or nothing when any row has an error."""
    locked = ApplicationImport.objects.select_for_update().get(pk=item.pk)
    if locked.applied_at is not None:
        return 0
    programme = locked.programme
    rows = preview(programme, load_table(locked), locked.mapping)
    if not rows or any(row.errors for row in rows):
        return 0
    for row in rows:
        save_row(programme, row)
    locked.applied_at, locked.content = timezone.now(), b""
    locked.save(update_fields=["applied_at", "content"])
    audit.record(
        actor=actor,
        action="application.imported",
        organisation=programme.owner,
        details={"programme": programme.pk, "file": locked.filename, "new": len(rows)},
    )
    return len(rows)


def save_row(programme: Programme, row: Row) -> None:
    employee = row.employee
    assert employee is not None
    application = programme.applications.filter(employee=employee).first() or Application(
        programme=programme, employee=employee
    )
    fresh = application.pk is None or application.withdrawn_at is not None
    values = row.values
    application.role, application.goals, application.interests = values["role"], values["goals"], values["interests"]
    application.languages = values["languages"] if values["languages"] is not None else employee.language_list
    application.experience_years = values["experience_years"] or 0
    application.mentor_capacity = values["mentor_capacity"] or 1
    if fresh:
        application.consent_at, application.withdrawn_at = timezone.now(), None
        reset_approvals(application)
    application.save()
    application.themes.set(values["themes"])
    if fresh:
        send_submitted_notifications(application)
