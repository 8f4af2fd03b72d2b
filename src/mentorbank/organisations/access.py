"""Who may do what in an organisation. Views declare a capability; these helpers decide."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse

from .models import Employee, Organisation, OrganisationRole

# Capability -> roles that hold it. Employee and supervisor are derived roles.
CAPABILITIES: dict[str, frozenset[str]] = {
    "view_people": frozenset({OrganisationRole.HR, OrganisationRole.ADMIN}),
    "manage_people": frozenset({OrganisationRole.HR, OrganisationRole.ADMIN}),
    "view_audit": frozenset({OrganisationRole.ADMIN}),
    "manage_roles": frozenset({OrganisationRole.ADMIN}),
    "view_feedback": frozenset({OrganisationRole.ADMIN}),
    "view_programmes": frozenset({OrganisationRole.HR, OrganisationRole.ADMIN}),
    "manage_programmes": frozenset({OrganisationRole.HR}),
}


@dataclass(frozen=True)
class Membership:
    """What one signed-in user is in one organisation."""

    organisation: Organisation
    employee: Employee | None
    roles: frozenset[str]
    is_supervisor: bool

    def can(self, capability: str) -> bool:
        return bool(self.roles & CAPABILITIES[capability])

    @property
    def manages_people(self) -> bool:
        return self.can("manage_people")

    @property
    def is_hr(self) -> bool:
        return OrganisationRole.HR in self.roles

    @property
    def is_admin(self) -> bool:
        return OrganisationRole.ADMIN in self.roles


def organisations_of(user: Any) -> list[Organisation]:
    """Every organisation the user works for or holds a role in, by name."""
    if not user.is_authenticated:
        return []
    # two indexed lookups; an OR over two outer joins would scan every employee of every organisation
    works_for = Employee.objects.filter(user=user).values("organisation_id")
    holds_role = OrganisationRole.objects.filter(user=user).values("organisation_id")
    return list(Organisation.objects.filter(Q(pk__in=works_for) | Q(pk__in=holds_role)).order_by("name"))


def membership_for(user: Any, organisation: Organisation) -> Membership | None:
    if not user.is_authenticated or not user.is_active:
        return None
    employee = organisation.employees.filter(user=user).first()
    roles = frozenset(organisation.roles.filter(user=user).values_list("role", flat=True))
    if employee is None and not roles:
        return None
    is_supervisor = employee is not None and employee.reports.exists()
    return Membership(organisation=organisation, employee=employee, roles=roles, is_supervisor=is_supervisor)


def access_employee(membership: Membership, employee_id: int) -> Employee:
    """An employee the member may see in detail: HR and admins see everyone
    of the organisation, a supervisor their own staff, anyone themselves."""
    employee = membership.organisation.employees.with_related().filter(pk=employee_id).first()
    if employee is None:
        raise Http404
    if membership.can("view_people"):
        return employee
    if membership.employee is not None and employee.pk == membership.employee.pk:
        return employee
    if membership.employee is not None and employee.supervisor_id == membership.employee.pk:
        return employee
    raise PermissionDenied


def visible_employees(membership: Membership) -> Any:
    """The employees a member may list: everybody for HR and admins, own staff for a supervisor
    (never removed people or the retention rule's anonymous stand-ins)."""
    employees = membership.organisation.employees.filter(anonymised_at__isnull=True)
    if membership.can("view_people"):
        return employees
    if membership.is_supervisor:
        return employees.filter(supervisor=membership.employee)
    raise PermissionDenied


def view_employee(
    membership: Membership, employee_id: int, *, actor: Any, request: HttpRequest, source: str = ""
) -> Employee:
    """An employee's details for the member, with the read of another person's data audited."""
    from mentorbank.core import audit

    employee = access_employee(membership, employee_id)
    if membership.employee is None or membership.employee.pk != employee.pk:
        audit.record(
            actor=actor,
            action="employee.viewed",
            organisation=membership.organisation,
            subject=employee,
            request=request,
            details={"source": source} if source else {},
        )
    return employee


def organisation_view(capability: str | None = None) -> Callable[..., Any]:
    """Resolve the organisation from the URL once; 404 when it is not yours,
    403 when you lack the capability the view declares."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, org_slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
            organisation = Organisation.objects.filter(slug=org_slug).first()
            membership = membership_for(request.user, organisation) if organisation else None
            if organisation is None or membership is None:
                raise Http404
            if capability is not None and not membership.can(capability):
                raise PermissionDenied
            request.organisation = organisation  # type: ignore[attr-defined]
            request.membership = membership  # type: ignore[attr-defined]
            user = request.user
            if user.last_organisation_id != organisation.pk:  # type: ignore[union-attr]
                user.last_organisation = organisation  # type: ignore[union-attr]
                user.save(update_fields=["last_organisation"])  # type: ignore[union-attr]
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
