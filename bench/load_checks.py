"""What bench/load.py checks after each run: acknowledged writes against the database, the task
queue and the e-mails that went out."""

import re
import time
from pathlib import Path

from load_world import MEETINGS_EACH, MENTORSHIPS


def orm_ready() -> None:
    from django.db import connections

    connections.close_all()  # the database may have restarted under this process


def acknowledged(log: Path) -> dict[str, set[str]]:
    seen: dict[str, set[str]] = {"record meeting": set(), "plan meeting": set(), "apply": set()}
    if log.exists():
        for line in log.read_text().splitlines():
            name, key = line.split("\t", 1)
            seen.setdefault(name, set()).add(key)
    return seen


def check_data(plan: dict, log: Path) -> list[str]:
    """Every acknowledged write is in the database, and nothing unacknowledged was written."""
    from mentorbank.applications.models import Application
    from mentorbank.mentorships.models import Meeting

    orm_ready()
    seen = acknowledged(log)
    emails = {a["email"] for a in plan["accounts"]}
    load_meetings = Meeting.objects.filter(mentorship__programme_id=plan["load_programme"])
    held = {str(pk) for pk in load_meetings.filter(state="held").values_list("pk", flat=True)}
    applied = set(
        Application.objects.filter(programme_id=plan["open_programme"], employee__user__email__in=emails).values_list(
            "employee__user__email", flat=True
        )
    )
    planned_now = load_meetings.count() - MENTORSHIPS * MEETINGS_EACH
    plans = len(seen["plan meeting"])
    return [
        f"meetings recorded held: acknowledged {len(seen['record meeting'])}, in the database {len(held)}, "
        f"missing {len(seen['record meeting'] - held)}, unacknowledged {len(held - seen['record meeting'])}",
        f"meetings planned: acknowledged {plans}, new in the database {planned_now}",
        f"applications: acknowledged for {len(seen['apply'])} people, in the database {len(applied)}, "
        f"missing {len(seen['apply'] - applied)}, unacknowledged {len(applied - seen['apply'])}",
    ]


def drain(timeout: float = 300) -> float:
    from django_tasks_db.models import DBTaskResult

    started = time.monotonic()
    while time.monotonic() - started < timeout:
        orm_ready()
        if not DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).exists():
            return time.monotonic() - started
        time.sleep(1)
    return float("nan")


def check_tasks_and_mail(mail_dir: Path) -> list[str]:
    from django.db.models import Count
    from django_tasks_db.models import DBTaskResult

    from mentorbank.notifications.models import OutgoingEmail

    orm_ready()
    tasks = dict(DBTaskResult.objects.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    retried = DBTaskResult.objects.filter(worker_ids__1__isnull=False).count()
    ids = []
    for path in mail_dir.glob("*"):
        ids += re.findall(r"^Message-ID: <outbox-(\d+)@", path.read_text(errors="replace"), flags=re.MULTILINE)
    rows = OutgoingEmail.objects.count()
    unsent = OutgoingEmail.objects.filter(sent_at__isnull=True).count()
    twice = len(ids) - len(set(ids))
    return [
        f"tasks by state: {tasks}; tried more than once: {retried}",
        f"e-mails: {rows} in the outbox, {unsent} unsent, {len(ids)} delivered, {len(set(ids))} distinct, "
        f"{twice} delivered twice",
    ]


def print_checks(plan: dict, log: Path, mail_dir: Path, after: str) -> None:
    """Wait for the queue to drain, then print every check."""
    print(f"  queue drained {drain():.1f} s after {after}")
    for line in check_data(plan, log) + check_tasks_and_mail(mail_dir):
        print("  " + line)
