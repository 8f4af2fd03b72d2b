"""A person the organisation's identity provider deactivates (SCIM `active: false` or DELETE): they no
longer work there. They cannot sign in to it, they leave the bank and their open applications, and the
mentorships they were in go on without them, their companions told why. Nothing of theirs is deleted:
HR's removal or the retention rule does that. Reactivating lets them sign in again; what they left,
they rejoin themselves."""

from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from mentorbank.accounts.models import User
from mentorbank.applications.applying import application_withdraw
from mentorbank.applications.models import Application
from mentorbank.bank.models import MentorProfile, MentorRequest
from mentorbank.core import audit
from mentorbank.mentorships.course import leave
from mentorbank.mentorships.models import Member, Mentorship
from mentorbank.notifications.service import notify
from mentorbank.organisations.models import Employee, OrganisationRole

OPEN_MENTORSHIPS = [Mentorship.AGREEING, Mentorship.ACTIVE, Mentorship.PAUSED]
OPEN_REQUESTS = [MentorRequest.PENDING, MentorRequest.PROPOSED]


@transaction.atomic
def deactivate(*, employee: Employee, actor: Any, origin: str | None = None, details: dict[str, Any]) -> Employee:
    """`details` say who asked (the provisioning token), for the audit trail."""
    employee, changed = marked(employee, timezone.now(), actor=actor, origin=origin, details=details)
    if not changed:
        return employee
    leave_the_bank(employee)
    for application in Application.objects.active().filter(employee=employee, programme__closed_at__isnull=True):
        application_withdraw(application=application, actor=actor, origin=origin)
    leave_mentorships(employee, actor=actor, origin=origin)
    if employee.user is not None and not works_elsewhere(employee.user, employee):
        User.objects.filter(pk=employee.user.pk).update(is_active=False)  # ends their sessions and API tokens too
    return employee


@transaction.atomic
def reactivate(*, employee: Employee, actor: Any, origin: str | None = None, details: dict[str, Any]) -> Employee:
    employee, changed = marked(employee, None, actor=actor, origin=origin, details=details)
    closed = employee.user is None or employee.user.email.startswith("removed-")  # privacy closed it for good
    if changed and employee.user is not None and not closed:
        User.objects.filter(pk=employee.user.pk).update(is_active=True)
    return employee


def marked(
    employee: Employee, deactivated_at: Any, *, actor: Any, origin: str | None, details: dict[str, Any]
) -> tuple[Employee, bool]:
    """The employee, locked, deactivated at that time (None: active again); whether that changed it."""
    # only the employee's row: PostgreSQL locks nothing on the nullable side of the account's outer join
    locked = Employee.objects.select_for_update(of=("self",)).select_related("organisation", "user")
    employee = locked.get(pk=employee.pk)
    if (employee.deactivated_at is None) == (deactivated_at is None):
        return employee, False
    employee.deactivated_at = deactivated_at
    employee.save(update_fields=["deactivated_at", "updated_at"])
    audit.record(
        actor=actor,
        action="employee.deactivated" if deactivated_at else "employee.reactivated",
        organisation=employee.organisation,
        subject=employee,
        details=details,
        origin=origin,
    )
    return employee, True


def works_elsewhere(user: User, employee: Employee) -> bool:
    """Whether the account still opens another organisation: another employment in force, or a role."""
    other_jobs = Employee.objects.filter(user=user, deactivated_at__isnull=True, anonymised_at__isnull=True)
    roles = OrganisationRole.objects.filter(user=user).exclude(organisation=employee.organisation)
    return other_jobs.exclude(pk=employee.pk).exists() or roles.exists()


def leave_the_bank(employee: Employee) -> None:
    """Out of the bank's search; requests waiting for an answer, to them or from them, are cancelled."""
    MentorProfile.objects.filter(employee=employee).update(in_bank=False)
    waiting = MentorRequest.objects.filter(Q(mentee=employee) | Q(mentor__employee=employee), state__in=OPEN_REQUESTS)
    waiting.update(state=MentorRequest.CANCELLED)


def leave_mentorships(employee: Employee, *, actor: Any, origin: str | None) -> None:
    memberships = (
        Member.objects.current()
        .filter(employee=employee, mentorship__state__in=OPEN_MENTORSHIPS)
        .select_related("mentorship__organisation")
    )
    for member in memberships:
        leave(member=member, actor=actor, origin=origin)
        mentorship = Mentorship.objects.get(pk=member.mentorship_id)
        companions = mentorship.members.current().select_related("employee__user", "employee__organisation")
        for companion in companions:
            notify(
                user=companion.employee.user,
                template="companion_left_organisation",
                organisation=companion.employee.organisation,
                context={"gone": employee, "mentorship": mentorship, "employee": companion.employee},
            )
