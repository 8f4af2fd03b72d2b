"""What the home page shows of mentorships, per role, in a constant number of queries."""

import datetime
from collections import defaultdict
from typing import Any

from django.db.models import Count, Sum
from django.utils import timezone

from mentorbank.organisations.access import Membership
from mentorbank.organisations.models import Employee

from . import working_time
from .models import Insight, Meeting, MeetingTime, Member, Mentorship, SubstituteRequest
from .services import current_agreement

OPEN = (Mentorship.AGREEING, Mentorship.ACTIVE, Mentorship.PAUSED)
PERIODS = ("week", "two_weeks", "month")


def time_used(employee_ids: list[int], today: datetime.date) -> dict[tuple[int, int], int]:
    """Minutes used or planned in the current period, by (employee, programme) — three period kinds,
    two queries each, whatever the number of people."""
    used: dict[tuple[int, int], int] = defaultdict(int)
    for period in PERIODS:
        start = working_time.period_start(today, period)
        low, high = working_time.bounds(start, working_time.period_end(start, period))
        meetings = Meeting.objects.filter(
            starts_at__gte=low, starts_at__lt=high, mentorship__programme__working_time_period=period
        )
        recorded = (
            MeetingTime.objects.filter(meeting__in=meetings, employee_id__in=employee_ids)
            .values("employee_id", "meeting__mentorship__programme_id")
            .annotate(n=Sum("minutes"))
        )
        for row in recorded:
            used[(row["employee_id"], row["meeting__mentorship__programme_id"])] += row["n"]
        planned = (
            Member.objects.current()
            .filter(employee_id__in=employee_ids, mentorship__meetings__in=meetings.filter(state=Meeting.PLANNED))
            .values("employee_id", "mentorship__programme_id")
            .annotate(n=Sum("mentorship__meetings__minutes"))
        )
        for planned_row in planned:
            used[(planned_row["employee_id"], planned_row["mentorship__programme_id"])] += planned_row["n"]
    return used


def participant_panel(employee: Employee) -> dict[str, Any]:
    now = timezone.now()
    memberships = list(
        Member.objects.current()
        .filter(employee=employee, mentorship__state__in=OPEN)
        .select_related("mentorship__programme")
        .order_by("-mentorship__created_at")[:10]
    )
    mentorships = [m.mentorship for m in memberships]
    next_meeting = (
        Meeting.objects.filter(mentorship__in=mentorships, state=Meeting.PLANNED, starts_at__gte=now)
        .select_related("mentorship")
        .order_by("starts_at")
        .first()
    )
    used = time_used([employee.pk], timezone.localdate()) if mentorships else {}
    rows = []
    for mentorship in mentorships:
        programme = mentorship.programme
        limit = programme.working_time_minutes if programme else None
        minutes = used.get((employee.pk, programme.pk), 0) if programme else 0
        rows.append({"mentorship": mentorship, "used": minutes, "limit": limit, "left": max((limit or 0) - minutes, 0)})
    goals = []
    for mentorship in mentorships[:3]:  # at most three small queries
        agreement = current_agreement(mentorship)
        if agreement:
            goals += agreement.goals_of(employee)
    return {"my_mentorships": rows, "next_meeting": next_meeting, "my_goals": goals}


def supervisor_panel(supervisor: Employee) -> dict[str, Any]:
    today = timezone.localdate()
    taking_part = list(
        Member.objects.current()
        .filter(employee__supervisor=supervisor, mentorship__state__in=OPEN)
        .select_related("employee", "mentorship__programme")
        .order_by("employee__last_name", "employee__first_name", "pk")
    )
    used = time_used([m.employee_id for m in taking_part], today)
    staff_rows = []
    for member in taking_part[:50]:
        programme = member.mentorship.programme
        staff_rows.append(
            {
                "member": member,
                "used": used.get((member.employee_id, programme.pk), 0) if programme else 0,
                "limit": programme.working_time_minutes if programme else None,
            }
        )
    substitutes = SubstituteRequest.objects.filter(
        supervisor=supervisor,
        state=SubstituteRequest.NEEDED,
        meeting__state=Meeting.PLANNED,
        meeting__starts_at__gte=timezone.now(),
    ).select_related("employee", "meeting")
    arranged = SubstituteRequest.objects.filter(
        supervisor=supervisor,
        state=SubstituteRequest.ARRANGED,
        meeting__starts_at__gte=timezone.now() - datetime.timedelta(days=30),
    ).select_related("employee", "meeting")
    return {
        "substitutes_arranged": list(arranged[:20]),
        "staff_taking_part": staff_rows,
        "staff_taking_part_count": len(taking_part),
        "substitutes_needed": list(substitutes[:20]),
        "open_insights": Insight.objects.filter(units__employees__supervisor=supervisor, discussed_at__isnull=True)
        .distinct()
        .count(),
    }


def hr_panel(membership: Membership) -> dict[str, Any]:
    organisation = membership.organisation
    by_state = dict(Mentorship.objects.filter(organisation=organisation).values_list("state").annotate(n=Count("pk")))
    labels = dict(Mentorship.STATES)
    return {
        "mentorships_by_state": [(labels[code], by_state.get(code, 0)) for code in labels],
    }
