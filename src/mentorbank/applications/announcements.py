"""Reaching people: an opened programme announced to everyone eligible (once, in batches, each in
their own language), and new starters invited to mentoring once."""

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from mentorbank.core import audit
from mentorbank.core.dates import add_months
from mentorbank.core.refusals import Refused
from mentorbank.notifications.service import notify
from mentorbank.organisations.models import Employee
from mentorbank.programmes.models import Programme

from .eligibility import eligible_employees, open_programmes_for
from .models import Announcement, Application, NewStarterInvitation

BATCH = 200
NEW_STARTER_MONTHS = 6


class AnnouncementRefused(Refused):
    messages = {
        "not_open": _("Only a programme that is open for applications can be announced."),
        "already": _("This programme has already been announced."),
        "nobody": _("Nobody would receive the announcement: check who may apply."),
    }


def recipients(programme: Programme) -> QuerySet[Employee]:
    """Who the announcement goes to: the eligible people with an active account who have not opted
    out of announcements and have not applied already, in a fixed order for the batches."""
    applied = Application.objects.filter(programme=programme, employee=OuterRef("pk"))
    return (
        eligible_employees(programme)
        .filter(user__is_active=True, user__announcements_opt_out=False)
        .exclude(Exists(applied))
        .order_by("pk")
    )


@transaction.atomic
def announce(*, programme: Programme, message: str, actor: Any, origin: str | None = None) -> Announcement:
    locked = Programme.objects.select_for_update().get(pk=programme.pk)
    if locked.state != Programme.OPEN:
        raise AnnouncementRefused("not_open")
    if Announcement.objects.filter(programme=locked).exists():
        raise AnnouncementRefused("already")
    count = recipients(locked).count()
    if not count:
        raise AnnouncementRefused("nobody")
    announcement = Announcement.objects.create(programme=locked, message=message, recipients=count, created_by=actor)
    audit.record(
        actor=actor,
        action="programme.announced",
        organisation=locked.owner,
        origin=origin,
        details={"programme": locked.pk, "recipients": count},
    )
    transaction.on_commit(lambda: send_announcement.enqueue(announcement.pk))
    return announcement


@task()
def send_announcement(announcement_id: int) -> int:
    """Send the whole announcement, a batch per transaction; a rerun continues where it stopped."""
    total = 0
    while sent := send_batch(announcement_id):
        total += sent
    return total


def send_batch(announcement_id: int, size: int = BATCH) -> int:
    """The next batch after the cursor, the e-mails queued with the cursor's move (one commit)."""
    with transaction.atomic():
        announcement = (
            Announcement.objects.select_for_update().select_related("programme__owner").get(pk=announcement_id)
        )
        if announcement.finished_at:
            return 0
        batch = list(
            recipients(announcement.programme)
            .filter(pk__gt=announcement.cursor)
            .select_related("user", "organisation")[:size]
        )
        for employee in batch:
            notify(
                user=employee.user,
                template="programme_announced",
                organisation=employee.organisation,
                context={"programme": announcement.programme, "announcement": announcement, "employee": employee},
            )
        if batch:
            announcement.cursor, announcement.sent = batch[-1].pk, announcement.sent + len(batch)
        else:
            announcement.finished_at = timezone.now()
        announcement.save(update_fields=["cursor", "sent", "finished_at"])
        return len(batch)


def resume_unfinished() -> int:
    """The scheduler's job: finish announcements whose task was lost (safe beside a running one)."""
    stale = timezone.now() - datetime.timedelta(minutes=10)
    unfinished = Announcement.objects.filter(finished_at__isnull=True, created_at__lt=stale).values_list(
        "pk", flat=True
    )
    return sum(send_announcement.call(pk) for pk in unfinished)


def new_starters(organisation: Any, today: datetime.date | None = None) -> QuerySet[Employee]:
    """Employees who started within the last six months (the same window as the home page's invitation)."""
    since = add_months(today or timezone.localdate(), -NEW_STARTER_MONTHS)
    return organisation.employees.filter(start_date__gte=since, anonymised_at__isnull=True)


def invite_new_starters() -> int:
    """Each new starter with an account gets one e-mail inviting them to mentoring: the programmes open
    to them and the mentor bank. Recorded with the e-mail, so never twice."""
    since = add_months(timezone.localdate(), -NEW_STARTER_MONTHS)
    waiting = (
        Employee.objects.filter(
            start_date__gte=since,
            anonymised_at__isnull=True,
            user__is_active=True,
            mentoring_invitation__isnull=True,
        )
        .select_related("user", "organisation")
        .order_by("pk")
    )
    sent = 0
    for employee in waiting:
        with transaction.atomic():
            _invitation, created = NewStarterInvitation.objects.get_or_create(employee=employee)
            if created:
                notify(
                    user=employee.user,
                    template="new_starter_invitation",
                    organisation=employee.organisation,
                    context={"employee": employee, "programmes": open_programmes_for(employee)},
                )
                sent += 1
    return sent
