"""HR's view of reaching people: new starters (invited? joined?) and the cohorts' alumni in the bank."""

from django.db.models import Exists, OuterRef, Q
from django.http import HttpResponse
from django.shortcuts import render

from mentorbank.applications.announcements import new_starters
from mentorbank.applications.models import Application
from mentorbank.bank.models import MentorProfile, MentorRequest
from mentorbank.core.pagination import paginate
from mentorbank.organisations.access import OrganisationRequest, organisation_view
from mentorbank.programmes.models import Programme


@organisation_view("manage_programmes")
def new_starter_list(request: OrganisationRequest) -> HttpResponse:
    """Everyone who started within six months: invited to mentoring yet, and joined (applied to a
    programme, asked a mentor in the bank or joined it as a mentor)."""
    people = (
        new_starters(request.organisation)
        .select_related("unit", "mentoring_invitation")
        .annotate(
            applied=Exists(Application.objects.filter(employee=OuterRef("pk"), withdrawn_at__isnull=True)),
            asked=Exists(MentorRequest.objects.filter(mentee=OuterRef("pk"))),
            mentor=Exists(MentorProfile.objects.filter(employee=OuterRef("pk"), in_bank=True)),
        )
        .order_by("-start_date", "last_name", "pk")
    )
    return render(request, "home/new_starters.html", {"page": paginate(request, people, 50)})


@organisation_view("manage_programmes")
def alumni_in_bank(request: OrganisationRequest) -> HttpResponse:
    """The mentees of the organisation's closed cohorts (invited to the bank when their cohort closed)
    and which of them have joined the bank as mentors since."""
    joined = MentorProfile.objects.filter(employee=OuterRef("employee_id"), in_bank=True)
    alumni = (
        Application.objects.filter(
            programme__owner=request.organisation,
            programme__state=Programme.CLOSED,
            role__in=[Application.MENTEE, Application.BOTH],
            withdrawn_at__isnull=True,
            employee__anonymised_at__isnull=True,
        )
        .filter(Q(employee__organisation=request.organisation))
        .select_related("employee__unit", "programme")
        .annotate(joined=Exists(joined))
        .order_by("-programme__closed_at", "employee__last_name", "pk")
    )
    counts = {"alumni": alumni.count(), "joined": alumni.filter(joined=True).count()}
    return render(request, "home/alumni.html", {"page": paginate(request, alumni, 50), "counts": counts})
