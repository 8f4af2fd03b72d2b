"""Supervisors form pairs among their own staff: the engine suggests, the supervisor decides."""

from typing import Any

from django.db import transaction
from django.db.models import Count, QuerySet

from mentorbank.applications.models import Application
from mentorbank.core import audit
from mentorbank.mentorships.services import create_from_matches
from mentorbank.organisations.models import Employee
from mentorbank.programmes.models import Programme

from . import engine
from .cohort import approved_applications, load_cohort
from .models import Match
from .rules import rules_for
from .services import MatchingRefused, check_pair, tell_participants

FORMING_STATES = (Programme.MATCHING, Programme.RUNNING)
SUPERVISOR_METHODS = ("supervisor", "mixed")


def programmes_for_supervisor(supervisor: Employee) -> QuerySet[Programme]:
    """Programmes where this supervisor forms pairs: some of their staff have an approved application."""
    staff_ids = Employee.objects.filter(supervisor=supervisor).values("pk")
    return (
        Programme.objects.filter(
            state__in=FORMING_STATES,
            matching_method__in=SUPERVISOR_METHODS,
            applications__employee__in=staff_ids,
            applications__withdrawn_at__isnull=True,
        )
        .distinct()
        .order_by("-created_at")
    )


def staff_applications(programme: Programme, supervisor: Employee) -> QuerySet[Application]:
    return approved_applications(programme).filter(employee__supervisor=supervisor)


def open_places(programme: Programme, applications: list[Application]) -> tuple[set[int], dict[int, int]]:
    """Mentee applications already matched, and each mentor application's places left."""
    ids = [a.pk for a in applications]
    matched = set(programme.matches.filter(mentee_id__in=ids).values_list("mentee_id", flat=True))
    used = dict(
        programme.matches.filter(mentor_id__in=ids)
        .values("mentor_id")
        .annotate(n=Count("pk"))
        .values_list("mentor_id", "n")
    )
    return matched, {a.pk: a.mentor_capacity - used.get(a.pk, 0) for a in applications if a.wants_to_mentor}


def suggestions(programme: Programme, supervisor: Employee) -> engine.Proposal:
    """The engine's best pairs among the supervisor's staff who are not yet matched."""
    staff = {str(a.pk) for a in staff_applications(programme, supervisor)}
    cohort = load_cohort(programme, only=[int(pk) for pk in staff])
    applications = [cohort.applications[pk] for pk in staff]
    matched, places = open_places(programme, applications)
    mentees = [p for p in cohort.mentees if p.id in staff and int(p.id) not in matched]
    mentors = [
        engine.Participant(**{**vars(p), "capacity": max(places.get(int(p.id), 0), 0)})
        for p in cohort.mentors
        if p.id in staff
    ]
    return engine.match_pairs(mentees, mentors, rules=rules_for(programme, cohort))


def form_pair(
    *,
    programme: Programme,
    supervisor: Employee,
    mentee: Application,
    mentor: Application,
    actor: Any,
    origin: str | None = None,
) -> Match:
    """Create the pair, after the same hard rules the engine keeps; both are told."""
    staff = staff_applications(programme, supervisor)
    if not staff.filter(pk=mentee.pk).exists() or not staff.filter(pk=mentor.pk).exists():
        raise MatchingRefused("not_your_staff")
    with transaction.atomic():
        Programme.objects.select_for_update().get(pk=programme.pk)
        matched, places = open_places(programme, [mentee, mentor])
        if mentee.pk in matched:
            raise MatchingRefused("already_matched")
        if places.get(mentor.pk, 0) <= 0:
            raise MatchingRefused("mentor_full")
        broken = check_pair(programme, mentee, mentor, unmatched_only=False)
        if broken:
            raise MatchingRefused(*broken)
        match = Match.objects.create(programme=programme, mentee=mentee, mentor=mentor)
        audit.record(
            actor=actor,
            action="matching.formed_by_supervisor",
            organisation=programme.owner,
            subject=mentee.employee,
            details={"programme": programme.pk, "mentor": mentor.employee.full_name},
            origin=origin,
        )
        create_from_matches(programme=programme, matches=[match], peer=False, actor=actor)
        tell_participants(programme, [match])
    return match
