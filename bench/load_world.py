"""The load benchmark's world: a new PostgreSQL database with the demo organisation at full size,
and the accounts, mentorships and planned meetings the load signs in with (bench/load.py)."""

import json
import time
from pathlib import Path

DATABASE = "mentorbank_load"
MENTORSHIPS = 120
MEETINGS_EACH = 60  # planned, in the past: 30 for each member to record


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
    from mentorbank.home.management.commands.demo_data import DEMO_PASSWORD
    from mentorbank.mentorships.models import Agreement, Meeting, Member, Mentorship
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
