"""Task workers that survive what production does to them: a database that restarts under them
and workers killed in the middle of a task. Used by `manage.py task_worker`.

Each worker beats its heart into WorkerHeartbeat; every worker's housekeeping queues again the
tasks that a silent worker left "running" (at most MAX_TASK_ATTEMPTS tries in all), and the
e-mail outbox's unsent e-mails. Tasks are written to be safe to run again."""

import contextlib
import logging
import os
import socket
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from uuid import UUID

from django.db import DatabaseError, close_old_connections, connection
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from .models import WorkerHeartbeat

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 5
HOUSEKEEPING_EVERY = 2  # heartbeats: abandoned tasks are looked for every 10 s
PURGE_EVERY = 720  # heartbeats: old sent e-mails are forgotten once an hour
MAX_TASK_ATTEMPTS = 3
CONNECTION_ERRORS = ("django.db.utils.OperationalError", "django.db.utils.InterfaceError")


def stale_after() -> timedelta:
    return timedelta(seconds=int(os.environ.get("WORKER_STALE_SECONDS", "60")))


def beat(worker_id: str, started_at: datetime) -> None:
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"last_seen": timezone.now()},
        create_defaults={
            "hostname": socket.gethostname()[:255], "pid": os.getpid(), "started_at": started_at,
            "last_seen": timezone.now(),
        },
    )  # fmt: skip


def requeue_abandoned(now: datetime | None = None) -> dict[str, int]:
    """Running tasks whose worker has been silent longer than WORKER_STALE_SECONDS go back to the
    queue, or fail when they have been tried MAX_TASK_ATTEMPTS times (a task that kills its worker)."""
    now = now or timezone.now()
    cutoff = now - stale_after()
    alive = set(WorkerHeartbeat.objects.filter(last_seen__gte=cutoff).values_list("worker_id", flat=True))
    running = DBTaskResult.objects.running().filter(started_at__lt=cutoff).values_list("pk", "worker_ids")
    abandoned = [(pk, ids) for pk, ids in running if not ids or ids[-1] not in alive]
    again = [pk for pk, ids in abandoned if len(ids) < MAX_TASK_ATTEMPTS]
    given_up = [pk for pk, ids in abandoned if len(ids) >= MAX_TASK_ATTEMPTS]
    requeued = DBTaskResult.objects.filter(pk__in=again, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.READY
    )
    failed = DBTaskResult.objects.filter(pk__in=given_up, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.FAILED,
        finished_at=now,
        exception_class_path="mentorbank.core.workers.WorkerLost",
        traceback=f"The worker running this task stopped {MAX_TASK_ATTEMPTS} times.",
    )
    WorkerHeartbeat.objects.filter(last_seen__lt=now - timedelta(days=1)).delete()
    if requeued or failed:
        logger.warning("abandoned tasks: %s queued again, %s failed", requeued, failed)
    return {"requeued": requeued, "failed": failed}


# Chores the apps above hand the workers (the outbox sends e-mails whose tasks were lost): each is
# called with purge=True about once an hour, else with purge=False. Registered in AppConfig.ready().
HOUSEKEEPERS: list[Callable[[bool], object]] = []


def housekeeping(purge: bool) -> None:
    requeue_abandoned()
    for chore in HOUSEKEEPERS:
        chore(purge)


class Heart(threading.Thread):
    """The worker's heartbeat and housekeeping, on its own thread and database connection."""

    def __init__(self, worker_id: str) -> None:
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id, self.started_at = worker_id, timezone.now()

    def run(self) -> None:
        beats = 0
        while True:
            try:
                beat(self.worker_id, self.started_at)
                if beats % HOUSEKEEPING_EVERY == 0:
                    housekeeping(purge=beats % PURGE_EVERY == 0)
            except Exception:  # the database may be away; the next beat tries again
                logger.warning("heartbeat of %s failed", self.worker_id, exc_info=True)
                close_quietly()
            beats += 1
            time.sleep(HEARTBEAT_SECONDS)


def close_quietly() -> None:
    with contextlib.suppress(Exception):  # a connection to a database that went away may fail to close
        connection.close()


class ResilientWorker(Worker):
    """db_worker's worker that waits out a database outage instead of dying, and queues again a
    task that failed only because the database went away."""

    beats = True  # tests run a worker in their own thread without a heartbeat thread beside it

    def run(self) -> None:
        if self.beats:
            Heart(self.worker_id).start()
        while True:
            try:
                return super().run()
            except DatabaseError:
                logger.warning("database unavailable; worker %s waits", self.worker_id, exc_info=True)
                close_quietly()
                time.sleep(max(self.interval, 1.0))

    def run_task(self, db_task_result: DBTaskResult) -> None:
        try:
            super().run_task(db_task_result)
        except DatabaseError:  # its result could not be saved: the database went away
            self.running_task = False
            self.requeue_when_back(db_task_result.pk)
            return
        if db_task_result.status == TaskResultStatus.FAILED and (
            db_task_result.exception_class_path in CONNECTION_ERRORS
        ):
            self.requeue_when_back(db_task_result.pk)

    def requeue_when_back(self, pk: UUID) -> None:
        while True:
            try:
                close_old_connections()
                task = DBTaskResult.objects.filter(pk=pk).first()
                if task is not None and len(task.worker_ids) < MAX_TASK_ATTEMPTS:
                    DBTaskResult.objects.filter(pk=pk).update(
                        status=TaskResultStatus.READY, exception_class_path="", traceback="", finished_at=None
                    )
                    logger.warning("task %s queued again after a database error", pk)
                elif task is not None and task.status == TaskResultStatus.RUNNING:  # never left running
                    DBTaskResult.objects.filter(pk=pk).update(
                        status=TaskResultStatus.FAILED, finished_at=timezone.now(),
                        exception_class_path=CONNECTION_ERRORS[0], traceback="The database went away, three times.",
                    )  # fmt: skip
                return
            except DatabaseError:
                close_quietly()
                time.sleep(max(self.interval, 1.0))
