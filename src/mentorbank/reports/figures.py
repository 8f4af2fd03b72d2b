"""The figures of the reports, each in a constant number of queries whatever the data size.

Filters: the organisation (always), a programme, a unit, a profession group, a period."""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.db.models import (
    Avg,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from mentorbank.applications.models import Application
from mentorbank.matching.models import Match
from mentorbank.mentorships import working_time
from mentorbank.mentorships.models import Meeting, MeetingTime, Member, Mentorship, SubstituteRequest, TimeException
from mentorbank.organisations.kept import kept
from mentorbank.organisations.models import Employee, Organisation, ProfessionGroup
from mentorbank.programmes.models import Programme


@dataclass
class Filters:
    organisation: Organisation
    start: datetime.date
    end: datetime.date
    programme_id: int | None = None
    unit_id: int | None = None
    profession_group_id: int | None = None
    # outcomes of the owned programmes' every organisation, not only the own staff's (the owner only)
    whole_programme: bool = False

    def bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        """From the first day's start to the day after the last (both in local time)."""
        return working_time.bounds(self.start, self.end + datetime.timedelta(days=1))

    def staff(self) -> QuerySet[Employee]:
        # today's staff: not people removed or stood in for by the retention rule; no ordering in groupings
        return Employee.objects.order_by().filter(self.staff_q(), anonymised_at__isnull=True)

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
        # a semi-join: no DISTINCT to sort away; no default ordering, which would split every grouping
        staff_member = Member.objects.filter(self.staff_q("employee__"), mentorship=OuterRef("pk"))
        return Mentorship.objects.order_by().filter(self.mentorship_q(), Exists(staff_member))

    def members(self) -> QuerySet[Member]:
        """The staff's places in those mentorships."""
        return Member.objects.order_by().filter(self.mentorship_q("mentorship__"), self.staff_q("employee__"))

    def time_used(self) -> QuerySet[MeetingTime]:
        """The staff's working time in meetings held in the period."""
        return MeetingTime.objects.order_by().filter(self.held_q("meeting__"), self.staff_q("employee__"))

    @cached_property
    def profession_groups(self) -> dict[int, ProfessionGroup]:
        """The organisation's profession groups by id (a few dozen), read once for every section."""
        return {group.pk: group for group in self.organisation.profession_groups.all()}

    @cached_property
    def profession_group_names(self) -> dict[int, str]:
        return {pk: group.name for pk, group in self.profession_groups.items()}

    @cached_property
    def unit_names(self) -> dict[int, str]:
        """The organisation's units' names by id, read once for every section."""
        return dict(self.organisation.units.values_list("pk", "name"))

    @cached_property
    def time_by_unit_and_group(self) -> list[dict[str, Any]]:
        """Minutes and people per unit and profession group, in all and under each role in the
        mentorship (`minutes_mentor`, `people_mentor`, …), read once for the sections that share it.
        Each person is in one unit and one group, so its rows add up exactly to the figures by unit,
        by group and in all, and its role columns to those by role (one grouped read for all of them;
        a person in two roles is one person in the row's `people`)."""
        grouped = self.time_used_by_role().values("employee__unit_id", "employee__profession_group_id")
        sums: dict[str, Any] = {}
        for code, _label in Member.ROLES:
            sums[f"minutes_{code}"] = Sum("minutes", filter=Q(member_role=code))
            sums[f"people_{code}"] = Count("employee", distinct=True, filter=Q(member_role=code))
        sums |= {"minutes": Sum("minutes"), "people": Count("employee", distinct=True)}  # last: they rename fields
        return [dict(row) for row in grouped.annotate(**sums)]

    @cached_property
    def time_by_profession_group(self) -> list[dict[str, Any]]:
        """Minutes and people per profession group, with its name."""
        names = self.profession_group_names
        named = [
            {**row, "employee__profession_group__name": names.get(row["employee__profession_group_id"])}
            for row in self.time_by_unit_and_group
        ]
        return summed(named, "employee__profession_group_id", "employee__profession_group__name")

    def time_by_unit_name(self) -> list[dict[str, Any]]:
        """Minutes and people per unit name (units of the same name together, as the report lists them)."""
        names = self.unit_names
        return summed(
            [
                {**row, "employee__unit__name": names.get(row["employee__unit_id"])}
                for row in self.time_by_unit_and_group
            ],
            "employee__unit__name",
        )

    @cached_property
    def time_by_role_and_group(self) -> list[dict[str, Any]]:
        """Minutes and people per role in the mentorship and profession group."""
        rows = [
            {
                "member_role": code,
                "employee__profession_group_id": row["employee__profession_group_id"],
                "minutes": row[f"minutes_{code}"],
                "people": row[f"people_{code}"],
            }
            for row in self.time_by_unit_and_group
            for code, _label in Member.ROLES
            if row[f"people_{code}"]
        ]
        return summed(rows, "member_role", "employee__profession_group_id")

    def time_used_by_role(self) -> Any:  # a QuerySet of MeetingTime with `member_role` (the stubs cannot say so)
        """The same, each with `member_role`: what the person was in that mentorship (mentor, mentee,
        peer), as recorded with the time; looked up for rows written without it (COALESCE evaluates
        the lookup only for those: per row, it cost more than the whole sum)."""
        role = Member.objects.filter(mentorship=OuterRef("meeting__mentorship"), employee=OuterRef("employee"))
        looked_up = Subquery(role.values("role")[:1])
        return self.time_used().annotate(member_role=Coalesce(NullIf("role", Value("")), looked_up))


def summed(rows: Iterable[Mapping[str, Any]], *keys: str) -> list[dict[str, Any]]:
    """Rows added up (minutes and people) by these keys."""
    totals: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in rows:
        total = totals.setdefault(
            tuple(row[key] for key in keys), {key: row[key] for key in keys} | {"minutes": 0, "people": 0}
        )
        total["minutes"] += row["minutes"]
        total["people"] += row["people"]
    return list(totals.values())


def period(start: datetime.date | None, end: datetime.date | None) -> tuple[datetime.date, datetime.date]:
    """The report's period: by default from 1 January to today (an end before the start is the
    caller's to refuse)."""
    today = timezone.localdate()
    start = start or today.replace(month=1, day=1)
    return start, end or max(today, start)


def share(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def coverage(filters: Filters) -> dict[str, Any]:
    """Staff who took part in a mentorship in the period, by unit and by profession group."""
    # one count per (unit, profession group): each person is in one of each, so the sums are exact
    staff = kept(  # counting everyone is the cost of a large organisation: kept until its people change
        filters.organisation,
        ("staff by unit and profession group", filters.unit_id, filters.profession_group_id),
        lambda: list(filters.staff().values_list("unit_id", "profession_group_id").annotate(n=Count("pk"))),
    )
    months = months_of(filters)
    part = reached_by_cell(filters, months)
    names_of = {
        "unit": filters.unit_names,
        "profession_group": filters.profession_group_names,
    }
    rows = {key: by_group(staff, part, index, names_of[key]) for index, key in enumerate(names_of)}
    total_staff = sum(row["staff"] for row in rows["unit"])
    reached = [sum(row[3 + k] for row in part) for k in range(len(months))]  # after unit, group and n
    over_time = [
        {"month": month, "taking_part": n, "share": share(n, total_staff)}
        for (month, _end), n in zip(months, reached, strict=True)
    ]
    total_part = over_time[-1]["taking_part"] if over_time else 0
    return {
        "staff": total_staff,
        "taking_part": total_part,
        "share": share(total_part, total_staff),
        **rows,
        "over_time": over_time,
    }


def by_group(staff: Any, part: Any, index: int, names: dict[int, str]) -> list[dict[str, Any]]:
    """Staff and those who took part per unit (index 0) or profession group (index 1), highest share first."""
    totals: dict[int | None, int] = defaultdict(int)
    taking: dict[int | None, int] = defaultdict(int)
    for row in staff:
        totals[row[index]] += row[2]
    for row in part:
        taking[row[index]] += row[2]
    rows = [
        {
            "name": (names.get(k) if k is not None else None) or "–",
            "staff": n,
            "taking_part": taking[k],
            "share": share(taking[k], n),
        }
        for k, n in totals.items()
    ]
    return sorted(rows, key=lambda r: (-r["share"], r["name"]))


MONTHS_SHOWN = 24


def months_of(filters: Filters) -> list[tuple[datetime.date, datetime.date]]:
    """The period's months (the last 24 of a longer period): each one's first day and the day after its
    last one in the period."""
    months = []
    month = filters.start.replace(day=1)
    while month <= filters.end:
        following = (month + datetime.timedelta(days=32)).replace(day=1)
        months.append((month, min(following, filters.end + datetime.timedelta(days=1))))
        month = following
    return months[-MONTHS_SHOWN:]


def reached_by_cell(filters: Filters, months: list[tuple[datetime.date, datetime.date]]) -> list[tuple[Any, ...]]:
    """Per (unit, profession group): the staff who took part in the period, then those reached by the
    end of each month (counting from the period's start), in one read of the staff's places: someone
    was reached by a day when one of their mentorships had started before it. Each person is in one
    unit and one group, so the cells add up exactly."""
    by_month = {
        f"m{k}": Count("employee", distinct=True, filter=Q(mentorship__created_at__lt=working_time.bounds(end, end)[0]))
        for k, (_month, end) in enumerate(months)
    }
    cells = filters.members().values_list("employee__unit_id", "employee__profession_group_id")
    return list(cells.annotate(n=Count("employee", distinct=True), **by_month))


def activity(filters: Filters) -> dict[str, Any]:
    low, high = filters.bounds()
    states = dict(filters.mentorships().values_list("state").annotate(n=Count("pk")))
    labels = dict(Mentorship.STATES)
    # one pass over the working time, per programme; a meeting belongs to one programme, so the sums are exact
    used = {
        row["meeting__mentorship__programme_id"]: row
        for row in filters.time_used()
        .values("meeting__mentorship__programme_id")
        .annotate(
            minutes=Sum("minutes"), people=Count("employee", distinct=True), meetings=Count("meeting", distinct=True)
        )
    }
    substitutes = substitutes_arranged(filters).aggregate(n=Sum(SUBSTITUTE_MINUTES))["n"]
    by_role: dict[str, dict[str, int]] = defaultdict(lambda: {"minutes": 0, "people": 0})
    for row in filters.time_by_role_and_group:  # the groups part the people: sums are exact
        by_role[row["member_role"]]["minutes"] += row["minutes"]
        by_role[row["member_role"]]["people"] += row["people"]
    return {
        "by_state": [(labels[code], states.get(code, 0)) for code in labels],
        "hours_by_role": [
            {"role": label, "hours": round(by_role[code]["minutes"] / 60, 1), "people": by_role[code]["people"]}
            for code, label in Member.ROLES
            if code in by_role
        ],
        "meetings_held": sum(row["meetings"] for row in used.values()),
        "hours": round(sum(row["minutes"] for row in used.values()) / 60, 1),
        "substitute_hours": round((substitutes or 0) / 60, 1),
        "working_time": working_time_by_programme(filters, used),
        "training_days": training_days(filters),
    }


def training_days(filters: Filters) -> dict[str, Any]:
    """Mentoring counted as training (for the personnel report): the participants' held hours as
    training days of the organisation's length, in all and by unit and profession group."""
    day = filters.organisation.training_day_minutes

    def rows(grouped: Iterable[Mapping[str, Any]], field: str) -> list[dict[str, Any]]:
        return sorted(
            (
                {
                    "name": row[field] or "–",
                    "people": row["people"],
                    "hours": round(row["minutes"] / 60, 1),
                    "days": round(row["minutes"] / day, 1),
                }
                for row in grouped
            ),
            key=lambda row: str(row["name"]),
        )

    by_unit = filters.time_by_unit_name()
    by_group = filters.time_by_profession_group  # group names are unique in an organisation
    minutes = sum(row["minutes"] for row in by_group)
    return {
        "day_minutes": day,
        "days": round(minutes / day, 1),
        "people": sum(row["people"] for row in by_group),  # each person is in one group
        "unit": rows(by_unit, "employee__unit__name"),
        "profession_group": rows(by_group, "employee__profession_group__name"),
    }


# the hours the supervisor recorded, else the meeting's length
SUBSTITUTE_MINUTES = Coalesce("substitute_minutes", "meeting__minutes", output_field=IntegerField())


def substitutes_arranged(filters: Filters) -> QuerySet[SubstituteRequest]:
    """Substitutes arranged for the staff's meetings held in the period."""
    return SubstituteRequest.objects.filter(
        filters.held_q("meeting__"), filters.staff_q("employee__"), state=SubstituteRequest.ARRANGED
    )


def endings(filters: Filters) -> dict[str, Any]:
    """Of the mentorships that ended in the period: how many ran their course and how many ended early."""
    low, high = filters.bounds()
    ended = dict(
        filters.mentorships().filter(ended_at__gte=low, ended_at__lt=high).values_list("state").annotate(n=Count("pk"))
    )
    completed, early = ended.get(Mentorship.COMPLETED, 0), ended.get(Mentorship.ENDED, 0)
    return {
        "completed": completed,
        "ended_early": early,
        "completed_share": share(completed, completed + early),
        "ended_early_share": share(early, completed + early),
    }


def working_time_by_programme(filters: Filters, used_by: Mapping[int, Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Per programme: working time the staff used in held meetings, against the programme's limit."""
    extra: dict[int, int] = dict(
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
                "limit_hours_in_period": limit_in_period(limit, programme.working_time_period, filters),
            }
        )
    return rows


PERIOD_DAYS = {"week": 7, "two_weeks": 14, "month": 365.25 / 12}


def limit_in_period(minutes: int | None, period: str, filters: Filters) -> float | None:
    """The most working time one person may use in the report's period under the programme's limit
    (None: no limit)."""
    if not minutes or period not in PERIOD_DAYS:
        return None
    days = (filters.end - filters.start).days + 1
    return round(minutes * days / PERIOD_DAYS[period] / 60, 1)


def supply_and_demand(filters: Filters) -> dict[str, Any]:
    low, high = filters.bounds()
    applications = Application.objects.filter(
        filters.staff_q("employee__"), created_at__gte=low, created_at__lt=high, withdrawn_at__isnull=True
    )
    if filters.programme_id:
        applications = applications.filter(programme_id=filters.programme_id)
    mentor_roles, mentee_roles = [Application.MENTOR, Application.BOTH], [Application.MENTEE, Application.BOTH]
    found = waits_to_match(  # one read of the applications for their numbers and the mentees' waits
        applications,
        Q(role__in=mentee_roles),
        mentee_applications=Count("pk", filter=Q(role__in=mentee_roles)),
        mentor_applications=Count("pk", filter=Q(role__in=mentor_roles)),
    )
    mentees, matched_mentees, wait = found["mentee_applications"], found["mentees"], found["mean"]
    load = (
        Match.objects.filter(mentor__in=applications.filter(role__in=mentor_roles))
        .values("mentor")
        .annotate(n=Count("pk"))
        .aggregate(avg=Avg("n"))["avg"]
    )
    return {
        "mentee_applications": mentees,
        "mentor_applications": found["mentor_applications"],
        "matched": matched_mentees,
        "matched_share": share(matched_mentees, mentees),
        "days_to_match": round(wait.total_seconds() / 86400, 1) if wait is not None else None,
        "mentor_load": round(load, 2) if load else None,
        "waits": found["bands"],
    }


# how long mentees waited from application to match, in bands of days: (label, up to days)
WAIT_BANDS = [
    (gettext_lazy("Within a week"), 7),
    (gettext_lazy("1–4 weeks"), 28),
    (gettext_lazy("1–3 months"), 91),
    (gettext_lazy("Over 3 months"), None),
]


def waits_to_match(applications: QuerySet[Application], waiting: Q | None = None, **more: Any) -> dict[str, Any]:
    """Of these applications, those `waiting` to be matched (all by default; a mentee's application
    has at most one match): the mean wait from application to match (`mean`), the `mentees` matched and
    how many waited how long, band by band (`bands`); counted by the database in one read of the
    applications and their matches, which also counts `more` (aggregates by name)."""
    matched = Q(matches_as_mentee__isnull=False) & (waiting or Q())
    waited = applications.annotate(
        waited=ExpressionWrapper(F("matches_as_mentee__created_at") - F("created_at"), DurationField())
    )
    counts: dict[str, Count] = {}
    shorter = None
    for k, (_label, most) in enumerate(WAIT_BANDS):
        band = matched if shorter is None else matched & Q(waited__gt=datetime.timedelta(days=shorter))
        if most is not None:
            band &= Q(waited__lte=datetime.timedelta(days=most))
        counts[f"band{k}"] = Count("pk", filter=band)
        shorter = most
    found = waited.aggregate(mean=Avg("waited", filter=matched), mentees=Count("pk", filter=matched), **counts, **more)
    found["bands"] = [
        {"band": str(label), "mentees": found.pop(f"band{k}")} for k, (label, _most) in enumerate(WAIT_BANDS)
    ]
    return found
