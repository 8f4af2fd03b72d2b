"""The scheduler runs each registered job once per its interval, whoever else runs it too, and one
failing job never stops the others."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from mentorbank.core import schedule
from mentorbank.core.models import ScheduledJobRun

pytestmark = pytest.mark.django_db


@pytest.fixture
def jobs(monkeypatch):
    calls = []
    registered = {}
    monkeypatch.setattr(schedule, "JOBS", registered)
    schedule.register("hourly", schedule.HOUR, lambda: calls.append("hourly") or "ok")
    schedule.register("daily", schedule.DAY, lambda: calls.append("daily") or "ok")
    return calls


def test_each_job_runs_once_per_interval(jobs):
    start = timezone.now()
    assert schedule.run_due(start) == {"hourly": "ok", "daily": "ok"}
    assert schedule.run_due(start + datetime.timedelta(minutes=59)) == {}, "not again within the hour"
    assert schedule.run_due(start + datetime.timedelta(hours=1)) == {"hourly": "ok"}
    assert schedule.run_due(start + datetime.timedelta(days=1)) == {"hourly": "ok", "daily": "ok"}
    assert jobs == ["hourly", "daily", "hourly", "hourly", "daily"]
    assert ScheduledJobRun.objects.get(name="daily").last_result == "ok"


def test_a_second_scheduler_does_not_run_a_claimed_job(jobs):
    now = timezone.now()
    job = schedule.JOBS["hourly"]
    assert schedule.claim(job, now) is True
    assert schedule.claim(job, now) is False, "the other scheduler finds it taken"


def test_a_failing_job_is_recorded_and_the_others_run(jobs, caplog):
    def broken():
        raise RuntimeError("boom")

    schedule.register("broken", schedule.HOUR, broken)
    done = schedule.run_due()
    assert done["broken"] == "failed: RuntimeError" and done["hourly"] == "ok"
    assert "scheduled job broken failed" in caplog.text


def test_the_apps_register_the_jobs_the_readme_promises():
    assert {
        "mentorship_reminders",
        "surveys",
        "bank_housekeeping",
        "retention",
        "email_retry",
        "email_purge",
        "prune_task_results",
        "announcements",
        "new_starter_invitations",
    } <= set(schedule.JOBS)


def test_run_scheduler_once_runs_what_is_due(jobs, capsys):
    call_command("run_scheduler", "--once")
    assert "hourly: ok" in capsys.readouterr().out
    call_command("run_scheduler", "--once")
    assert capsys.readouterr().out == ""
