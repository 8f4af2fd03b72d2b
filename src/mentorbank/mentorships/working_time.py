"""The programme's working-time limit (e.g. 90 minutes a month): what each person has used or
planned in a period, and what a new meeting would make it. A supervisor's exception adds room."""

import datetime
from collections.abc import Iterable

from django.db.models import Sum
from django.utils import timezone

from mentorbank.organisations.models import Employee
from mentorbank.programmes.models import Programme

from .models import Meeting, MeetingTime, TimeException


def period_start(day: datetime.date, period: str) -> datetime.date:
    if period == "week":
        return day - datetime.timedelta(days=day.weekday())
    if period == "two_weeks":
        monday = day - datetime.timedelta(days=day.weekday())
        return monday - datetime.timedelta(days=7 * ((monday.toordinal() // 7) % 2))
    return day.replace(day=1)


def period_end(start: datetime.date, period: str) -> datetime.date:
    """The first day after the period."""
    if period == "week":
        return start + datetime.timedelta(days=7)
    if period == "two_weeks":
        return start + datetime.timedelta(days=14)
    return (start.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def local_day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


def bounds(start: datetime.date, end: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    make = timezone.make_aware
    return make(datetime.datetime.combine(start, datetime.time.min)), make(
        datetime.datetime.combine(end, datetime.time.min)
    )


def minutes_used(employee: Employee, programme: Programme, start: datetime.date, exclude: Iterable[int] = ()) -> int:
    """Recorded minutes of held meetings plus the length of planned ones, in the period starting at `start`."""
    low, high = bounds(start, period_end(start, programme.working_time_period))
    in_period = Meeting.objects.filter(mentorship__programme=programme, starts_at__gte=low, starts_at__lt=high).exclude(
        pk__in=list(exclude)
    )
    recorded = MeetingTime.objects.filter(meeting__in=in_period, employee=employee).aggregate(n=Sum("minutes"))["n"]
    planned = in_period.filter(
        state=Meeting.PLANNED, mentorship__members__employee=employee, mentorship__members__left_at__isnull=True
    ).aggregate(n=Sum("minutes"))["n"]
    return (recorded or 0) + (planned or 0)


def limit(employee: Employee, programme: Programme, start: datetime.date) -> int:
    extra = TimeException.objects.filter(employee=employee, programme=programme, period_start=start).aggregate(
        n=Sum("extra_minutes")
    )["n"]
    return (programme.working_time_minutes or 0) + (extra or 0)


def over_limit(
    programme: Programme | None,
    people: list[Employee],
    additions: list[tuple[datetime.datetime, int]],
    exclude: Iterable[int] = (),
) -> list[dict]:
    """Who would go over the limit if meetings of these (start, minutes) were added for everyone in
    `people`; each with the period, the minutes already used and the limit. Empty when all fits."""
    if programme is None or not programme.working_time_minutes or not programme.working_time_period:
        return []
    by_period: dict[datetime.date, int] = {}
    for starts_at, minutes in additions:
        start = period_start(local_day(starts_at), programme.working_time_period)
        by_period[start] = by_period.get(start, 0) + minutes
    problems = []
    for person in people:
        for start, adding in sorted(by_period.items()):
            used, allowed = minutes_used(person, programme, start, exclude), limit(person, programme, start)
            if used + adding > allowed:
                problems.append(
                    {"employee": person, "period_start": start, "used": used, "adding": adding, "limit": allowed}
                )
    return problems
