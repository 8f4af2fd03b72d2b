"""The e-mail outbox: rows written with the change they tell about, delivered at most once each
by `deliver`, tried again by the workers' housekeeping (`retry_unsent`), purged when old."""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from .models import OutgoingEmail

MAX_ATTEMPTS = 6
FIRST_RETRY_AFTER = datetime.timedelta(minutes=5)  # then 10, 20, 40 … minutes
LOST_AFTER = datetime.timedelta(hours=1)  # queued, not tried in this time: its task was lost
KEEP_SENT = datetime.timedelta(days=30)


def queue(to: str, subject: str, body: str, calendar: str = "") -> OutgoingEmail:
    """Write the e-mail now (it commits or rolls back with the caller's change) and deliver it
    after the commit."""
    email = OutgoingEmail.objects.create(
        recipient=to, subject=subject, body=body, calendar=calendar, next_try_at=timezone.now() + LOST_AFTER
    )
    transaction.on_commit(lambda: deliver_email.enqueue(email.pk))
    return email


def message_of(email: OutgoingEmail) -> EmailMessage:
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    # A fixed Message-ID: should an e-mail ever go out twice, mail systems see it is one message.
    message = EmailMessage(
        email.subject, email.body, None, [email.recipient], headers={"Message-ID": f"<outbox-{email.pk}@{domain}>"}
    )
    if email.calendar:
        method = "CANCEL" if "METHOD:CANCEL" in email.calendar else "REQUEST"
        message.attach("invitation.ics", email.calendar, f"text/calendar; method={method}; charset=utf-8")
    return message


def deliver(email_id: int) -> bool:
    """Send the e-mail if it is not sent; True when this call sent it. The row stays locked while
    sending, so a second worker given the same e-mail waits and then finds it sent."""
    now = timezone.now()
    try:
        with transaction.atomic():
            email = OutgoingEmail.objects.select_for_update().filter(pk=email_id, sent_at__isnull=True).first()
            if email is None:
                return False
            message_of(email).send()
            OutgoingEmail.objects.filter(pk=email.pk).update(
                sent_at=now, attempts=F("attempts") + 1, last_attempt_at=now, next_try_at=None,
                subject="", body="", calendar="", last_error="",
            )  # fmt: skip
    except Exception as error:
        failed = OutgoingEmail.objects.filter(pk=email_id, sent_at__isnull=True).first()
        if failed is not None:
            failed.attempts += 1
            failed.last_attempt_at, failed.last_error = now, f"{type(error).__name__}: {error}"[:500]
            failed.next_try_at = now + FIRST_RETRY_AFTER * 2 ** (failed.attempts - 1)
            failed.save(update_fields=["attempts", "last_attempt_at", "last_error", "next_try_at"])
        raise
    return True


@task()
def deliver_email(email_id: int) -> bool:
    """Send one outgoing e-mail unless it was sent already (a task run again sends nothing)."""
    return deliver(email_id)


def retry_unsent(now: datetime.datetime | None = None) -> int:
    """Queue again each unsent e-mail whose next try is due: it failed earlier, or its task was
    lost (e.g. the process died between the commit and queueing it). A queued duplicate is harmless."""
    now = now or timezone.now()
    due = list(
        OutgoingEmail.objects.filter(sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS, next_try_at__lte=now)
        .order_by("next_try_at")
        .values_list("pk", flat=True)[:1000]
    )
    OutgoingEmail.objects.filter(pk__in=due).update(next_try_at=now + LOST_AFTER)
    for pk in due:
        deliver_email.enqueue(pk)
    return len(due)


def purge_sent(now: datetime.datetime | None = None) -> int:
    """Forget e-mails sent long ago (their contents were cleared when they went)."""
    now = now or timezone.now()
    return OutgoingEmail.objects.filter(sent_at__lt=now - KEEP_SENT).delete()[0]


def housekeeping(purge: bool) -> None:
    """The task workers' chore: queue again what is due; with purge, forget e-mails sent long ago."""
    retry_unsent()
    if purge:
        purge_sent()
