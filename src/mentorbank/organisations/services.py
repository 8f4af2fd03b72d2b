"""Writes on organisations' people and roles, each audited."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from mentorbank.core import audit

from .models import Organisation, OrganisationRole


@transaction.atomic
def role_grant(*, organisation: Organisation, user: Any, role: str, actor: Any, origin: str | None = None) -> bool:
    """Grant a role; False when the user already had it."""
    _role, created = OrganisationRole.objects.get_or_create(organisation=organisation, user=user, role=role)
    if created:
        audit.record(
            actor=actor,
            action="role.granted",
            organisation=organisation,
            origin=origin,
            details={"user": user.email, "role": role},
        )
    return created


@transaction.atomic
def role_revoke(*, role: OrganisationRole, actor: Any, origin: str | None = None) -> None:
    audit.record(
        actor=actor,
        action="role.revoked",
        organisation=role.organisation,
        origin=origin,
        details={"user": role.user.email, "role": role.role},
    )
    role.delete()


def last_admin(role: OrganisationRole) -> bool:
    """The last admin of an organisation cannot be removed: someone must manage it."""
    return (
        role.role == OrganisationRole.ADMIN
        and not role.organisation.roles.filter(role=OrganisationRole.ADMIN).exclude(pk=role.pk).exists()
    )


class EmployeeDataError(Exception):
    """Invalid employee data; messages by field, in the active language."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(errors)
        self.errors = errors


EMPLOYEE_FIELDS = ["first_name", "last_name", "email", "job_title", "start_date", "languages", "work_location"]


def employee_save(
    *,
    organisation: Organisation,
    actor: Any,
    data: dict[str, Any],
    employee: Any = None,
    origin: str | None = None,
    source: str = "api",
) -> Any:
    """Create (employee=None) or change an employee from API data (or the identity provider's, `source`
    "scim"), audited. Changing the personal ID is for the provider, which owns it."""
    from django.utils.translation import gettext as _

    from mentorbank.accounts.models import User, normalise_email

    from .models import Employee, ProfessionGroup
    from .validators import parse_languages

    creating = employee is None or employee.pk is None  # an unsaved one may come with the caller's own fields
    employee = employee or Employee(organisation=organisation, personal_id=data.get("personal_id", ""))
    errors: dict[str, str] = {}
    watched = [*EMPLOYEE_FIELDS, "personal_id", "unit_id", "supervisor_id", "profession_group_id"]
    before = {f: getattr(employee, f) for f in watched}
    for field in EMPLOYEE_FIELDS:
        if field in data and data[field] is not None:
            setattr(employee, field, data[field])
    employee.email = normalise_email(employee.email)
    if "languages" in data and data["languages"] is not None:
        try:
            employee.languages = ",".join(parse_languages(data["languages"]))
        except ValueError:
            errors["languages"] = _("Use the language codes fi, sv and en, separated by commas.")
    if data.get("unit_code") is not None:
        unit = organisation.units.filter(code=data["unit_code"]).first()
        if unit is None:
            errors["unit_code"] = _("There is no unit with this ID.")
        else:
            employee.unit = unit
    if data.get("profession_group") is not None:
        employee.profession_group = (
            ProfessionGroup.objects.get_or_create(organisation=organisation, name=data["profession_group"])[0]
            if data["profession_group"]
            else None
        )
    if "supervisor_personal_id" in data and data["supervisor_personal_id"] is not None:
        employee.supervisor = None
        if data["supervisor_personal_id"]:
            supervisor = organisation.employees.filter(personal_id=data["supervisor_personal_id"]).first()
            if supervisor is None:
                errors["supervisor_personal_id"] = _("There is no employee with this personal ID.")
            elif employee.pk and supervisor_chain_contains(supervisor, employee.pk):
                errors["supervisor_personal_id"] = _("This supervisor would make the supervisor chain loop.")
            else:
                employee.supervisor = supervisor
    if organisation.employees.filter(email=employee.email).exclude(pk=employee.pk).exists():
        errors["email"] = _("Another employee of the organisation has this e-mail address.")
    if not creating and source == "scim" and data.get("personal_id"):
        employee.personal_id = data["personal_id"]
    if organisation.employees.filter(personal_id=employee.personal_id).exclude(pk=employee.pk).exists():
        errors["personal_id"] = _("An employee with this personal ID exists already.")
    try:
        employee.full_clean(
            exclude=["organisation", "user", "unit"] if "unit_code" in errors else ["organisation", "user"]
        )
    except ValidationError as error:
        for field, field_errors in error.message_dict.items():
            errors.setdefault(field, " ".join(field_errors))
    if errors:
        raise EmployeeDataError(errors)
    with transaction.atomic():
        employee.user = User.objects.filter(email=employee.email).first() or User.objects.create_user(
            employee.email, None, full_name=employee.full_name
        )
        employee.save()
        changed = [f for f, v in before.items() if getattr(employee, f) != v]
        audit.record(
            actor=actor,
            action="employee.created" if creating else "employee.updated",
            organisation=organisation,
            subject=employee,
            origin=origin,
            details={"source": source, "fields": changed},
        )
    return employee


def supervisor_chain_contains(supervisor: Any, employee_id: int) -> bool:
    """Walk up from the proposed supervisor; meeting the employee means a loop."""
    from .models import Employee

    seen: set[int] = set()
    current: int | None = supervisor.pk
    while current is not None and current not in seen:
        if current == employee_id:
            return True
        seen.add(current)
        current = Employee.objects.filter(pk=current).values_list("supervisor_id", flat=True).first()
    return False


@transaction.atomic
def settings_save(*, organisation: Organisation, form: Any, actor: Any, origin: str | None = None) -> Organisation:
    """The organisation's own settings, as its admin changes them (audited field by field)."""
    saved = form.save()
    audit.record(
        actor=actor,
        action="organisation.settings_changed",
        organisation=organisation,
        origin=origin,
        details={"fields": form.changed_data},
    )
    return saved
