"""The figures of the reports, each in a constant number of queries whatever the data size.

Filters: the organisation (always), a programme, a unit, a profession group, a period."""

import bisect
import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Avg, Count, Min, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext

from mentorbank.matching.models import Match
from mentorbank.mentorships import working_time
from mentorbank.mentorships.models import Meeting, MeetingTime, Member, Mentorship, SubstituteRequest, TimeException
from mentorbank.organisations.models import Employee, Organisation
from mentorbank.programmes.models import Application, Programme


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
        return Employee.objects.order_by().filter(self.staff_q())  # no default ordering in groupings

    def staff_q(self, path: str = "") -> Q:
        """The chosen staff, as a condition on the employee at `path` (e.g. "employee__"): a join, not a
        subquery of all the organisation's people, which SQLite would run row by row."""
        q = Q(**{f"{path}organisation": self.organisation})
        if self.unit_id:
            q &= Q(**{f"{path}unit_id": self.unit_id})
        if self.profession_group_id:
            q &= Q(**{f"{path}profession_group_id": self.profession_group_id})
        return q

    def mentorship_q(self, path: str = "") -> Q:
        """Mentorships that were on at some point of the period (in the chosen programme)."""
        low, high = self.bounds()
        q = Q(**{f"{path}created_at__lt": high}) & (
            Q(**{f"{path}ended_at__isnull": True}) | Q(**{f"{path}ended_at__gte": low})
        )
        if self.programme_id:
            q &= Q(**{f"{path}programme_id": self.programme_id})
        return q

    def held_q(self, path: str = "") -> Q:
        """Meetings held in the period (in the chosen programme)."""
        low, high = self.bounds()
        q = Q(**{f"{path}state": Meeting.HELD, f"{path}starts_at__gte": low, f"{path}starts_at__lt": high})
        if self.programme_id:
            q &= Q(**{f"{path}mentorship__programme_id": self.programme_id})
        return q

    def mentorships(self) -> QuerySet[Mentorship]:
        """Mentorships that were on at some point of the period, with someone of the staff in them."""
        # no default ordering: with DISTINCT it would split every grouping by creation time
        return Mentorship.objects.order_by().filter(self.mentorship_q(), self.staff_q("members__employee__")).distinct()

    def members(self) -> QuerySet[Member]:
        """The staff's places in those mentorships."""
        return Member.objects.order_by().filter(self.mentorship_q("mentorship__"), self.staff_q("employee__"))

    def time_used(self) -> QuerySet[MeetingTime]:
        """The staff's working time in meetings held in the period."""
        return MeetingTime.objects.order_by().filter(self.held_q("meeting__"), self.staff_q("employee__"))


def share(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def coverage(filters: Filters) -> dict[str, Any]:
    """Staff who took part in a mentorship in the period, by unit and by profession group."""
    staff = filters.staff()
    taking_part = filters.members()
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
    firsts = taking_part.values("employee").annotate(first=Min("mentorship__created_at")).values_list("first")
    over_time = reached_by_month(filters, [first for (first,) in firsts], total_staff)
    total_part = over_time[-1]["taking_part"] if over_time else 0
    return {
        "staff": total_staff,
        "taking_part": total_part,
        "share": share(total_part, total_staff),
        **rows,
        "over_time": over_time,
    }


MONTHS_SHOWN = 24


def reached_by_month(filters: Filters, firsts: list[datetime.datetime], staff: int) -> list[dict[str, Any]]:
    """People reached by the end of each month of the period, counting from its start (the last 24 months
    of a longer period); `firsts` holds each person's first mentorship's start."""
    zone = timezone.get_current_timezone()
    days = sorted(max(filters.start, timezone.localtime(first, zone).date()) for first in firsts)
    months = []
    month = filters.start.replace(day=1)
    while month <= filters.end:
        following = (month + datetime.timedelta(days=32)).replace(day=1)
        reached = bisect.bisect_left(days, min(following, filters.end + datetime.timedelta(days=1)))
        months.append({"month": month, "taking_part": reached, "share": share(reached, staff)})
        month = following
    return months[-MONTHS_SHOWN:]


def activity(filters: Filters) -> dict[str, Any]:
    low, high = filters.bounds()
    mentorships = filters.mentorships()
    by_state = dict(mentorships.values_list("state").annotate(n=Count("pk", distinct=True)))
    labels = dict(Mentorship.STATES)
    totals = filters.time_used().aggregate(minutes=Sum("minutes"), meetings=Count("meeting", distinct=True))
    substitutes = substitutes_arranged(filters).aggregate(n=Sum("meeting__minutes"))["n"]
    return {
        "by_state": [(labels[code], by_state.get(code, 0)) for code in labels],
        "meetings_held": totals["meetings"],
        "hours": round((totals["minutes"] or 0) / 60, 1),
        "substitute_hours": round((substitutes or 0) / 60, 1),
        "endings": endings(mentorships, low, high),
        "working_time": working_time_by_programme(filters),
    }


def substitutes_arranged(filters: Filters) -> QuerySet[SubstituteRequest]:
    """Substitutes arranged for the staff's meetings held in the period."""
    return SubstituteRequest.objects.filter(
        filters.held_q("meeting__"), filters.staff_q("employee__"), state=SubstituteRequest.ARRANGED
    )


def endings(mentorships: QuerySet[Mentorship], low: datetime.datetime, high: datetime.datetime) -> dict[str, Any]:
    """Of the mentorships that ended in the period: how many ran their course and how many ended early."""
    ended = dict(
        mentorships.filter(ended_at__gte=low, ended_at__lt=high)
        .values_list("state")
        .annotate(n=Count("pk", distinct=True))
    )
    completed, early = ended.get(Mentorship.COMPLETED, 0), ended.get(Mentorship.ENDED, 0)
    return {
        "completed": completed,
        "ended_early": early,
        "completed_share": share(completed, completed + early),
        "ended_early_share": share(early, completed + early),
    }


def working_time_by_programme(filters: Filters) -> list[dict[str, Any]]:
    """Per programme: working time the staff used in held meetings, against the programme's limit."""
    used = (
        filters.time_used()
        .values("meeting__mentorship__programme_id")
        .annotate(minutes=Sum("minutes"), people=Count("employee", distinct=True))
    )
    used_by = {row["meeting__mentorship__programme_id"]: row for row in used}
    extra = dict(
        TimeException.objects.filter(
            filters.staff_q("employee__"), programme_id__in=used_by, period_start__gte=filters.start
        )
        .filter(period_start__lte=filters.end)
        .values_list("programme_id")
        .annotate(n=Sum("extra_minutes"))
    )
    periods = dict(Programme.PERIODS)
    rows = []
    for programme in Programme.objects.filter(pk__in=[k for k in used_by if k]).order_by("name_fi"):
        row = used_by[programme.pk]
        limit = programme.working_time_minutes
        rows.append(
            {
                "programme": programme.name,
                "limit": (
                    gettext("%(minutes)s min %(period)s")
                    % {"minutes": limit, "period": periods[programme.working_time_period]}
                    if limit
                    else str(periods[""])
                ),
                "hours": round(row["minutes"] / 60, 1),
                "people": row["people"],
                "hours_per_person": round(row["minutes"] / 60 / row["people"], 1),
                "extra_hours_allowed": round(extra.get(programme.pk, 0) / 60, 1),
            }
        )
    return rows


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
