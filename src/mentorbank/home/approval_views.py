"""The Approvals page: everything a supervisor or HR must decide, from every domain, in one place."""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import HttpResponse
from django.shortcuts import render

from mentorbank.applications import applying
from mentorbank.bank.models import MentorRequest
from mentorbank.core.pagination import paginate, query_without_page
from mentorbank.matching.staff import programmes_for_supervisor
from mentorbank.mentorships.models import Approval, Member
from mentorbank.organisations.access import OrganisationRequest, organisation_view
from mentorbank.organisations.models import Employee

from .inbox import inbox_of

SHOWN = 50  # rows of each list; the oldest first, so nothing waits unseen for long


@organisation_view()
def approvals(request: OrganisationRequest) -> HttpResponse:
    """A supervisor's and HR's inbox, and the supervisor's own staff taking part."""
    membership = request.membership
    if not (membership.is_supervisor or membership.is_hr):
        raise PermissionDenied
    inbox = inbox_of(membership)
    counts = inbox.counts()
    context = {
        "waiting": sum(counts.values()),
        "shown": SHOWN,
        "pending": list(inbox.applications[:SHOWN]),
        "bank_pending": with_own_staff(inbox.bank_requests[:SHOWN], membership.employee),
        "agreement_approvals": list(inbox.agreement_approvals[:SHOWN]),
        "hr_applications": list(inbox.hr_applications[:SHOWN]),
        "hr_applications_count": counts["hr_applications"],
        "hr_agreement_approvals": with_participant_names(inbox.hr_agreement_approvals[:SHOWN]),
        "hr_agreement_approvals_count": counts["hr_agreement_approvals"],
    }
    if membership.is_supervisor:
        supervisor = membership.own_employee()
        context["page"] = paginate(request, applying.staff_in_programmes(supervisor), 50)
        context["query"] = query_without_page(request)
        context["forming"] = programmes_for_supervisor(supervisor)
    return render(request, "home/approvals.html", context)


def with_participant_names(items: QuerySet[Approval]) -> list[Approval]:
    """HR approves a whole agreement: name everyone in it."""
    current = Prefetch(
        "agreement__mentorship__members", Member.objects.current().select_related("employee"), to_attr="current"
    )
    approvals = list(items.prefetch_related(current))
    for approval in approvals:
        members = approval.agreement.mentorship.current  # type: ignore[attr-defined]
        approval.participant_names = ", ".join(m.employee.full_name for m in members)  # type: ignore[attr-defined]
    return approvals


def with_own_staff(items: QuerySet[MentorRequest], supervisor: Employee | None) -> list[tuple[MentorRequest, str]]:
    """Each request with the names of this supervisor's own staff in it (the mentee, the mentor or both):
    a supervisor approves the time use of their own people, so the page names them."""
    rows = []
    for item in items:
        people = [item.mentee, item.mentor.employee]
        rows.append((item, " & ".join(p.full_name for p in people if supervisor and p.supervisor_id == supervisor.pk)))
    return rows
