"""Benchmark: signing in, with the earlier password hasher (Django's PBKDF2, 1,000,000 iterations) and
with Argon2id at OWASP's minimum (accounts.hashers). For each: checking one password, and a whole
sign-in (the POST of the sign-in form through Django, throttling and session included), alone and
with `--busy` other processes hashing at the same time (as several sign-ins at once on these cores).
Prints median and 95th percentile.

    .venv/bin/python bench/sign_in.py [--repeat 30] [--busy 2]
"""

import argparse
import multiprocessing
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from database import benchmark_database  # noqa: E402

HASHERS = {
    "PBKDF2 (before)": ["django.contrib.auth.hashers.PBKDF2PasswordHasher"],
    "Argon2id (after)": ["mentorbank.accounts.hashers.Argon2idHasher"],
}
PASSWORD = "bench-password-1234"


def timed(fn, repeat: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[max(0, int(len(samples) * 0.95) - 1)]


def hash_forever(hasher_path: str, stop) -> None:  # type: ignore[no-untyped-def]
    """Another sign-in's hashing, again and again (a forked process: Django is set up already)."""
    from django.utils.module_loading import import_string

    hasher = import_string(hasher_path)()
    while not stop.is_set():
        hasher.encode(PASSWORD, hasher.salt())


def measure(name: str, hashers: list[str], repeat: int, busy: int) -> None:
    from django.contrib.auth.hashers import check_password
    from django.test import Client, override_settings

    from mentorbank.accounts.models import User

    with override_settings(PASSWORD_HASHERS=hashers):
        user = User.objects.get(email="bench@example.fi")
        user.set_password(PASSWORD)
        user.save()
        for load in (0, busy):
            stop = multiprocessing.Event()
            others = [multiprocessing.Process(target=hash_forever, args=(hashers[0], stop)) for _ in range(load)]
            for process in others:
                process.start()
            try:
                p50, p95 = timed(lambda: check_password(PASSWORD, user.password), repeat)
                print(f"{name:<18} others hashing={load}  check a password  p50={p50:7.1f} ms  p95={p95:7.1f} ms")

                def sign_in() -> None:
                    response = Client().post("/accounts/login/", {"username": user.email, "password": PASSWORD})
                    assert response.status_code == 302, response.status_code

                p50, p95 = timed(sign_in, repeat)
                print(f"{name:<18} others hashing={load}  whole sign-in     p50={p50:7.1f} ms  p95={p95:7.1f} ms")
            finally:
                stop.set()
                for process in others:
                    process.join()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--busy", type=int, default=2)
    args = parser.parse_args()
    with benchmark_database():
        from mentorbank.accounts.models import User

        User.objects.create_user(email="bench@example.fi", password=PASSWORD)
        for name, hashers in HASHERS.items():
            measure(name, hashers, args.repeat, args.busy)


if __name__ == "__main__":
    main()
