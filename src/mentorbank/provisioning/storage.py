"""Employees as SCIM Users, for scim2-server: read, searched, created, changed and deleted within the
organisation whose provisioning token the request carries.

id: the employee's number; externalId: the personal ID in the HR system; userName: the provider's
sign-in name (the work e-mail for people HR imported); name, title and the work e-mail as they are;
active: not deactivated; department: what the provider said, the person moved to the unit of that name
or ID when there is one; manager: the supervisor, by their SCIM id. DELETE deactivates the person and
hides them from the provider; nothing is deleted (HR's removal and the retention rule do that)."""

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from scim2_models import (
    InvalidValueException,
    Meta,
    NotFoundException,
    Reference,
    Resource,
    ResourceType,
    ResponseParameters,
    SearchRequest,
    UniquenessException,
)
from scim2_models.path import CompareOperator, Comparison, LogicalExpr
from scim2_server.storage import ScimStorage, SearchPage

from mentorbank.organisations.models import Employee, Organisation, Unit
from mentorbank.organisations.services import EmployeeDataError, employee_save

from . import leaving
from .schema import Person, PersonName, Supervisor, WorkDetails, WorkEmail

User = Person[WorkDetails]
# filters on these attributes are answered by the database; any other by reading the organisation's people
INDEXED = {"userName", "externalId", "id", "emails.value", "emails", "active"}


class EmployeeStorage(ScimStorage):
    def __init__(self, organisation: Organisation, *, token: str, origin: str | None) -> None:
        self.organisation = organisation
        self.audit_details = {"via": "SCIM", "token": token}
        self.origin = origin

    # -- reading -------------------------------------------------------

    def people(self) -> QuerySet[Employee]:
        return Employee.objects.filter(
            organisation=self.organisation, anonymised_at__isnull=True, provider_deleted_at__isnull=True
        ).select_related("supervisor")

    def employee(self, resource_id: str | None) -> Employee:
        found = self.people().filter(pk=int(str(resource_id))).first() if str(resource_id).isdigit() else None
        if found is None:
            raise NotFoundException(detail=f"No user {resource_id}")
        return found

    def get(
        self,
        resource_type: ResourceType,
        resource_id: str,
        *,
        response_parameters: ResponseParameters[Any] | None = None,
    ) -> Resource[Any]:
        return resource_of(self.employee(resource_id))

    def search(
        self, resource_types: list[ResourceType], search_request: SearchRequest[Any], *, position: Any = None
    ) -> SearchPage:
        start = search_request.start_index_0 or 0
        count = search_request.count
        scim_filter = search_request.filter
        condition = database_condition(scim_filter.ast) if scim_filter is not None else Q()
        if condition is not None:
            found = self.people().filter(condition).order_by("pk")
            total = found.count()
            page = found[start : None if count is None else start + count]
            return SearchPage(total, [resource_of(employee) for employee in page])
        assert scim_filter is not None
        matching = [r for r in map(resource_of, self.people().order_by("pk").iterator(2000)) if scim_filter.match(r)]
        return SearchPage(len(matching), matching[start : None if count is None else start + count])

    # -- writing -------------------------------------------------------

    def create(self, resource_type: ResourceType, resource: Resource[Any]) -> Resource[Any]:
        person: Any = resource
        returning = Employee.objects.filter(
            organisation=self.organisation, provider_deleted_at__isnull=False, anonymised_at__isnull=True
        ).filter(Q(personal_id=person.external_id) | Q(email__iexact=primary_email(person)))
        employee = returning.first()  # someone the provider deleted comes back: the same record again
        if employee is not None:
            Employee.objects.filter(pk=employee.pk).update(provider_deleted_at=None)
            employee.provider_deleted_at = None
        else:
            employee = Employee(organisation=self.organisation, personal_id=person.external_id or "")
        return resource_of(self.save(employee, person))

    def update(
        self, resource_type: ResourceType, resource: Resource[Any], *, expected_version: str | None = None
    ) -> Resource[Any]:
        return resource_of(self.save(self.employee(resource.id), resource))

    def delete(self, resource_type: ResourceType, resource_id: str, *, expected_version: str | None = None) -> None:
        employee = self.employee(resource_id)
        leaving.deactivate(employee=employee, actor=None, origin=self.origin, details=self.audit_details)
        Employee.objects.filter(pk=employee.pk).update(provider_deleted_at=timezone.now())

    @contextmanager
    def operation(self) -> Iterator[None]:
        with transaction.atomic():
            yield

    def save(self, employee: Employee, person: Any) -> Employee:
        self.check_unique(employee, person)
        employee.provider_user_name = person.user_name or ""
        details = person[WorkDetails]
        employee.provider_department = (details.department or "") if details else ""
        try:
            saved = employee_save(
                organisation=self.organisation,
                actor=None,
                data=self.employee_data(employee, person, details),
                employee=employee,
                origin=self.origin,
                source="scim",
            )
        except EmployeeDataError as error:
            raise refusal_of(error.errors) from error
        except IntegrityError as error:  # two requests raced for the same name or ID
            raise UniquenessException(detail=str(error)) from error
        change = leaving.reactivate if person.active is not False else leaving.deactivate
        return change(employee=saved, actor=None, origin=self.origin, details=self.audit_details)

    def check_unique(self, employee: Employee, person: Any) -> None:
        """userName, externalId and the work e-mail are each one person's in the organisation (409)."""
        others = Employee.objects.filter(organisation=self.organisation).exclude(pk=employee.pk)
        user_name, email = person.user_name or "", primary_email(person)
        taken = {
            "this userName": self.people()
            .exclude(pk=employee.pk)
            .filter(Q(provider_user_name__iexact=user_name) | Q(provider_user_name="", email__iexact=user_name)),
            "this externalId (personal ID)": others.filter(personal_id=person.external_id),
            "this work e-mail": others.filter(email__iexact=email),
        }
        for attribute, holders in taken.items():
            if holders.exists():
                raise UniquenessException(detail=f"Another user of this organisation has {attribute}.")

    def employee_data(self, employee: Employee, person: Any, details: Any) -> dict[str, Any]:
        name = person.name or PersonName()
        data: dict[str, Any] = {
            "personal_id": person.external_id,
            "first_name": name.given_name,
            "last_name": name.family_name,
            "email": primary_email(person),
            "job_title": person.title or "",
        }
        unit = self.unit_for(details.department if details else None)
        if unit is not None:
            data["unit_code"] = unit.code
        elif employee.pk is None:
            data["unit_code"] = self.top_unit().code
        manager = details.manager.value if details and details.manager else None
        data["supervisor_personal_id"] = self.employee(manager).personal_id if manager else ""
        return data

    def unit_for(self, department: str | None) -> Unit | None:
        if not department:
            return None
        units = self.organisation.units.filter(Q(code__iexact=department) | Q(name__iexact=department))
        return units.order_by("code").first()

    def top_unit(self) -> Unit:
        """Where someone whose department matches no unit starts: the organisation's top unit."""
        unit = self.organisation.units.filter(parent__isnull=True).order_by("code").first()
        if unit is None:
            raise InvalidValueException(detail="The organisation has no units yet: HR imports them first.")
        return unit


def primary_email(person: Any) -> str:
    emails = person.emails or []
    chosen = next((e for e in emails if e.primary), None) or next(iter(emails), None)
    return str(chosen.value) if chosen is not None and chosen.value else ""


def refusal_of(errors: dict[str, str]) -> Exception:
    return InvalidValueException(detail="; ".join(f"{field}: {message}" for field, message in errors.items()))


def resource_of(employee: Employee) -> Resource[Any]:
    details = WorkDetails(
        department=employee.provider_department or None,
        manager=Supervisor(
            value=str(employee.supervisor_id),
            ref=Reference(f"Users/{employee.supervisor_id}"),
            display_name=employee.supervisor.full_name,
        )
        if employee.supervisor is not None
        else None,
    )
    user = User(
        id=str(employee.pk),
        external_id=employee.personal_id,
        user_name=employee.provider_user_name or employee.email,
        name=PersonName(given_name=employee.first_name, family_name=employee.last_name, formatted=employee.full_name),
        display_name=employee.full_name,
        title=employee.job_title or None,
        emails=[WorkEmail(value=employee.email, type="work", primary=True)],
        active=employee.deactivated_at is None,
    )
    user[WorkDetails] = details
    user.meta = Meta(
        resource_type="User",
        created=employee.created_at,
        last_modified=employee.updated_at,
        version=version_of(user),
    )
    return user


def version_of(user: Any) -> str:
    """A weak entity tag made of what the resource says: it changes whenever the resource does."""
    content = json.dumps(user.model_dump(mode="json", exclude={"meta"}), sort_keys=True)
    return f'W/"{hashlib.sha256(content.encode()).hexdigest()[:16]}"'


def database_condition(node: Any) -> Q | None:
    """The filter as a database condition, when it only compares indexed attributes for equality."""
    if isinstance(node, LogicalExpr) and node.op.value == "and":
        parts = [database_condition(term) for term in node.terms]
        return None if any(p is None for p in parts) else _all(parts)
    if not isinstance(node, Comparison) or node.op != CompareOperator.eq or str(node.attr_path) not in INDEXED:
        return None
    attribute, value = str(node.attr_path), node.value
    if attribute == "active":
        return Q(deactivated_at__isnull=value is True) if isinstance(value, bool) else None
    if not isinstance(value, str):
        return None
    return {
        "userName": Q(provider_user_name__iexact=value) | Q(provider_user_name="", email__iexact=value),
        "externalId": Q(personal_id=value),
        "id": Q(pk=int(value)) if value.isdigit() else Q(pk__in=[]),
        "emails.value": Q(email__iexact=value),
        "emails": Q(email__iexact=value),
    }[attribute]


def _all(parts: list[Q | None]) -> Q:
    condition = Q()
    for part in parts:
        assert part is not None
        condition &= part
    return condition
