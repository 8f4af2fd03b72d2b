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
                                   [--web-workers 4] [--fault-users 8] [--no-faults] [--hasher pbkdf2]
"""

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load_checks import orm_ready, print_checks  # noqa: E402
from load_faults import database_restart, worker_killed  # noqa: E402
from load_service import ROOT, Load, Service, print_by_name, print_header, print_step, production_environment  # noqa: E402
from load_world import prepare, recreate_database  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--employees", type=int, default=40000)
    parser.add_argument("--steps", default="1,2,4,8,16,32", help='concurrencies; "" for the faults only')
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--web-workers", type=int, default=4)
    parser.add_argument("--fault-users", type=int, default=8)
    parser.add_argument("--outage", type=int, default=10, help="seconds the database stays down")
    parser.add_argument("--no-faults", action="store_true")
    parser.add_argument(
        "--hasher", choices=["argon2id", "pbkdf2"], default="argon2id", help="pbkdf2: as before Argon2id (sign-in)"
    )
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="mentorbank-load-"))
    env = production_environment(tmp)
    if args.hasher == "pbkdf2":
        env["DJANGO_SETTINGS_MODULE"] = "pbkdf2_settings"
        env["PYTHONPATH"] += os.pathsep + str(ROOT / "bench")
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
        print()
        print_checks(plan, load.log, tmp / "mail", "the steps")
        if not args.no_faults:
            database_restart(service, load, args.fault_users, args.duration, args.outage)
            worker_killed(service, load, args.fault_users, args.duration)
    finally:
        service.stop()
        orm_ready()


if __name__ == "__main__":
    main()
