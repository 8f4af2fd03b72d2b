"""The e-mail outbox: an e-mail is written with the change it tells about, goes out once however
often its task runs, is tried again when sending fails, and its secret contents do not stay."""

import datetime
import smtplib

import pytest
from django.core import mail
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from mentorbank.notifications import outbox
from mentorbank.notifications.models import OutgoingEmail

pytestmark = pytest.mark.django_db
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class RefusingBackend:
    """A mail server that is down."""

    def __init__(self, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def test_a_queued_email_goes_out_after_the_commit_with_a_fixed_message_id(run_tasks):
    with run_tasks():
        email = outbox.queue("nurse@example.fi", "Kysely", "https://x.example/s/secret/")
    assert [m.to for m in mail.outbox] == [["nurse@example.fi"]]
    assert mail.outbox[0].extra_headers["Message-ID"].startswith(f"<outbox-{email.pk}@")
    email.refresh_from_db()
    assert email.sent_at is not None and email.attempts == 1
    assert (email.subject, email.body) == ("", "")  # the survey link does not stay in the database


def test_a_rolled_back_change_sends_nothing(run_tasks):
    with run_tasks(), pytest.raises(RuntimeError), transaction.atomic():
        outbox.queue("nurse@example.fi", "Kysely", "body")
        raise RuntimeError("the change failed")
    assert not OutgoingEmail.objects.exists() and mail.outbox == []


@override_settings(TASKS=DATABASE_QUEUE)
def test_an_email_whose_task_runs_twice_goes_out_once(run_tasks):
    with run_tasks():
        email = outbox.queue("nurse@example.fi", "Kysely", "body")
    task = DBTaskResult.objects.get()
    assert task.args_kwargs["args"] == [email.pk]
    assert outbox.deliver(email.pk) is True
    assert outbox.deliver(email.pk) is False
    assert len(mail.outbox) == 1


def test_a_failed_send_keeps_the_email_and_tries_again_later(run_tasks):
    with override_settings(EMAIL_BACKEND=f"{__name__}.RefusingBackend"), run_tasks():
        email = outbox.queue("nurse@example.fi", "Kysely", "body")
    email.refresh_from_db()
    assert email.sent_at is None and email.attempts == 1 and "SMTPServerDisconnected" in email.last_error
    assert email.body == "body"
    now = timezone.now()
    assert outbox.retry_unsent(now) == 0  # not yet: the first retry waits five minutes
    with run_tasks():
        assert outbox.retry_unsent(now + datetime.timedelta(minutes=6)) == 1
    email.refresh_from_db()
    assert email.sent_at is not None and [m.to for m in mail.outbox] == [["nurse@example.fi"]]


def test_an_email_whose_task_was_lost_is_queued_again_after_an_hour(run_tasks):
    with override_settings(TASKS=DATABASE_QUEUE), run_tasks():
        outbox.queue("nurse@example.fi", "Kysely", "body")
    DBTaskResult.objects.all().delete()  # the queued task is gone
    assert outbox.retry_unsent(timezone.now() + datetime.timedelta(minutes=59)) == 0
    with run_tasks():
        assert outbox.retry_unsent(timezone.now() + datetime.timedelta(minutes=61)) == 1
    assert len(mail.outbox) == 1


def test_an_email_that_keeps_failing_is_given_up_and_sent_ones_are_forgotten(run_tasks):
    with override_settings(EMAIL_BACKEND=f"{__name__}.RefusingBackend"), run_tasks():
        failing = outbox.queue("a@example.fi", "S", "body")
    OutgoingEmail.objects.filter(pk=failing.pk).update(attempts=outbox.MAX_ATTEMPTS)
    with run_tasks():
        sent = outbox.queue("b@example.fi", "S", "body")
    later = timezone.now() + datetime.timedelta(days=31)
    assert outbox.retry_unsent(later) == 0
    assert outbox.purge_sent(later) == 1
    assert list(OutgoingEmail.objects.values_list("pk", flat=True)) == [failing.pk]
    assert not OutgoingEmail.objects.filter(pk=sent.pk).exists()
