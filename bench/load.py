"""Load and faults: the production configuration under a realistic mix, then a database restart
and a task worker killed in the middle of a task.

Starts PostgreSQL-backed Mentor Bank as in production (gunicorn with several web processes,
`manage.py task_worker`, DEBUG off, the database task queue, e-mails written to files) on a new
database with the demo organisation at `--employees` people, 240 sign-in accounts in 120 active
mentorships with planned meetings, and the HR coordinator. Locust (bench/load_mix.py) then drives
employees (browse the bank, open their mentorship, apply, plan meetings, record held ones) and
coordinators (reports) for `--duration` seconds at each concurrency of `--steps`; every virtual
user sends its next request as soon as the last one answered (no think time). Prints requests,
throughput, p50/p95/p99 and errors per step.

Faults, each under load: the database stops in the middle of a run and starts again `--outage`
seconds later (requests meanwhile get a 503 "try again" page and the service recovers by
itself); the task worker is killed with SIGKILL while it runs the committee's matching run (a new
worker is started; the abandoned task is queued again and finishes once). After each: every
write the application acknowledged is in the database and nothing else was written, the queue
drains, and every outgoing e-mail was sent exactly once.

    .venv/bin/python bench/load.py [--employees 40000] [--steps 1,2,4,8,16,32] [--duration 60]
                                   [--web-workers 4] [--fault-users 8] [--no-faults]
"""

import argparse
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
DATABASE = "mentorbank_load"
MENTORSHIPS = 120
MEETINGS_EACH = 60  # planned, in the past: 30 for each member to record


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def production_environment(tmp: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        "DJANGO_SETTINGS_MODULE": "mentorbank.settings",
        "DEBUG": "0",
        "SECRET_KEY": "load-benchmark-" + "k" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(tmp / "mail"),
        "STATIC_ROOT": str(tmp / "static"),
        "WORKER_STALE_SECONDS": "10",
        "PYTHONPATH": str(ROOT / "src"),
    }


def recreate_database() -> None:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as db:
        db.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        db.execute(f"CREATE DATABASE {DATABASE}")


def prepare(employees: int, plan_file: Path) -> dict:
    """The demo world at full size, then the load's accounts, mentorships and meetings."""
    import django

    django.setup()
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("demo_data", employees=employees, verbosity=0)
    plan = load_accounts()
    call_command("collectstatic", interactive=False, verbosity=0)
    plan_file.write_text(json.dumps(plan))
    print(f"prepared in {time.perf_counter() - started:.0f} s: {employees} employees, {len(plan['accounts'])} accounts")
    return plan


def load_accounts() -> dict:
    import datetime

    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from mentorbank.accounts.models import User
    from mentorbank.mentorships.models import Agreement, Meeting, Member, Mentorship
    from mentorbank.organisations.management.commands.demo_data import DEMO_PASSWORD
    from mentorbank.organisations.models import Employee, Organisation
    from mentorbank.programmes.models import Programme

    organisation = Organisation.objects.get(slug="esimerkkila")
    open_programme = Programme.objects.get(owner=organisation, state=Programme.OPEN)
    load = Programme.objects.create(
        owner=organisation, name_fi="Kuormitustesti", state=Programme.RUNNING, formats=["pair"]
    )
    people = list(
        Employee.objects.filter(organisation=organisation, user__isnull=False)
        .exclude(user__email__endswith="@esimerkkila.example", user__organisation_roles__isnull=False)
        .exclude(applications__isnull=False)
        .select_related("user")
        .order_by("pk")[: 2 * MENTORSHIPS]
    )
    User.objects.filter(pk__in=[p.user_id for p in people]).update(password=make_password(DEMO_PASSWORD))
    today, now = timezone.localdate(), timezone.now()
    pairs = Mentorship.objects.bulk_create(
        [
            Mentorship(
                organisation=organisation,
                programme=load,
                format="pair",
                source="matching",
                state="active",
                started_on=today - datetime.timedelta(days=200),
            )  # fmt: skip
            for _ in range(MENTORSHIPS)
        ]
    )
    Member.objects.bulk_create(
        [Member(mentorship=m, employee=people[2 * k], role="mentor") for k, m in enumerate(pairs)]
        + [Member(mentorship=m, employee=people[2 * k + 1], role="mentee") for k, m in enumerate(pairs)]
    )
    Agreement.objects.bulk_create(
        [
            Agreement(
                mentorship=m,
                version=1,
                state="approved",
                starts_on=today - datetime.timedelta(days=200),
                ends_on=today + datetime.timedelta(days=365),
                working_time="-",
                confidentiality="-",
                ending="-",
            )  # fmt: skip
            for m in pairs
        ]
    )
    meetings = Meeting.objects.bulk_create(
        [
            Meeting(mentorship=m, starts_at=now - datetime.timedelta(days=d + 1), minutes=60, state="planned")
            for m in pairs
            for d in range(MEETINGS_EACH)
        ]
    )
    by_pair: dict[int, list[int]] = {}
    for meeting in meetings:
        by_pair.setdefault(meeting.mentorship_id, []).append(meeting.pk)
    accounts = [
        {"email": person.user.email, "mentorship": pair.pk, "meetings": by_pair[pair.pk][side::2]}
        for k, pair in enumerate(pairs)
        for side, person in enumerate((people[2 * k], people[2 * k + 1]))
    ]
    return {
        "organisation": organisation.slug, "password": DEMO_PASSWORD, "hr_email": "hr@esimerkkila.example",
        "open_programme": open_programme.pk, "load_programme": load.pk, "accounts": accounts,
    }  # fmt: skip


def appending(path: Path):  # type: ignore[no-untyped-def]
    """A log file for a child process (it stays open as long as the process writes to it)."""
    return open(path, "ab")  # noqa: SIM115


class Service:
    """gunicorn with several web processes and one task worker, as in production."""

    def __init__(self, env: dict[str, str], tmp: Path, web_workers: int) -> None:
        self.env, self.tmp, self.web_workers = env, tmp, web_workers
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.workers: list[subprocess.Popen] = []
        self.web: subprocess.Popen | None = None

    def start(self) -> None:
        self.web = subprocess.Popen(
            [str(ROOT / ".venv/bin/gunicorn"), "mentorbank.wsgi", "--chdir", "src", "--workers", str(self.web_workers),
             "--bind", f"127.0.0.1:{self.port}", "--timeout", "60", "--log-level", "warning"],
            cwd=ROOT, env=self.env, stdout=appending(self.tmp / "web.log"), stderr=subprocess.STDOUT,
        )  # fmt: skip
        self.start_worker()
        self.wait_until_up()

    def start_worker(self) -> subprocess.Popen:
        worker = subprocess.Popen(
            [PYTHON, "manage.py", "task_worker", "--no-reload", "--interval", "0.2"],
            cwd=ROOT, env=self.env, stdout=appending(self.tmp / "worker.log"), stderr=subprocess.STDOUT,
        )  # fmt: skip
        self.workers.append(worker)
        return worker

    def wait_until_up(self, timeout: float = 60) -> None:
        import requests

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if requests.get(self.url + "/accounts/login/", timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.3)
        raise SystemExit(f"the service did not start; see {self.tmp}/web.log")

    def stop(self) -> None:
        for process in [self.web, *self.workers]:
            if process and process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in [self.web, *self.workers]:
            if process:
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()


class Load:
    """One locust run; its figures come from locust's CSV files."""

    def __init__(self, service: Service, plan_file: Path, tmp: Path) -> None:
        self.service, self.plan_file, self.tmp = service, plan_file, tmp
        self.offset = 0
        self.log = tmp / "acknowledged.tsv"

    def start(self, users: int, duration: int, label: str) -> tuple[subprocess.Popen, Path]:
        prefix = self.tmp / f"locust-{label}"
        env = {**self.service.env, "LOAD_PLAN": str(self.plan_file), "LOAD_OFFSET": str(self.offset),
               "LOAD_LOG": str(self.log)}  # fmt: skip
        self.offset += users
        process = subprocess.Popen(
            [str(ROOT / ".venv/bin/locust"), "-f", str(ROOT / "bench/load_mix.py"), "--headless", "-u", str(users),
             "-r", str(users), "--run-time", f"{duration}s", "--host", self.service.url, "--csv", str(prefix),
             "--only-summary", "--loglevel", "ERROR", "--stop-timeout", "10"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=appending(self.tmp / "locust.log"),
        )  # fmt: skip
        return process, prefix

    def run(self, users: int, duration: int, label: str) -> dict:
        process, prefix = self.start(users, duration, label)
        process.wait()
        return figures(prefix)


def figures(prefix: Path) -> dict:
    import csv

    rows = list(csv.DictReader(Path(f"{prefix}_stats.csv").read_text().splitlines()))
    failures = list(csv.DictReader(Path(f"{prefix}_failures.csv").read_text().splitlines()))
    total = next(r for r in rows if r["Name"] == "Aggregated")
    return {
        "requests": int(total["Request Count"]), "errors": int(total["Failure Count"]),
        "rps": float(total["Requests/s"]), "p50": total["50%"], "p95": total["95%"], "p99": total["99%"],
        "by_name": {r["Name"]: r for r in rows if r["Name"] != "Aggregated"},
        "failures": [(f["Name"], f["Error"][:120], int(f["Occurrences"])) for f in failures],
    }  # fmt: skip


def print_step(users: int | str, f: dict) -> None:
    print(
        f"{users!s:>10} {f['requests']:>8} {f['rps']:>8.1f} {f['p50']:>6} {f['p95']:>6} {f['p99']:>6} {f['errors']:>6}"
    )


def print_header() -> None:
    print(f"{'users':>10} {'requests':>8} {'req/s':>8} {'p50':>6} {'p95':>6} {'p99':>6} {'errors':>6}   (ms)")


def print_by_name(f: dict) -> None:
    for name, row in sorted(f["by_name"].items()):
        print(f"    {name:<28} {row['Request Count']:>6} requests  p50 {row['50%']:>5}  p95 {row['95%']:>5}  "
              f"p99 {row['99%']:>5}  errors {row['Failure Count']}")  # fmt: skip
    for name, error, count in f["failures"]:
        print(f"    error: {name}: {error} × {count}")


# --- checks after a run -----------------------------------------------------------------------


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
    from mentorbank.mentorships.models import Meeting
    from mentorbank.programmes.models import Application

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


# --- faults -------------------------------------------------------------------------------------


class Probe(threading.Thread):
    """Signed in as an account the load does not use, asks for the home page (which needs the
    database) every 0.1 s and remembers what came back."""

    def __init__(self, url: str, plan: dict) -> None:
        super().__init__(daemon=True)
        self.url, self.running, self.answers = url, True, []  # (time, status or 0 for no answer)
        self.page = f"{url}/o/{plan['organisation']}/"
        self.session = signed_in(url, plan["accounts"][-1]["email"], plan["password"])

    def run(self) -> None:
        import requests

        while self.running:
            try:
                status = self.session.get(self.page, timeout=5, allow_redirects=False).status_code
            except requests.RequestException:
                status = 0
            self.answers.append((time.monotonic(), status))
            time.sleep(0.1)

    def outage(self, since: float) -> str:
        bad = [t for t, s in self.answers if t >= since and s != 200]
        if not bad:
            return "the probe saw no failed request"
        back = next((t for t, s in self.answers if t > bad[-1] and s == 200), None)
        statuses = sorted({s for t, s in self.answers if t >= since and s != 200})
        return (
            f"the probe saw {len(bad)} failed requests (status {statuses}; 0 = no answer) from "
            f"{bad[0] - since:.1f} s to {bad[-1] - since:.1f} s after the stop began; answering again "
            f"{(back - since) if back else float('nan'):.1f} s after"
        )


def signed_in(url: str, email: str, password: str):  # type: ignore[no-untyped-def]
    import requests

    session = requests.Session()
    form = session.get(url + "/accounts/login/", timeout=10)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)  # type: ignore[union-attr]
    data = {"csrfmiddlewaretoken": token, "username": email, "password": password}
    session.post(url + "/accounts/login/", data=data, timeout=10, allow_redirects=False).raise_for_status()
    return session


def database_restart(service: Service, load: Load, users: int, duration: int, outage: int) -> None:
    print(f"\n== Fault 1: PostgreSQL stops {duration // 3} s into a {duration} s run at {users} users "
          f"and starts again {outage} s later")  # fmt: skip
    cluster = sorted(os.listdir("/etc/postgresql"))[0]
    probe = Probe(service.url, load_plan(load))
    probe.start()
    process, prefix = load.start(users, duration, "fault-database")
    time.sleep(duration // 3)
    began = time.monotonic()
    postgres = ["pg_ctlcluster", "--skip-systemctl-redirect", cluster, "main"]
    subprocess.run([*postgres, "stop", "--mode", "fast"], check=True)
    stopped = time.monotonic()
    time.sleep(outage)
    subprocess.run([*postgres, "start"], check=True)
    print(f"  PostgreSQL stopped in {stopped - began:.1f} s, stayed down {outage} s, "
          f"was up again {time.monotonic() - began:.1f} s after the stop began")  # fmt: skip
    process.wait()
    probe.running = False
    f = figures(prefix)
    print_header()
    print_step(users, f)
    print_by_name(f)
    print("  " + probe.outage(began))
    alive = [p.poll() is None for p in [service.web, *service.workers]]
    print(f"  processes still running (web, workers): {alive}")
    print(f"  queue drained {drain():.1f} s after the run")
    for line in check_data(load_plan(load), load.log) + check_tasks_and_mail(service.tmp / "mail"):
        print("  " + line)


def worker_killed(service: Service, load: Load, users: int, duration: int) -> None:
    from django.contrib.auth import get_user_model

    from mentorbank.matching import services
    from mentorbank.matching.models import MatchingRun
    from mentorbank.programmes.models import Programme

    print(f"\n== Fault 2: the task worker is killed (SIGKILL) while it runs a matching run, at {users} users")
    orm_ready()
    process, prefix = load.start(users, duration, "fault-worker")
    cohort = Programme.objects.get(owner__slug="esimerkkila", state=Programme.MATCHING)
    hr = get_user_model().objects.get(email="hr@esimerkkila.example")
    run = services.start_run(programme=cohort, objective=MatchingRun.OBJECTIVES[0][0], weights={}, actor=hr)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and MatchingRun.objects.get(pk=run.pk).state != MatchingRun.RUNNING:
        time.sleep(0.02)
    state = MatchingRun.objects.get(pk=run.pk).state
    victim = service.workers[-1]
    victim.send_signal(signal.SIGKILL)
    killed = time.monotonic()
    print(f"  matching run {run.pk} was {state!r} when worker pid {victim.pid} was killed")
    service.start_worker()
    while time.monotonic() - killed < 180 and not MatchingRun.objects.get(pk=run.pk).finished:
        time.sleep(0.5)
    done = MatchingRun.objects.get(pk=run.pk)
    tries = task_tries(run.pk)
    print(f"  the run was {done.state!r} {time.monotonic() - killed:.1f} s after the kill, tried by {tries} workers; "
          f"{done.proposals.count()} proposals for {done.mentee_count} mentees")  # fmt: skip
    process.wait()
    f = figures(prefix)
    print_header()
    print_step(users, f)
    print_by_name(f)
    print(f"  queue drained {drain():.1f} s after the run")
    for line in check_data(load_plan(load), load.log) + check_tasks_and_mail(service.tmp / "mail"):
        print("  " + line)


def task_tries(run_id: int) -> int:
    from django_tasks_db.models import DBTaskResult

    task = DBTaskResult.objects.filter(task_path__endswith="execute_run", args_kwargs__args=[run_id]).first()
    return len(task.worker_ids) if task else 0


def load_plan(load: Load) -> dict:
    return json.loads(load.plan_file.read_text())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--employees", type=int, default=40000)
    parser.add_argument("--steps", default="1,2,4,8,16,32", help='concurrencies; "" for the faults only')
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--web-workers", type=int, default=4)
    parser.add_argument("--fault-users", type=int, default=8)
    parser.add_argument("--outage", type=int, default=10, help="seconds the database stays down")
    parser.add_argument("--no-faults", action="store_true")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="mentorbank-load-"))
    env = production_environment(tmp)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT / "src"))
    recreate_database()
    plan_file = tmp / "plan.json"
    plan = prepare(args.employees, plan_file)
    service = Service(env, tmp, args.web_workers)
    service.start()
    print(f"production configuration: gunicorn {args.web_workers} web processes, 1 task_worker, PostgreSQL; "
          f"{os.cpu_count()} cores; logs in {tmp}")  # fmt: skip
    load = Load(service, plan_file, tmp)
    try:
        print(f"\n== Load: {args.duration} s a step, no think time")
        print_header()
        results = {}
        for users in [int(u) for u in args.steps.split(",") if u]:
            results[users] = load.run(users, args.duration, f"step-{users}")
            print_step(users, results[users])
        ok = [u for u, f in results.items() if f["errors"] == 0 and f["p95"] != "N/A" and int(f["p95"]) < 300]
        best = max(ok, default=None)
        print(f"\nhighest concurrency with p95 < 300 ms and no errors: {best}")
        for users in sorted({best, max(results, default=None)} - {None}):
            print(f"\n  by request at {users} users:")
            print_by_name(results[users])
        print(f"\n  queue drained {drain():.1f} s after the steps")
        for line in check_data(plan, load.log) + check_tasks_and_mail(tmp / "mail"):
            print("  " + line)
        if not args.no_faults:
            database_restart(service, load, args.fault_users, args.duration, args.outage)
            worker_killed(service, load, args.fault_users, args.duration)
    finally:
        service.stop()
        orm_ready()


if __name__ == "__main__":
    main()
