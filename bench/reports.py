"""Benchmark: the reports page and a survey's results at the scale of the state's shared bank.

Builds one organisation with `--employees` people in 300 units and 25 profession groups,
`--mentorships` pairs (two held meetings each, with working time), applications and matches,
and `--answers` survey answer sets, programme costs and shared insights; then times every report
section's page, the printable report, an API section and a survey's results page through Django's
test client (the API with the session, as the pages). Prints median and 95th percentile and the queries.

    .venv/bin/python bench/reports.py [--employees 75000] [--mentorships 20000] [--answers 60000] [--debug]

Production settings (DEBUG off) unless --debug; DATABASE_URL=postgres://… for PostgreSQL.
"""

import argparse
import datetime
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from database import benchmark_database  # noqa: E402

SECTIONS = ["coverage", "supply", "activity", "costs", "outcomes", "insights"]


def build(employees: int, mentorships: int, answers: int):  # type: ignore[no-untyped-def]
    from django.utils import timezone

    from mentorbank.accounts.models import User
    from mentorbank.applications.models import Application
    from mentorbank.matching.models import Match
    from mentorbank.mentorships.models import Agreement, Insight, Meeting, MeetingTime, Member, Mentorship
    from mentorbank.organisations.models import Employee, Organisation, OrganisationRole, ProfessionGroup, Unit
    from mentorbank.programmes.models import Programme
    from mentorbank.reports.models import ProgrammeCost
    from mentorbank.surveys import services
    from mentorbank.surveys.models import Answer, Response

    rng = random.Random(1)
    organisation = Organisation.objects.create(name="Valtio", slug="bench", business_id="1234567-1")
    units = Unit.objects.bulk_create(
        [Unit(organisation=organisation, code=f"U{k}", name=f"Yksikkö {k}") for k in range(300)]
    )
    groups = ProfessionGroup.objects.bulk_create(
        [ProfessionGroup(organisation=organisation, name=f"Ammattiryhmä {k}", hourly_cost=30 + k) for k in range(25)]
    )
    people = Employee.objects.bulk_create(
        [
            Employee(
                organisation=organisation,
                personal_id=f"P{k}",
                first_name="Etu",
                last_name=f"Suku{k}",
                email=f"p{k}@bench.example",
                unit=units[k % len(units)],
                profession_group=groups[k % len(groups)],
            )
            for k in range(employees)
        ],
        batch_size=5000,
    )
    user = User.objects.create_user(email="hr@bench.example", password="bench-password")
    OrganisationRole.objects.create(organisation=organisation, user=user, role=OrganisationRole.HR)
    programme = Programme.objects.create(
        owner=organisation,
        name_fi="Ohjelma",
        working_time_minutes=90,
        working_time_period="month",
        compensation="per_meeting",
        compensation_euros=40,
    )
    ProgrammeCost.objects.bulk_create(
        [
            ProgrammeCost(programme=programme, kind="trainers", description=f"Koulutus {k}", amount=500)
            for k in range(50)
        ]
    )
    today = timezone.localdate()
    now = timezone.now()
    pairs = Mentorship.objects.bulk_create(
        [
            Mentorship(
                organisation=organisation,
                programme=programme,
                format="pair",
                source="matching",
                state="active",
                started_on=today,
            )
            for _ in range(mentorships)
        ],
        batch_size=5000,
    )
    chosen = rng.sample(people, 2 * mentorships)
    Member.objects.bulk_create(
        [Member(mentorship=m, employee=chosen[2 * k], role="mentor") for k, m in enumerate(pairs)]
        + [Member(mentorship=m, employee=chosen[2 * k + 1], role="mentee") for k, m in enumerate(pairs)],
        batch_size=10000,
    )
    Agreement.objects.bulk_create(
        [
            Agreement(
                mentorship=m,
                version=1,
                state="approved",
                starts_on=today,
                ends_on=today + datetime.timedelta(days=365),
                working_time="-",
                confidentiality="-",
                ending="-",
            )
            for m in pairs
        ],
        batch_size=5000,
    )
    meetings = Meeting.objects.bulk_create(
        [
            Meeting(mentorship=m, starts_at=now - datetime.timedelta(days=d), minutes=60, state="held")
            for m in pairs
            for d in (3, 30)
        ],
        batch_size=10000,
    )
    MeetingTime.objects.bulk_create(
        [
            MeetingTime(meeting=meeting, employee=chosen[2 * (k // 2) + 1], minutes=60, role="mentee")
            for k, meeting in enumerate(meetings)
        ],
        batch_size=10000,
    )
    applications = Application.objects.bulk_create(
        [
            Application(
                programme=programme,
                employee=chosen[k],
                role="mentor" if k % 2 == 0 else "mentee",
                goals="x",
                consent_at=now,
            )
            for k in range(2 * mentorships)
        ],
        batch_size=10000,
    )
    Match.objects.bulk_create(
        [
            Match(programme=programme, mentee=applications[2 * k + 1], mentor=applications[2 * k])
            for k in range(mentorships)
        ],
        batch_size=10000,
    )
    insights = Insight.objects.bulk_create(
        [Insight(mentorship=pairs[k], author=chosen[2 * k + 1], text=f"Idea {k}") for k in range(0, mentorships, 10)]
    )
    Insight.units.through.objects.bulk_create(
        [Insight.units.through(insight=i, unit=units[k % len(units)]) for k, i in enumerate(insights)]
    )
    survey = services.surveys_of(programme)[4]
    questions = list(survey.questions.all())
    responses = Response.objects.bulk_create(
        [
            Response(survey=survey, unit_id=units[k % len(units)].pk, profession_group_id=groups[k % len(groups)].pk)
            for k in range(answers)
        ],
        batch_size=10000,
    )
    Answer.objects.bulk_create(
        [
            Answer(
                response=r,
                question=q,
                scale=rng.randint(1, 5) if q.kind == "scale" else None,
                text="" if q.kind == "scale" else "Hyvä",
            )
            for r in responses
            for q in questions
        ],
        batch_size=20000,
    )
    return user, programme, survey


def built_before():  # type: ignore[no-untyped-def]
    """The world a previous --keep run built, or None."""
    from mentorbank.organisations.models import OrganisationRole
    from mentorbank.surveys.models import Survey

    role = OrganisationRole.objects.filter(organisation__slug="bench").select_related("user").first()
    survey = Survey.objects.filter(programme__owner__slug="bench", responses__isnull=False).first()
    if role is None or survey is None:
        return None
    return role.user, survey.programme, survey


def production_settings() -> None:
    """DEBUG off as in production, static files collected (their hashed names come from the manifest);
    the test client speaks plain HTTP, so no redirect to HTTPS."""
    import os
    import subprocess
    import tempfile

    plain_http = {"SECURE_SSL_REDIRECT": "0", "SESSION_COOKIE_SECURE": "0", "CSRF_COOKIE_SECURE": "0"}
    for name, value in {"DEBUG": "0", **plain_http, "ALLOWED_HOSTS": "testserver"}.items():
        os.environ.setdefault(name, value)
    os.environ.setdefault("SECRET_KEY", "benchmark-only-" + "k" * 40)
    os.environ.setdefault("STATIC_ROOT", tempfile.mkdtemp(prefix="mentorbank-static-"))
    manage = [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"]
    subprocess.run(manage, cwd=ROOT, env={**os.environ, "DATABASE_URL": "sqlite:///:memory:"}, check=True)


def timed(client, url: str, repeat: int):  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, round(0.95 * len(times)) - 1)], len(queries)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--employees", type=int, default=75000)
    parser.add_argument("--mentorships", type=int, default=20000)
    parser.add_argument("--answers", type=int, default=60000)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--debug", action="store_true", help="DEBUG on (the default is production settings)")
    parser.add_argument("--keep", action="store_true", help="PostgreSQL: keep the built world for the next --keep run")
    args = parser.parse_args()
    if not args.debug:
        production_settings()
    with benchmark_database(keep=args.keep):
        from django.db import connection
        from django.test import Client

        from mentorbank.organisations.models import Unit

        started = time.perf_counter()
        world = built_before() if args.keep else None
        user, programme, survey = world or build(args.employees, args.mentorships, args.answers)

        unit_id = Unit.objects.filter(organisation__slug="bench").order_by("pk").values_list("pk", flat=True).first()
        print(f"{'built' if world is None else 'kept world found'} in {time.perf_counter() - started:.0f} s")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        client = Client()
        client.force_login(user)
        pages = [(f"report: {name}", f"/o/bench/reports/{name}/") for name in SECTIONS]
        pages += [
            ("report: outcomes, one programme", f"/o/bench/reports/outcomes/?programme={programme.pk}"),
            ("report: coverage, one unit", "/o/bench/reports/coverage/?unit=" + str(unit_id)),
            ("printable report, one programme", f"/o/bench/reports/print/?programme={programme.pk}"),
            ("API: costs", "/api/v1/organisations/bench/reports/costs"),
            ("survey results", f"/o/bench/programmes/{programme.pk}/surveys/{survey.pk}/results/"),
        ]
        for label, url in pages:
            median, p95, queries = timed(client, url, args.repeat)
            print(f"{connection.vendor}: {label}: median {median:.0f} ms, p95 {p95:.0f} ms, {queries} queries")


if __name__ == "__main__":
    main()
