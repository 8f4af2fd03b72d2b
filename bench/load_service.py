"""The production configuration for bench/load.py (gunicorn, task workers) and the locust runs
that load it, with their figures."""

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

from load_world import DATABASE

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")


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
