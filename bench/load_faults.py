"""The faults of bench/load.py, each under load: PostgreSQL stops and starts again, and the task
worker is killed in the middle of a matching run."""

import json
import os
import re
import signal
import subprocess
import threading
import time

from load_checks import orm_ready, print_checks
from load_service import Load, Service, figures, print_by_name, print_header, print_step


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
    print_checks(load_plan(load), load.log, service.tmp / "mail", "the run")


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
    print_checks(load_plan(load), load.log, service.tmp / "mail", "the run")


def task_tries(run_id: int) -> int:
    from django_tasks_db.models import DBTaskResult

    task = DBTaskResult.objects.filter(task_path__endswith="execute_run", args_kwargs__args=[run_id]).first()
    return len(task.worker_ids) if task else 0


def load_plan(load: Load) -> dict:
    return json.loads(load.plan_file.read_text())
