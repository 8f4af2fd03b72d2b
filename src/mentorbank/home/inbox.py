"""Everything that waits for one person's decision, from every domain: the Approvals page lists it and the
home page counts it, so the two never disagree."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from mentorbank.applications.models import Application
from mentorbank.bank.models import MentorRequest
from mentorbank.mentorships.models import Agreement, Approval
from mentorbank.organisations.access import Membership
from mentorbank.organisations.models import Employee


@dataclass
class Inbox:
    """What waits for this member: as a supervisor (their own staff's) and as HR (their organisation's)."""

    applications: QuerySet[Application]
    bank_requests: QuerySet[MentorRequest]
    agreement_approvals: QuerySet[Approval]
    hr_applications: QuerySet[Application]
    hr_agreement_approvals: QuerySet[Approval]

    def counts(self) -> dict[str, int]:
        """How many wait in each list (one query a list)."""
        return {
            name: getattr(self, name).count()
            for name in (
                "applications",
                "bank_requests",
                "agreement_approvals",
                "hr_applications",
                "hr_agreement_approvals",
            )
        }

    def count(self) -> int:
        return sum(self.counts().values())


def inbox_of(membership: Membership) -> Inbox:
    supervisor = membership.employee if membership.is_supervisor else None
    organisation = membership.organisation if membership.is_hr else None
    return Inbox(
        applications=supervisor_applications(supervisor),
        bank_requests=bank_requests_awaiting(supervisor),
        agreement_approvals=Approval.objects.filter(
            kind=Approval.SUPERVISOR,
            approver=supervisor,
            state=Approval.WAITING,
            agreement__state=Agreement.APPROVING,
        )
        .select_related("participant", "agreement__mentorship__programme")
        .order_by("pk")
        if supervisor
        else Approval.objects.none(),
        hr_applications=Application.objects.active()
        .filter(employee__organisation=organisation, hr_decision=Application.PENDING)
        .select_related("employee", "programme")
        .order_by("created_at")
        if organisation
        else Application.objects.none(),
        hr_agreement_approvals=Approval.objects.filter(
            kind=Approval.HR, organisation=organisation, state=Approval.WAITING, agreement__state=Agreement.APPROVING
        )
        .select_related("agreement__mentorship__programme")
        .order_by("pk")
        if organisation
        else Approval.objects.none(),
    )


def supervisor_applications(supervisor: Employee | None) -> QuerySet[Application]:
    if supervisor is None:
        return Application.objects.none()
    return (
        Application.objects.awaiting_supervisor(supervisor)
        .select_related("employee", "programme")
        .order_by("created_at")
    )


def bank_requests_awaiting(supervisor: Employee | None) -> QuerySet[MentorRequest]:
    """Accepted mentor-bank requests whose time use waits for this supervisor."""
    if supervisor is None:
        return MentorRequest.objects.none()
    return (
        MentorRequest.objects.filter(state=MentorRequest.ACCEPTED)
        .filter(
            Q(mentee__supervisor=supervisor, mentee_supervisor_approval=MentorRequest.WAITING)
            | Q(mentor__employee__supervisor=supervisor, mentor_supervisor_approval=MentorRequest.WAITING)
        )
        .select_related("mentee", "mentor__employee")
        .order_by("answered_at")
    )
