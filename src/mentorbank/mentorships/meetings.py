"""Planning, moving, cancelling and recording meetings, within the programme's working-time limit.

Every write locks the participants' employee rows (in id order) before it counts their time, so
two meetings planned or recorded at the same moment cannot together pass the limit."""

import datetime
import uuid
from typing import Any

import holidays
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy, ngettext_lazy

from mentorbank.accounts.models import User
from mentorbank.core import audit
from mentorbank.core.refusals import Refused
from mentorbank.notifications.service import notify
from mentorbank.organisations.models import Employee

from . import working_time
from .calendar import calendar_of
from .followup import ask_at_checkpoint
from .models import Meeting, MeetingTime, Mentorship, SubstituteRequest, TimeException


class MeetingRefused(Refused):
    messages = {
        "closed": gettext_lazy("Meetings can be planned only while the mentorship is open."),
        "not_planned": gettext_lazy("Only a planned meeting can be changed."),
        "in_future": gettext_lazy("A meeting can be marked held once it has started."),
        "not_your_staff": gettext_lazy("You can allow more time only for your own staff."),
        "over_limit": ngettext_lazy(
            "%(name)s would use %(total)s minute of working time in the period from %(start)s; "
            "the programme allows %(limit)s. Their supervisor can allow more.",
            "%(name)s would use %(total)s minutes of working time in the period from %(start)s; "
            "the programme allows %(limit)s. Their supervisor can allow more.",
            "total",
        ),
    }


class OverLimit(MeetingRefused):
    """The meeting would take someone past the programme's working-time limit: one sentence a person."""

    def __init__(self, problems: list[dict[str, Any]]) -> None:
        super().__init__("over_limit")
        self.problems = problems

    def text_of(self, code: str) -> str:
        return " ".join(
            self.messages[code]
            % {
                "name": p["employee"].full_name,
                "total": p["used"] + p["adding"],
                "start": formats.date_format(p["period_start"], "SHORT_DATE_FORMAT"),
                "limit": p["limit"],
            }
            for p in self.problems
        )


def finnish_holidays(years: set[int]) -> holidays.HolidayBase:
    return holidays.country_holidays("FI", years=sorted(years))


@transaction.atomic
def substitute_decide(
    *,
    item: SubstituteRequest,
    state: str,
    name: str = "",
    minutes: int | None = None,
    actor: User,
    origin: str | None = None,
) -> SubstituteRequest:
    """The supervisor marks a substitute arranged (with who and, if known, the hours worked) or not
    needed; an arranged one can be corrected later with the actual hours."""
    locked = SubstituteRequest.objects.select_for_update().get(pk=item.pk)
    locked.state, locked.decided_at = state, timezone.now()
    arranged = state == SubstituteRequest.ARRANGED
    locked.substitute_name = name if arranged else ""
    locked.substitute_minutes = minutes if arranged else None
    locked.save(update_fields=["state", "decided_at", "substitute_name", "substitute_minutes"])
    audit.record(
        actor=actor,
        action="substitute.decided",
        organisation=locked.supervisor.organisation,
        subject=locked.employee,
        details={"meeting": locked.meeting_id, "state": state, "minutes": locked.substitute_minutes},
        origin=origin,
    )
    return locked


def working_days_before(day: datetime.date, count: int) -> datetime.date:
    """The date `count` working days (Monday to Friday, not a Finnish public holiday) before `day`."""
    closed = finnish_holidays({day.year - 1, day.year})
    while count:
        day -= datetime.timedelta(days=1)
        if day.weekday() < 5 and day not in closed:
            count -= 1
    return day


def series_dates(first: datetime.datetime, every_weeks: int, count: int) -> tuple[list[datetime.datetime], list]:
    """`count` meeting times every `every_weeks` weeks from `first` (local wall time kept across DST),
    leaving out Finnish public holidays; returns (times, skipped dates)."""
    local = timezone.localtime(first)
    wanted = [local.replace(tzinfo=None) + datetime.timedelta(weeks=every_weeks * k) for k in range(count)]
    closed = finnish_holidays({moment.year for moment in wanted})
    times, skipped = [], []
    for moment in wanted:
        if moment.date() in closed:
            skipped.append(moment.date())
        else:
            times.append(timezone.make_aware(moment))
    return times, skipped


def lock_people(mentorship: Mentorship) -> list[Employee]:
    ids = list(mentorship.members.current().values_list("employee_id", flat=True))
    return list(
        Employee.objects.select_for_update(of=("self",)).filter(pk__in=ids).order_by("pk").select_related("user")
    )


def invite(mentorship: Mentorship, meetings: list[Meeting], people: list[Employee], template: str) -> None:
    method = "CANCEL" if template == "meeting_cancelled" else "REQUEST"
    calendar = calendar_of(meetings, method)
    for person in people:
        notify(
            user=person.user,
            template=template,
            context={"mentorship": mentorship, "meetings": meetings, "employee": person},
            organisation=person.organisation,
            calendar=calendar,
        )


@transaction.atomic
def plan(
    *,
    mentorship: Mentorship,
    first: datetime.datetime,
    minutes: int,
    place: str,
    every_weeks: int = 0,
    count: int = 1,
    actor: User,
    origin: str | None = None,
) -> tuple[list[Meeting], list[datetime.date]]:
    """One meeting or a series; nothing is saved if anyone would go over the limit."""
    if not mentorship.is_open:
        raise MeetingRefused("closed")
    people = lock_people(mentorship)
    times, skipped = series_dates(first, every_weeks, count) if count > 1 else ([first], [])
    problems = working_time.over_limit(mentorship.programme, people, [(t, minutes) for t in times])
    if problems:
        raise OverLimit(problems)
    series = uuid.uuid4() if len(times) > 1 else None
    meetings = Meeting.objects.bulk_create(
        [
            Meeting(mentorship=mentorship, starts_at=t, minutes=minutes, place=place, series=series, created_by=actor)
            for t in times
        ]
    )
    ask_for_substitutes(mentorship, meetings, people)
    audit.record(
        actor=actor,
        action="meeting.planned",
        organisation=mentorship.organisation,
        details={"mentorship": mentorship.pk, "meetings": len(meetings)},
        origin=origin,
    )
    invite(mentorship, meetings, people, "meeting_invitation")
    return meetings, skipped


def ask_for_substitutes(mentorship: Mentorship, meetings: list[Meeting], people: list[Employee]) -> None:
    if not (mentorship.programme and mentorship.programme.substitutes_arranged):
        return
    requests = SubstituteRequest.objects.bulk_create(
        [
            SubstituteRequest(meeting=meeting, employee=person, supervisor_id=person.supervisor_id)
            for meeting in meetings
            for person in people
            if person.supervisor_id
        ]
    )
    # each supervisor hears once, by e-mail, of the substitutes needed for their staff's new meetings
    by_supervisor: dict[int, list[SubstituteRequest]] = {}
    for item in requests:
        by_supervisor.setdefault(item.supervisor_id, []).append(item)
    supervisors = Employee.objects.select_related("user", "organisation").in_bulk(list(by_supervisor))
    for supervisor_id, items in by_supervisor.items():
        supervisor = supervisors[supervisor_id]
        notify(
            user=supervisor.user,
            template="substitute_needed",
            organisation=supervisor.organisation,
            context={"supervisor": supervisor, "items": items, "mentorship": mentorship},
        )


@transaction.atomic
def move(
    *, meeting: Meeting, starts_at: datetime.datetime, minutes: int, place: str, actor: User, origin: str | None = None
) -> Meeting:
    meeting = Meeting.objects.select_for_update(of=("self",)).select_related("mentorship__programme").get(pk=meeting.pk)
    if meeting.state != Meeting.PLANNED:
        raise MeetingRefused("not_planned")
    people = lock_people(meeting.mentorship)
    problems = working_time.over_limit(
        meeting.mentorship.programme, people, [(starts_at, minutes)], exclude=[meeting.pk]
    )
    if problems:
        raise OverLimit(problems)
    meeting.starts_at, meeting.minutes, meeting.place = starts_at, minutes, place
    meeting.sequence += 1
    meeting.save(update_fields=["starts_at", "minutes", "place", "sequence"])
    audit.record(
        actor=actor,
        action="meeting.moved",
        organisation=meeting.mentorship.organisation,
        details={"mentorship": meeting.mentorship_id},
        origin=origin,
    )
    invite(meeting.mentorship, [meeting], people, "meeting_moved")
    return meeting


@transaction.atomic
def cancel(*, meeting: Meeting, actor: User, origin: str | None = None) -> Meeting:
    meeting = Meeting.objects.select_for_update().select_related("mentorship").get(pk=meeting.pk)
    if meeting.state != Meeting.PLANNED:
        raise MeetingRefused("not_planned")
    meeting.state = Meeting.CANCELLED
    meeting.sequence += 1
    meeting.save(update_fields=["state", "sequence"])
    meeting.substitutes.update(state=SubstituteRequest.NOT_NEEDED, decided_at=timezone.now())
    audit.record(
        actor=actor,
        action="meeting.cancelled",
        organisation=meeting.mentorship.organisation,
        details={"mentorship": meeting.mentorship_id},
        origin=origin,
    )
    invite(meeting.mentorship, [meeting], lock_people(meeting.mentorship), "meeting_cancelled")
    return meeting


@transaction.atomic
def record(*, meeting: Meeting, minutes: dict[int, int], actor: User, origin: str | None = None) -> Meeting:
    """Mark a planned meeting held and record each participant's working time (minutes by employee id)."""
    meeting = Meeting.objects.select_for_update(of=("self",)).select_related("mentorship__programme").get(pk=meeting.pk)
    if meeting.state != Meeting.PLANNED:
        raise MeetingRefused("not_planned")
    if meeting.starts_at > timezone.now():
        raise MeetingRefused("in_future")
    people = [p for p in lock_people(meeting.mentorship) if p.pk in minutes]
    problems = []
    for person in people:
        problems += working_time.over_limit(
            meeting.mentorship.programme, [person], [(meeting.starts_at, minutes[person.pk])], exclude=[meeting.pk]
        )
    if problems:
        raise OverLimit(problems)
    roles = dict(meeting.mentorship.members.current().values_list("employee_id", "role"))
    MeetingTime.objects.bulk_create(
        [
            MeetingTime(meeting=meeting, employee=p, minutes=minutes[p.pk], role=roles[p.pk], recorded_by=actor)
            for p in people
        ]
    )
    meeting.state = Meeting.HELD
    meeting.save(update_fields=["state"])
    ask_at_checkpoint(meeting.mentorship)
    audit.record(
        actor=actor,
        action="meeting.recorded",
        organisation=meeting.mentorship.organisation,
        details={"mentorship": meeting.mentorship_id, "minutes": sum(minutes[p.pk] for p in people)},
        origin=origin,
    )
    return meeting


def grant_exception(
    *,
    supervisor: Employee,
    employee: Employee,
    programme: Any,
    day: datetime.date,
    extra: int,
    reason: str,
    actor: User,
    origin: str | None = None,
) -> TimeException:
    """A supervisor gives one of their own staff more working time in the period that contains `day`."""
    if employee.supervisor_id != supervisor.pk:
        raise MeetingRefused("not_your_staff")
    start = working_time.period_start(day, programme.working_time_period)
    granted = TimeException.objects.create(
        employee=employee,
        programme=programme,
        period_start=start,
        extra_minutes=extra,
        reason=reason,
        granted_by=actor,
    )
    audit.record(
        actor=actor,
        action="meeting.time_exception",
        organisation=supervisor.organisation,
        subject=employee,
        details={"minutes": extra, "from": start.isoformat()},
        origin=origin,
    )
    return granted
