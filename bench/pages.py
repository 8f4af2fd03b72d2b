"""Every signed-in page under load, beside a bare Django view (issue 19's page benchmark).

For each size of `--employees` (default 2,000 and 40,000): the demo organisations in their own
PostgreSQL database (made once, kept for the next run; `--fresh` remakes it), served as in production
(gunicorn with `--web-workers` 2 sync processes, DEBUG off). It signs in as the demo's HR coordinator,
supervisor and employee and a matching committee member, finds every URL pattern of the permission
matrix that one of them may open (200 for a GET; the first of them in that order is used), and
loads each page with wrk at `--connections` (16) for `--seconds` (5). A bare Django view
(`/bench/hello/`, bench/pages_urls.py) is measured in the same run, before and after the pages, as the
yardstick. Prints per page: requests per second, p50, p95 and p99 (ms), queries per request (counted
by the server) and requests per second as a share of the bare view's; then, with two sizes, how much
slower each page is at the larger size.

Needs wrk (Debian's `wrk` package).

    .venv/bin/python bench/pages.py [--employees 2000,40000] [--seconds 5] [--connections 16]
                                    [--web-workers 2] [--only NAME,...] [--fresh]
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pages_world  # noqa: E402
from load_service import ROOT, appending, free_port, production_environment  # noqa: E402

SKIPPED = {"accounts:logout", "accounts:set_language", "sso:start", "sso:callback", "home:switch"}
REPORT = """
done = function(summary, latency, requests)
  io.write(string.format('{"requests": %d, "seconds": %f, "errors": %d, "p50": %f, "p95": %f, "p99": %f}\\n',
    summary.requests, summary.duration / 1e6,
    summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
"""


def environment(tmp: Path, employees: int) -> dict[str, str]:
    env = production_environment(tmp)
    env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{pages_world.database_name(employees)}"
    env["DJANGO_SETTINGS_MODULE"] = "pages_settings"
    env["PYTHONPATH"] += os.pathsep + str(ROOT / "bench")
    return env


def ready(employees: int, env: dict[str, str], fresh: bool) -> None:
    name = pages_world.database_name(employees)
    if pages_world.exists(name) and not fresh:
        print(f"  using the database {name} (--fresh makes it again)")
        subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        return
    pages_world.create(name)
    code = f"import pages_world; pages_world.prepare({employees})"
    if subprocess.run([sys.executable, "-c", code], cwd=ROOT / "bench", env=env).returncode != 0:
        pages_world.drop(name)
        raise SystemExit("the demo could not be made")


def start(env: dict[str, str], tmp: Path, workers: int) -> tuple[subprocess.Popen, str]:
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    port = free_port()
    web = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "mentorbank.wsgi", "--chdir", "src", "--workers", str(workers),
         "--bind", f"127.0.0.1:{port}", "--timeout", "120", "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=appending(tmp / "web.log"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            if requests.get(url + "/bench/hello/", timeout=2).status_code == 200:
                return web, url
        except requests.RequestException:
            time.sleep(0.3)
    raise SystemExit(f"the service did not start; see {tmp}/web.log")


def sign_in(url: str, email: str) -> requests.Session:
    session = requests.Session()
    page = session.get(url + "/accounts/login/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert token, "no sign-in form"
    answer = session.post(
        url + "/accounts/login/",
        data={"csrfmiddlewaretoken": token.group(1), "username": email, "password": pages_world.DEMO_PASSWORD},
        headers={"Referer": url + "/accounts/login/"},
        timeout=30,
    )
    assert "sessionid" in session.cookies, f"{email} could not sign in ({answer.status_code})"
    return session


def pages(env: dict[str, str]) -> list[dict]:
    """Every URL pattern with each visitor's address for it (worked out by Django in a child process)."""
    code = "import json, pages_world; print(json.dumps(pages_world.page_urls()))"
    found = subprocess.run([sys.executable, "-c", code], cwd=ROOT / "bench", env=env, check=True, capture_output=True)
    return json.loads(found.stdout)


def wrk(url: str, cookie: str, seconds: int, connections: int, script: Path) -> dict:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", str(script), url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    figures = json.loads(out.strip().splitlines()[-1])
    figures["rps"] = figures["requests"] / figures["seconds"]
    return figures


def measure(employees: int, args: argparse.Namespace, script: Path) -> dict[str, dict]:
    tmp = Path(tempfile.mkdtemp(prefix="mentorbank-pages-"))
    env = environment(tmp, employees)
    print(f"\n== {employees} employees ==", flush=True)
    ready(employees, env, args.fresh)
    web, url = start(env, tmp, args.web_workers)
    try:
        sessions = {who: sign_in(url, email) for who, email in pages_world.VISITORS.items()}
        cookies = {who: f"sessionid={s.cookies['sessionid']}" for who, s in sessions.items()}
        bare_before = wrk(url + "/bench/hello/", "", args.seconds, args.connections, script)
        print(f"  bare view: {bare_before['rps']:.0f} requests/s, p50 {bare_before['p50']:.1f} ms", flush=True)
        results: dict[str, dict] = {}
        print_header()
        for page in pages(env):
            if page["name"] in SKIPPED or (args.only and page["name"] not in args.only):
                continue
            chosen = first_allowed(url, page, sessions)
            if chosen is None:
                continue
            who, path, queries, kind = chosen
            figures = wrk(url + path, cookies[who], args.seconds, args.connections, script)
            figures.update(name=page["name"], who=who, queries=queries, kind=kind)
            results[page["name"]] = figures
            print_row(figures, bare_before["rps"])
        bare_after = wrk(url + "/bench/hello/", "", args.seconds, args.connections, script)
        bare = (bare_before["rps"] + bare_after["rps"]) / 2
        print(f"  bare view after the pages: {bare_after['rps']:.0f} requests/s; the ratios use their mean {bare:.0f}")
        summarise(results, bare)
        return results
    finally:
        web.terminate()
        web.wait(30)
        shutil.rmtree(tmp, ignore_errors=True)


def first_allowed(url: str, page: dict, sessions: dict) -> tuple[str, str, int, str] | None:
    for who, path in page["urls"].items():
        if path is None:
            continue
        response = sessions[who].get(url + path, allow_redirects=False, timeout=120)
        if response.status_code == 200:
            kind = "page" if response.headers.get("Content-Type", "").startswith("text/html") else "download"
            return who, path, int(response.headers.get("X-Queries", -1)), kind
    return None


def print_header() -> None:
    print(f"  {'page':<40} {'as':<10} {'req/s':>7} {'p50':>7} {'p95':>7} {'p99':>7} {'queries':>7} {'of bare':>8}")


def print_row(f: dict, bare: float) -> None:
    print(
        f"  {f['name']:<40} {f['who']:<10} {f['rps']:>7.1f} {f['p50']:>7.1f} {f['p95']:>7.1f} {f['p99']:>7.1f} "
        f"{f['queries']:>7} {100 * f['rps'] / bare:>7.1f}%" + ("" if f["kind"] == "page" else "  (download)"),
        flush=True,
    )


def summarise(results: dict[str, dict], bare: float) -> None:
    shown = [f for f in results.values() if f["kind"] == "page"]
    slow = [f["name"] for f in shown if f["p95"] >= 100]
    few = [f["name"] for f in shown if f["rps"] < 0.1 * bare]
    errors = [f["name"] for f in results.values() if f["errors"]]
    print(f"  {len(shown)} pages: p95 under 100 ms for {len(shown) - len(slow)}; at least 10 % of the bare view's "
          f"requests/s for {len(shown) - len(few)}")  # fmt: skip
    if slow:
        print("  p95 100 ms or more:", ", ".join(slow))
    if few:
        print("  under 10 % of the bare view:", ", ".join(few))
    if errors:
        print("  with errors or non-2xx answers:", ", ".join(errors))


def compare(small: dict[str, dict], large: dict[str, dict], sizes: tuple[int, int]) -> None:
    print(f"\n== {sizes[1]} against {sizes[0]} employees (p50 and requests/s) ==")
    worst = []
    for name, f in small.items():
        if name not in large:
            continue
        slower = f["rps"] / large[name]["rps"] if large[name]["rps"] else float("inf")
        worst.append((slower, name))
        print(f"  {name:<40} p50 {f['p50']:>7.1f} → {large[name]['p50']:>7.1f} ms   {slower:.2f}× slower")
    over = [name for slower, name in worst if slower > 1.5]
    print(f"  more than 1.5× slower: {', '.join(over) if over else 'none'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--employees", default="2000,40000")
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--web-workers", type=int, default=2)
    parser.add_argument("--only", type=lambda text: set(text.split(",")), default=None)
    parser.add_argument("--fresh", action="store_true")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("bench/pages.py needs wrk (Debian: apt-get install wrk).")
    script = Path(tempfile.mkstemp(suffix=".lua")[1])
    script.write_text(REPORT)
    sizes = [int(n) for n in args.employees.split(",")]
    results = {size: measure(size, args, script) for size in sizes}
    if len(sizes) == 2:
        compare(results[sizes[0]], results[sizes[1]], (sizes[0], sizes[1]))


if __name__ == "__main__":
    main()
