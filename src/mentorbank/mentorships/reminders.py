"""Reminders, run every hour (`manage.py send_reminders` or the task): agreements waiting,
approvals waiting, meetings tomorrow, working time near the limit, checkpoints unanswered and
agreements ending in 30 days. Each reminder is recorded under a key of what it is about, in the
same transaction that queues the e-mail, so a rerun or a retried task never sends it twice."""

import datetime
from collections.abc import Iterator
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from mentorbank.notifications.service import notify

from . import working_time
from .followup import checkpoint_due
from .meetings import working_days_before
from .models import Agreement, Approval, Meeting, Member, Mentorship, SentReminder, SubstituteRequest
from .services import approvers_of, current_people

WAIT_DAYS = 3
SUBSTITUTE_WORKING_DAYS = 2  # an undecided substitute reminds the supervisor this many working days before
LIMIT_SHARE = 0.8  # remind when this share of the working-time limit is used or planned


def send_once(key: str, user: Any, template: str, context: dict[str, Any], organisation: Any) -> bool:
    if user is None:
        return False
    try:
        with transaction.atomic():
            SentReminder.objects.create(key=key)
            notify(user=user, template=template, context=context, organisation=organisation)
    except IntegrityError:
        return False  # sent before
    return True


def agreements_waiting(now: datetime.datetime) -> Iterator[tuple[str, Any, str, dict, Any]]:
    waiting = Agreement.objects.filter(
        state=Agreement.ACCEPTING, created_at__lte=now - datetime.timedelta(days=WAIT_DAYS)
    ).select_related("mentorship")
    for agreement in waiting:
        accepted = set(agreement.acceptances.values_list("employee_id", flat=True))
        for person in current_people(agreement.mentorship):
            if person.pk not in accepted:
                context = {"mentorship": agreement.mentorship, "employee": person}
                key = f"agreement:{agreement.pk}:{person.pk}"
                yield key, person.user, "agreement_waiting", context, person.organisation


def approvals_waiting(now: datetime.datetime) -> Iterator[tuple[str, Any, str, dict, Any]]:
    waiting = Approval.objects.filter(
        state=Approval.WAITING,
        agreement__state=Agreement.APPROVING,
        agreement__acceptances__accepted_at__lte=now - datetime.timedelta(days=WAIT_DAYS),
    ).distinct()
    for approval in waiting.select_related("agreement__mentorship", "approver__user", "participant", "organisation"):
        for user in approvers_of(approval):
            context = {"mentorship": approval.agreement.mentorship, "approval": approval}
            key = f"approval:{approval.pk}:{user.pk}"
            yield key, user, "agreement_approval_needed", context, approval.organisation


def meetings_tomorrow(now: datetime.datetime) -> Iterator[tuple[str, Any, str, dict, Any]]:
    soon = Meeting.objects.filter(
        state=Meeting.PLANNED,
        starts_at__gte=now + datetime.timedelta(hours=12),
        starts_at__lt=now + datetime.timedelta(hours=36),
    ).select_related("mentorship")
    for meeting in soon:
        for person in current_people(meeting.mentorship):
            context = {"mentorship": meeting.mentorship, "meeting": meeting, "employee": person}
            key = f"meeting:{meeting.pk}:{meeting.sequence}:{person.pk}"
            yield key, person.user, "meeting_tomorrow", context, person.organisation


def limits_near(now: datetime.datetime) -> Iterator[tuple[str, Any, str, dict, Any]]:
    today = timezone.localdate(now)
    members = (
        Member.objects.current()
        .filter(
            mentorship__state__in=[Mentorship.ACTIVE, Mentorship.AGREEING],
            mentorship__programme__working_time_minutes__isnull=False,
        )
        .select_related("employee__user", "employee__organisation", "mentorship__programme")
    )
    seen = set()
    for member in members:
        programme = member.mentorship.programme
        if programme is None or not programme.working_time_period or (member.employee_id, programme.pk) in seen:
            continue
        seen.add((member.employee_id, programme.pk))
        start = working_time.period_start(today, programme.working_time_period)
        used = working_time.minutes_used(member.employee, programme, start)
        allowed = working_time.limit(member.employee, programme, start)
        if allowed and used >= LIMIT_SHARE * allowed:
            context = {"programme": programme, "employee": member.employee, "used": used, "limit": allowed}
            key = f"limit:{member.employee_id}:{programme.pk}:{start.isoformat()}"
            yield key, member.employee.user, "time_limit_near", context, member.employee.organisation


def checkpoints_unanswered(now: datetime.datetime) -> Iterator[tuple[str, Any, str, dict, Any]]:
    open_ones = Mentorship.objects.filter(
        state__in=[Mentorship.ACTIVE, Mentorship.PAUSED],
        checkpoint_passed_at__isnull=True,
        programme__checkpoint_after_meetings__isnull=False,
    ).select_related("programme")
    for mentorship in open_ones:
        programme = mentorship.programme
        if programme is None or not checkpoint_due(mentorship):
            continue
        answered = set(mentorship.checkpoint_answers.values_list("employee_id", flat=True))
        for person in current_people(mentorship):
            if person.pk not in answered:
                context = {
                    "mentorship": mentorship,
                    "employee": person,
                    "meeting_count": programme.checkpoint_after_meetings,
                }
                key = f"checkpoint:{mentorship.pk}:{person.pk}"
                yield key, person.user, "checkpoint_due", context, person.organisation


def agreements_ending(now: datetime.datetime) -> Iterator[tuple[str, Any, str, dict, Any]]:
    today = timezone.localdate(now)
    ending = Mentorship.objects.filter(
        state__in=[Mentorship.ACTIVE, Mentorship.PAUSED],
        ends_on__gte=today,
        ends_on__lte=today + datetime.timedelta(days=30),
    )
    for mentorship in ending:
        if mentorship.ends_on is None:  # the query keeps those that end, this tells the type checker
            continue
        for person in current_people(mentorship):
            context = {"mentorship": mentorship, "employee": person}
            key = f"ending:{mentorship.pk}:{mentorship.ends_on.isoformat()}:{person.pk}"
            yield key, person.user, "agreement_ending", context, person.organisation


def substitutes_undecided(now: datetime.datetime) -> Iterator[tuple[str, Any, str, dict, Any]]:
    """A substitute still undecided two working days before the meeting: the supervisor is reminded."""
    today = timezone.localdate(now)
    pending = SubstituteRequest.objects.filter(
        state=SubstituteRequest.NEEDED,
        meeting__state=Meeting.PLANNED,
        meeting__starts_at__gt=now,
        meeting__starts_at__lt=now + datetime.timedelta(days=14),
    ).select_related("supervisor__user", "supervisor__organisation", "employee", "meeting")
    for item in pending:
        if today >= working_days_before(timezone.localdate(item.meeting.starts_at), SUBSTITUTE_WORKING_DAYS):
            context = {"item": item, "supervisor": item.supervisor}
            key = f"substitute:{item.pk}:{item.meeting.sequence}"
            yield key, item.supervisor.user, "substitute_reminder", context, item.supervisor.organisation


KINDS = (
    agreements_waiting,
    approvals_waiting,
    meetings_tomorrow,
    limits_near,
    checkpoints_unanswered,
    agreements_ending,
    substitutes_undecided,
)


def send_due(now: datetime.datetime | None = None) -> dict[str, int]:
    """Send every reminder that is due and not sent before; counts by kind."""
    now = now or timezone.now()
    sent = {}
    for kind in KINDS:
        sent[kind.__name__] = sum(send_once(*item) for item in kind(now))
    return sent
