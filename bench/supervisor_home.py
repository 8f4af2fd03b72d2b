"""Benchmark: a supervisor's home page with 300 staff and 50 mentorships under them.

Builds one organisation where a supervisor has `--staff` direct reports, `--mentorships` of them
in mentorships of a programme with a monthly working-time limit, each with meetings (held with
recorded time, and planned with substitute requests), agreements waiting for the supervisor's
approval and shared insights; then requests the home page through Django's test client and prints
the median and 95th percentile and the number of queries.

    .venv/bin/python bench/supervisor_home.py [--staff 300] [--mentorships 50] [--repeat 40]
"""

import argparse
import datetime
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from database import benchmark_database  # noqa: E402


def build(staff: int, mentorships: int):  # type: ignore[no-untyped-def]
    from django.utils import timezone

    from mentorbank.accounts.models import User
    from mentorbank.mentorships import services
    from mentorbank.mentorships.models import (
        Agreement,
        Approval,
        Insight,
        Meeting,
        MeetingTime,
        Member,
        Mentorship,
        SubstituteRequest,
    )
    from mentorbank.organisations.models import Employee, Organisation, Unit
    from mentorbank.programmes.models import Programme

    organisation = Organisation.objects.create(name="Benchmark", slug="bench", business_id="1234567-1")
    unit = Unit.objects.create(organisation=organisation, code="U1", name="Yksikkö")
    user = User.objects.create_user(email="boss@bench.example", password="bench-password")
    boss = Employee.objects.create(
        organisation=organisation,
        personal_id="B0",
        first_name="Pia",
        last_name="Pomo",
        email=user.email,
        unit=unit,
        user=user,
    )
    people = Employee.objects.bulk_create(
        [
            Employee(
                organisation=organisation,
                personal_id=f"S{k}",
                first_name="Työ",
                last_name=f"Tekijä {k:03d}",
                email=f"s{k}@bench.example",
                unit=unit,
                supervisor=boss,
            )
            for k in range(staff)
        ]
    )
    mentors = Employee.objects.bulk_create(
        [
            Employee(
                organisation=organisation,
                personal_id=f"M{k}",
                first_name="Men",
                last_name=f"Tori {k}",
                email=f"m{k}@bench.example",
                unit=unit,
            )
            for k in range(mentorships)
        ]
    )
    programme = Programme.objects.create(
        owner=organisation,
        name_fi="Ohjelma",
        working_time_minutes=90,
        working_time_period="month",
        substitutes_arranged=True,
    )
    now = timezone.now()
    for k in range(mentorships):
        mentorship = services.create_mentorship(
            organisation=organisation,
            programme=programme,
            format="pair",
            source="matching",
            members=[(mentors[k], Member.MENTOR), (people[k], Member.MENTEE)],
            actor=None,
            announce=False,
        )
        Mentorship.objects.filter(pk=mentorship.pk).update(state=Mentorship.ACTIVE)
        held = Meeting.objects.create(
            mentorship=mentorship, starts_at=now - datetime.timedelta(hours=2), minutes=60, state="held"
        )
        MeetingTime.objects.create(meeting=held, employee=people[k], minutes=60)
        planned = Meeting.objects.create(mentorship=mentorship, starts_at=now + datetime.timedelta(days=3), minutes=60)
        SubstituteRequest.objects.create(meeting=planned, employee=people[k], supervisor=boss)
        if k % 5 == 0:
            agreement = mentorship.agreements.get()
            agreement.state = Agreement.APPROVING
            agreement.save()
            Approval.objects.create(
                agreement=agreement, kind="supervisor", participant=people[k], approver=boss, organisation=organisation
            )
        if k % 10 == 0:
            Insight.objects.create(mentorship=mentorship, author=people[k], text="Idea").units.add(unit)
    return user


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--staff", type=int, default=300)
    parser.add_argument("--mentorships", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=40)
    args = parser.parse_args()
    with benchmark_database():
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        user = build(args.staff, args.mentorships)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        client = Client()
        client.force_login(user)
        client.get("/o/bench/")  # warm up (remembers the organisation on the account)
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            response = client.get("/o/bench/")
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
        with CaptureQueriesContext(connection) as queries:
            client.get("/o/bench/")
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * len(times)) - 1)]
        print(
            f"{connection.vendor}: supervisor home, {args.staff} staff, {args.mentorships} mentorships: "
            f"median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, {len(queries)} queries"
        )


if __name__ == "__main__":
    main()
