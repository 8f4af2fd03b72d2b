"""Who may do what in an organisation. Views declare a capability; these helpers decide."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import update_wrapper
from typing import Any, Concatenate, ParamSpec, cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django_htmx.middleware import HtmxDetails

from mentorbank.accounts.models import User
from mentorbank.core import audit
from mentorbank.core.models import AuditEvent

from .models import Employee, Organisation, OrganisationRole

P = ParamSpec("P")

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
# Capabilities of the derived supervisor role: anyone with staff of their own.
SUPERVISOR_CAPABILITIES = frozenset({"decide_for_staff"})


@dataclass(frozen=True)
class Membership:
    """What one signed-in user is in one organisation."""

    organisation: Organisation
    employee: Employee | None
    roles: frozenset[str]
    is_supervisor: bool
    user_id: int | None = None
    # an outside trainer or coach: the programmes of this organisation they were added to, and nothing else
    guest_programmes: frozenset[int] = frozenset()

    def can(self, capability: str) -> bool:
        if capability in SUPERVISOR_CAPABILITIES:
            return self.is_supervisor
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

    def own_employee(self) -> Employee:
        """The member's own employment; pages about one's own mentoring need it (403 without)."""
        if self.employee is None:
            raise PermissionDenied
        return self.employee


class OrganisationRequest(HttpRequest):
    """A request to an organisation's page, as `organisation_view` hands it to the view:
    a signed-in user, the organisation of the URL and what the user is in it."""

    user: User
    organisation: Organisation
    membership: Membership
    htmx: HtmxDetails  # set by django-htmx's middleware


def organisations_of(user: Any) -> list[Organisation]:
    """Every organisation the user works for or holds a role in, by name."""
    if not user.is_authenticated:
        return []
    # two indexed lookups; an OR over two outer joins would scan every employee of every organisation
    works_for = Employee.objects.filter(user=user).values("organisation_id")
    holds_role = OrganisationRole.objects.filter(user=user).values("organisation_id")
    return list(Organisation.objects.filter(Q(pk__in=works_for) | Q(pk__in=holds_role)).order_by("name"))


# Hooks of the floors above that tell which of an organisation's programmes a user is a guest of (an
# outside trainer or coach): (user, organisation) -> programme ids. Registered in AppConfig.ready().
GUEST_PROGRAMMES: list[Callable[[Any, Organisation], frozenset[int]]] = []


def membership_for(user: Any, organisation: Organisation, *, guests: bool = False) -> Membership | None:
    """What the user is in the organisation; with `guests`, also an outside guest of its programmes."""
    if not user.is_authenticated or not user.is_active:
        return None
    # unordered: ordering by name would walk the organisation's people to find one user's record; whether
    # they supervise anyone comes in the same query
    staff = Employee.objects.filter(supervisor=OuterRef("pk"))
    found = organisation.employees.filter(user=user).annotate(supervises=Exists(staff)).order_by()[:1]
    employee = next(iter(found), None)
    if employee is not None and employee.deactivated_at is not None:
        return None  # no longer works here (the identity provider said): nothing of this organisation opens
    roles = frozenset(organisation.roles.filter(user=user).values_list("role", flat=True))
    if employee is None and not roles:
        programmes = frozenset().union(*(hook(user, organisation) for hook in GUEST_PROGRAMMES)) if guests else None
        if not programmes:
            return None
        return Membership(organisation, None, frozenset(), False, user_id=user.pk, guest_programmes=programmes)
    is_supervisor = employee is not None and employee.supervises
    return Membership(
        organisation=organisation, employee=employee, roles=roles, is_supervisor=is_supervisor, user_id=user.pk
    )


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
    membership: Membership, employee_id: int, *, actor: User, origin: str | None = None, source: str = ""
) -> Employee:
    """An employee's details for the member, with the read of another person's data audited."""
    employee = access_employee(membership, employee_id)
    if membership.employee is None or membership.employee.pk != employee.pk:
        audit.record(
            actor=actor,
            action="employee.viewed",
            organisation=membership.organisation,
            subject=employee,
            origin=origin,
            details={"source": source} if source else {},
        )
    return employee


OrganisationView = Callable[Concatenate[OrganisationRequest, P], HttpResponseBase]
RoutedView = Callable[Concatenate[HttpRequest, str, P], HttpResponseBase]


def organisation_view(
    capability: str | None = None, *, guests: bool = False
) -> Callable[[OrganisationView[P]], RoutedView[P]]:
    """Resolve the organisation from the URL once; 404 when it is not yours,
    403 when you lack the capability the view declares. `guests`: the view also serves outside
    trainers and coaches (it must itself keep them to their programmes)."""

    def decorator(view: OrganisationView[P]) -> RoutedView[P]:
        def wrapped(request: HttpRequest, org_slug: str, *args: P.args, **kwargs: P.kwargs) -> HttpResponseBase:
            organisation = Organisation.objects.filter(slug=org_slug).first()
            membership = membership_for(request.user, organisation, guests=guests) if organisation else None
            if organisation is None or membership is None:
                raise Http404
            if capability is not None and not membership.can(capability):
                raise PermissionDenied
            typed = cast(OrganisationRequest, request)  # the same object, given what the type declares here
            typed.organisation = organisation
            typed.membership = membership
            if typed.user.last_organisation_id != organisation.pk:
                typed.user.last_organisation = organisation
                typed.user.save(update_fields=["last_organisation"])
            return view(typed, *args, **kwargs)

        update_wrapper(wrapped, view)
        return login_required(wrapped)

    return decorator


def audit_events_of(organisation: Organisation) -> QuerySet[AuditEvent]:
    """Events of the organisation, plus account events (sign-ins) of its people."""
    member_users = Employee.objects.filter(organisation=organisation, user__isnull=False).values("user_id")
    role_users = OrganisationRole.objects.filter(organisation=organisation).values("user_id")
    return AuditEvent.objects.filter(
        Q(organisation=organisation)
        | Q(organisation__isnull=True, actor_id__in=member_users)
        | Q(organisation__isnull=True, actor_id__in=role_users)
    )
