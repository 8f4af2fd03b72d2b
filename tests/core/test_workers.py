"""Task workers in production: a worker killed in the middle of a task leaves it to the others,
and a task that failed because the database went away is run again."""

import datetime

import pytest
from django.core import mail
from django.db import OperationalError
from django.test import override_settings
from django.utils import timezone
from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from mentorbank.core import workers
from mentorbank.core.models import WorkerHeartbeat
from mentorbank.notifications import outbox
from mentorbank.notifications.models import OutgoingEmail

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def inside_the_test_transaction(monkeypatch):
    """A worker closes stale connections between tasks; in a test that would close the connection
    holding the test's transaction (and a resilient worker would wait for it forever)."""
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    monkeypatch.setattr(workers, "close_old_connections", lambda: None)


DATABASE_QUEUE = override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
calls: list[str] = []


@task()
def flaky_while_the_database_restarts(label: str) -> str:
    calls.append(label)
    if len(calls) == 1:
        raise OperationalError("terminating connection due to administrator command")
    return label


def worker(worker_id: str) -> workers.ResilientWorker:
    """A worker that runs what is queued, then stops."""
    one = workers.ResilientWorker(
        queue_names=["default"], interval=0, batch=True, backend_name="default", startup_delay=False,
        max_tasks=None, worker_id=worker_id, excluded_queue_names=[],
    )  # fmt: skip
    one.beats = False
    return one


def claimed(worker_id: str, minutes_ago: int, tries: int = 1) -> DBTaskResult:
    with DATABASE_QUEUE:
        result = flaky_while_the_database_restarts.enqueue("x")
    row = DBTaskResult.objects.get(pk=result.id)
    row.claim(worker_id)
    DBTaskResult.objects.filter(pk=row.pk).update(
        started_at=timezone.now() - datetime.timedelta(minutes=minutes_ago),
        worker_ids=[f"earlier-{k}" for k in range(tries - 1)] + [worker_id],
    )
    return row


def status_of(row: DBTaskResult) -> str:
    return DBTaskResult.objects.get(pk=row.pk).status


def test_a_task_left_running_by_a_killed_worker_is_queued_again():
    now = timezone.now()
    WorkerHeartbeat.objects.create(worker_id="alive", last_seen=now - datetime.timedelta(seconds=10))
    WorkerHeartbeat.objects.create(worker_id="killed", last_seen=now - datetime.timedelta(minutes=5))
    of_killed, of_alive = claimed("killed", 5), claimed("alive", 5)
    just_started = claimed("unknown", 0)  # its worker may not have beaten yet
    assert workers.requeue_abandoned(now) == {"requeued": 1, "failed": 0}
    assert status_of(of_killed) == TaskResultStatus.READY
    assert status_of(of_alive) == status_of(just_started) == TaskResultStatus.RUNNING


def test_a_task_that_kills_its_worker_every_time_fails_after_three_tries():
    row = claimed("killed", 5, tries=workers.MAX_TASK_ATTEMPTS)
    assert workers.requeue_abandoned() == {"requeued": 0, "failed": 1}
    failed = DBTaskResult.objects.get(pk=row.pk)
    assert failed.status == TaskResultStatus.FAILED and failed.exception_class_path.endswith("WorkerLost")


def test_an_email_of_a_killed_worker_goes_out_once_from_the_next_worker(run_tasks):
    with DATABASE_QUEUE, run_tasks():
        email = outbox.queue("nurse@example.fi", "Kysely", "body")
    row = DBTaskResult.objects.get()
    row.claim("killed")  # killed before sending
    DBTaskResult.objects.filter(pk=row.pk).update(started_at=timezone.now() - datetime.timedelta(minutes=5))
    workers.requeue_abandoned()
    with DATABASE_QUEUE:
        worker("next").run()
    assert status_of(row) == TaskResultStatus.SUCCESSFUL
    assert len(mail.outbox) == 1 and OutgoingEmail.objects.get(pk=email.pk).sent_at is not None
    assert DBTaskResult.objects.get(pk=row.pk).worker_ids == ["killed", "next"]


def test_a_task_that_failed_because_the_database_went_away_is_run_again():
    calls.clear()
    with DATABASE_QUEUE:
        result = flaky_while_the_database_restarts.enqueue("meeting")
        worker("w1").run()
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.SUCCESSFUL and row.return_value == "meeting"
    assert calls == ["meeting", "meeting"] and row.worker_ids == ["w1", "w1"]


def test_the_heartbeat_says_which_worker_is_alive():
    started = timezone.now()
    workers.beat("w1", started)
    workers.beat("w1", started)
    heart = WorkerHeartbeat.objects.get()
    assert heart.worker_id == "w1" and heart.pid and heart.last_seen >= started


def test_a_task_whose_result_cannot_be_saved_three_times_is_not_left_running(monkeypatch):
    with DATABASE_QUEUE:
        result = flaky_while_the_database_restarts.enqueue("x")
    row = DBTaskResult.objects.get(pk=result.id)
    DBTaskResult.objects.filter(pk=row.pk).update(worker_ids=["a", "b"])
    row.refresh_from_db()
    row.claim("w1")  # the third try

    def database_gone(self, *args, **kwargs):
        raise OperationalError("the connection is closed")

    monkeypatch.setattr(DBTaskResult, "set_successful", database_gone)
    monkeypatch.setattr(DBTaskResult, "set_failed", database_gone)
    worker("w1").run_task(row)
    assert status_of(row) == TaskResultStatus.FAILED
