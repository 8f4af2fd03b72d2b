"""The jobs that run on their own schedule (reminders, surveys, bank housekeeping, retention…) and
the scheduler that runs them: `manage.py run_scheduler`, started by script/server beside the web
server and a task worker, and in production as its own process (or one `--once` from a timer).

The apps register their jobs in AppConfig.ready() (core imports no domain app). Each job is safe
to run twice; the scheduler also claims a job by one conditional update before running it, so two
schedulers never run the same job for the same slot."""

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from .models import ScheduledJobRun

logger = logging.getLogger(__name__)

HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Job:
    name: str
    every: datetime.timedelta
    run: Callable[[], object]


JOBS: dict[str, Job] = {}


def register(name: str, every: datetime.timedelta, run: Callable[[], object]) -> None:
    JOBS[name] = Job(name, every, run)


def claim(job: Job, now: datetime.datetime) -> bool:
    """True when this caller may run the job now: it has not started within its interval."""
    ScheduledJobRun.objects.get_or_create(name=job.name)
    due = Q(started_at__isnull=True) | Q(started_at__lte=now - job.every)
    return bool(ScheduledJobRun.objects.filter(due, name=job.name).update(started_at=now))


def run_due(now: datetime.datetime | None = None) -> dict[str, str]:
    """Run every job that is due; a failing job is logged and tried again at its next slot."""
    now = now or timezone.now()
    done: dict[str, str] = {}
    for job in JOBS.values():
        if not claim(job, now):
            continue
        try:
            result = str(job.run())
        except Exception as error:  # one job's failure must not stop the others
            logger.exception("scheduled job %s failed", job.name)
            result = f"failed: {error.__class__.__name__}"
        ScheduledJobRun.objects.filter(name=job.name).update(finished_at=timezone.now(), last_result=result[:1000])
        done[job.name] = result
    return done
