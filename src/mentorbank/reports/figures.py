"""The figures of the reports, each in a constant number of queries whatever the data size.

Filters: the organisation (always), a programme, a unit, a profession group, a period."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Avg, Count, Q, QuerySet, Sum

from mentorbank.matching.models import Match
from mentorbank.mentorships import working_time
from mentorbank.mentorships.models import Meeting, MeetingTime, Member, Mentorship, SubstituteRequest
from mentorbank.organisations.models import Employee, Organisation
from mentorbank.programmes.models import Application


@dataclass
class Filters:
    organisation: Organisation
    start: datetime.date
    end: datetime.date
    programme_id: int | None = None
    unit_id: int | None = None
    profession_group_id: int | None = None

    def bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        """From the first day's start to the day after the last (both in local time)."""
        return working_time.bounds(self.start, self.end + datetime.timedelta(days=1))

    def staff(self) -> QuerySet[Employee]:
        people = self.organisation.employees.order_by()  # no default ordering in groupings
        if self.unit_id:
            people = people.filter(unit_id=self.unit_id)
        if self.profession_group_id:
            people = people.filter(profession_group_id=self.profession_group_id)
        return people

    def mentorships(self) -> QuerySet[Mentorship]:
        """Mentorships that were on at some point of the period, with someone of the staff in them."""
        low, high = self.bounds()
        found = Mentorship.objects.filter(created_at__lt=high).filter(Q(ended_at__isnull=True) | Q(ended_at__gte=low))
        if self.programme_id:
            found = found.filter(programme_id=self.programme_id)
        if self.unit_id or self.profession_group_id:
            return found.filter(members__employee__in=self.staff()).distinct()
        # the whole organisation: a join on the organisation, not a subquery of all its staff
        return found.filter(members__employee__organisation=self.organisation).distinct()


def share(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def coverage(filters: Filters) -> dict[str, Any]:
    """Staff who took part in a mentorship in the period, by unit and by profession group."""
    staff = filters.staff()
    taking_part = Member.objects.filter(mentorship__in=filters.mentorships(), employee__in=staff)
    rows = {}
    names_of = {
        "unit": dict(filters.organisation.units.values_list("pk", "name")),
        "profession_group": dict(filters.organisation.profession_groups.values_list("pk", "name")),
    }
    for key in ("unit", "profession_group"):
        totals = dict(staff.values_list(f"{key}_id").annotate(n=Count("pk")))
        names = names_of[key]
        part = dict(taking_part.values_list(f"employee__{key}_id").annotate(n=Count("employee", distinct=True)))
        rows[key] = sorted(
            (
                {
                    "name": names.get(k) or "–",
                    "staff": n,
                    "taking_part": part.get(k, 0),
                    "share": share(part.get(k, 0), n),
                }
                for k, n in totals.items()
            ),
            key=lambda r: (-r["share"], r["name"]),
        )
    total_staff = staff.count()
    total_part = taking_part.values("employee").distinct().count()
    return {"staff": total_staff, "taking_part": total_part, "share": share(total_part, total_staff), **rows}


def activity(filters: Filters) -> dict[str, Any]:
    low, high = filters.bounds()
    mentorships = filters.mentorships()
    by_state = dict(mentorships.values_list("state").annotate(n=Count("pk", distinct=True)))
    labels = dict(Mentorship.STATES)
    held = Meeting.objects.filter(
        mentorship__in=mentorships, state=Meeting.HELD, starts_at__gte=low, starts_at__lt=high
    )
    minutes = MeetingTime.objects.filter(meeting__in=held, employee__in=filters.staff()).aggregate(n=Sum("minutes"))[
        "n"
    ]
    substitutes = SubstituteRequest.objects.filter(meeting__in=held, state=SubstituteRequest.ARRANGED).aggregate(
        n=Sum("meeting__minutes")
    )["n"]
    return {
        "by_state": [(labels[code], by_state.get(code, 0)) for code in labels],
        "meetings_held": held.count(),
        "hours": round((minutes or 0) / 60, 1),
        "substitute_hours": round((substitutes or 0) / 60, 1),
    }


def supply_and_demand(filters: Filters) -> dict[str, Any]:
    low, high = filters.bounds()
    applications = Application.objects.filter(
        employee__in=filters.staff(), created_at__gte=low, created_at__lt=high
    ).exclude(withdrawn_at__isnull=False)
    if filters.programme_id:
        applications = applications.filter(programme_id=filters.programme_id)
    roles = dict(applications.values_list("role").annotate(n=Count("pk")))
    mentees = applications.filter(role__in=[Application.MENTEE, Application.BOTH])
    mentors = applications.filter(role__in=[Application.MENTOR, Application.BOTH])
    matched = Match.objects.filter(mentee__in=mentees)
    waits = [
        (made - applied).total_seconds() for made, applied in matched.values_list("created_at", "mentee__created_at")
    ]
    load = (
        Match.objects.filter(mentor__in=mentors).values("mentor").annotate(n=Count("pk")).aggregate(avg=Avg("n"))["avg"]
    )
    return {
        "mentee_applications": roles.get(Application.MENTEE, 0) + roles.get(Application.BOTH, 0),
        "mentor_applications": roles.get(Application.MENTOR, 0) + roles.get(Application.BOTH, 0),
        "matched": matched.values("mentee").distinct().count(),
        "matched_share": share(matched.values("mentee").distinct().count(), mentees.count()),
        "days_to_match": round(sum(waits) / len(waits) / 86400, 1) if waits else None,
        "mentor_load": round(load, 2) if load else None,
    }
