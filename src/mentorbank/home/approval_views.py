"""A supervisor's approvals: what waits for them from every domain (applications, mentor-bank
requests, pairs to form), in one place."""

from django.db.models import Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import render

from mentorbank.applications import applying
from mentorbank.applications.models import Application
from mentorbank.bank.models import MentorRequest
from mentorbank.core.pagination import paginate, query_without_page
from mentorbank.matching.staff import programmes_for_supervisor
from mentorbank.organisations.access import OrganisationRequest, organisation_view
from mentorbank.organisations.models import Employee


@organisation_view("decide_for_staff")
def approvals(request: OrganisationRequest) -> HttpResponse:
    """A supervisor's inbox: their own staff's applications waiting for approval, and who takes part."""
    membership = request.membership
    supervisor = membership.own_employee()
    pending = (
        Application.objects.awaiting_supervisor(supervisor)
        .select_related("employee", "programme")
        .order_by("created_at")
    )
    participation = paginate(request, applying.staff_in_programmes(supervisor), 50)
    return render(
        request,
        "home/approvals.html",
        {
            "pending": pending,
            "page": participation,
            "query": query_without_page(request),
            "bank_pending": with_own_staff(bank_requests_awaiting(supervisor), supervisor),
            "forming": programmes_for_supervisor(supervisor),
        },
    )


def with_own_staff(items: QuerySet[MentorRequest], supervisor: Employee) -> list[tuple[MentorRequest, str]]:
    """Each request with the names of this supervisor's own staff in it (the mentee, the mentor or both):
    a supervisor approves the time use of their own people, so the page names them."""
    rows = []
    for item in items:
        people = [item.mentee, item.mentor.employee]
        rows.append((item, " & ".join(p.full_name for p in people if p.supervisor_id == supervisor.pk)))
    return rows


def bank_requests_awaiting(supervisor: Employee) -> QuerySet[MentorRequest]:
    """Accepted mentor-bank requests whose time use waits for this supervisor."""
    return (
        MentorRequest.objects.filter(state=MentorRequest.ACCEPTED)
        .filter(
            Q(mentee__supervisor=supervisor, mentee_supervisor_approval=MentorRequest.WAITING)
            | Q(mentor__employee__supervisor=supervisor, mentor_supervisor_approval=MentorRequest.WAITING)
        )
        .select_related("mentee", "mentor__employee")
        .order_by("answered_at")
    )
