"""The page benchmark's world (bench/pages.py): the demo organisations at a given size in their own
PostgreSQL database, a matching committee member, and the values that fill each URL's arguments for
each visitor."""

import time
from typing import Any

DEMO_PASSWORD = "mentoripankki-demo"
VISITORS = {  # who signs in, in the order a page is tried
    "hr": "hr@esimerkkila.example",
    "supervisor": "supervisor@esimerkkila.example",
    "employee": "employee@esimerkkila.example",
    "committee": "committee@esimerkkila.example",
}


def database_name(employees: int) -> str:
    return f"mentorbank_pages_{employees}"


def exists(name: str) -> bool:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as db:
        return bool(db.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone())


def create(name: str) -> None:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as db:
        db.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        db.execute(f"CREATE DATABASE {name}")


def drop(name: str) -> None:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as db:
        db.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def prepare(employees: int) -> None:
    """Run in a child process whose DATABASE_URL names the new database."""
    import django

    django.setup()
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("demo_data", employees=employees, verbosity=0)
    add_committee_member()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as autovacuum would soon: the planner's statistics of the new data
    print(f"  demo at {employees} employees made in {time.perf_counter() - started:.0f} s", flush=True)


def add_committee_member() -> None:
    from mentorbank.accounts.models import User
    from mentorbank.organisations.models import Employee
    from mentorbank.programmes.models import Programme

    member = (
        Employee.objects.filter(organisation__slug="esimerkkila", user__isnull=False, supervisor__isnull=False)
        .exclude(user__organisation_roles__isnull=False)
        .exclude(user__email__in=list(VISITORS.values()))
        .order_by("pk")
        .first()
    )
    assert member is not None and member.user is not None
    User.objects.filter(pk=member.user.pk).update(email=VISITORS["committee"])
    Employee.objects.filter(pk=member.pk).update(email=VISITORS["committee"])
    user = User.objects.get(pk=member.user.pk)
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    for programme in Programme.objects.filter(owner__slug="esimerkkila"):
        programme.committee_members.add(user)


def first(queryset: Any) -> Any:
    found = queryset.order_by("pk").values_list("pk", flat=True).first()
    return found


def values_for(email: str) -> dict[str, Any]:
    """What fills each URL argument for this visitor: their own things where they have them, else the
    organisation's first (a page the visitor may not see is then skipped)."""
    from mentorbank.accounts.models import ApiToken
    from mentorbank.applications.models import Application, ApplicationImport
    from mentorbank.bank.models import GuestInvitation, MentorProfile, MentorRequest
    from mentorbank.core.models import AccessibilityFeedback
    from mentorbank.events.models import Material, ProgrammeEvent
    from mentorbank.library.models import LibraryItem
    from mentorbank.matching.models import MatchingRun, PairDecision
    from mentorbank.mentorships.models import Approval, Meeting, Member, Mentorship, Note, SubstituteRequest
    from mentorbank.organisations.models import Employee, ImportBatch, OrganisationRole
    from mentorbank.programmes.models import Partnership, Programme, ProgrammeGuest
    from mentorbank.reports.models import ProgrammeCost
    from mentorbank.surveys.models import Survey

    me = Employee.objects.get(organisation__slug="esimerkkila", user__email=email)
    org = me.organisation
    programme = Programme.objects.filter(owner=org, state="running").order_by("pk").first()
    own = Mentorship.objects.filter(members__employee=me, members__left_at__isnull=True)
    staffs = Mentorship.objects.filter(members__employee__supervisor=me)
    mentorship = first(own) or first(staffs) or first(Mentorship.objects.filter(organisation=org))
    staff_member = first(Employee.objects.filter(supervisor=me)) or me.pk
    run = MatchingRun.objects.filter(programme=programme).order_by("number").first()
    return {
        "org_slug": org.slug,
        "slug": org.slug,
        "programme_id": programme.pk if programme else None,
        "mentorship_id": mentorship,
        "member_id": first(Member.objects.filter(mentorship_id=mentorship, employee=me))
        or first(Member.objects.filter(mentorship_id=mentorship)),
        "meeting_id": first(Meeting.objects.filter(mentorship_id=mentorship)),
        "application_id": first(Application.objects.filter(employee=me))
        or first(Application.objects.filter(programme=programme)),
        "approval_id": first(Approval.objects.filter(approver=me)) or first(Approval.objects.filter(organisation=org)),
        "note_id": first(Note.objects.filter(author=me)),
        "substitute_id": first(SubstituteRequest.objects.filter(supervisor=me)),
        "number": run.number if run else None,
        "decision_id": first(PairDecision.objects.filter(programme=programme)),
        "profile_id": first(
            MentorProfile.objects.filter(in_bank=True).exclude(employee=me).filter(employee__organisation=org)
        ),
        "request_id": first(MentorRequest.objects.filter(mentee=me))
        or first(MentorRequest.objects.filter(mentor__employee=me)),
        "event_id": first(ProgrammeEvent.objects.filter(programme=programme)),
        "material_id": first(Material.objects.filter(programme=programme)),
        "question_id": first(programme.questions.all()) if programme else None,
        "import_id": first(ApplicationImport.objects.filter(programme=programme)),
        "invitation_id": first(GuestInvitation.objects.filter(mentee=me)),
        "survey_id": first(Survey.objects.filter(programme=programme)),
        "cost_id": first(ProgrammeCost.objects.filter(programme=programme)),
        "feedback_id": first(AccessibilityFeedback.objects.filter(organisation=org)),
        "batch_id": first(ImportBatch.objects.filter(organisation=org)),
        "role_id": first(OrganisationRole.objects.filter(organisation=org)),
        "employee_id": staff_member,
        "unit_id": me.unit_id,
        "token_id": first(ApiToken.objects.filter(user__email=email)),
        "partnership_id": first(Partnership.objects.filter(organisation=org)),
        "item_id": first(LibraryItem.objects.filter(organisation=org)),
        "guest_id": first(ProgrammeGuest.objects.filter(programme=programme)),
        "provisioning_token_id": None,
        "token": None,
        "uidb64": None,
        "section": "coverage",
        "action": "pause",
        "kind": "units",
        "extension": "csv",
        "path": None,
    }


def page_urls() -> list[dict[str, Any]]:
    """[{name, urls: {visitor: address or None}}] for every URL pattern, as the permission matrix finds
    them; None where a visitor has nothing to fill an argument with."""
    import re
    import sys
    from pathlib import Path

    import django

    django.setup()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tests.permissions.probe import patterns, url_of

    values = {who: values_for(email) for who, email in VISITORS.items()}
    found = []
    for name, route in patterns():
        if not name:
            continue
        needed = [a or b for a, b in re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", route)]
        urls = {
            who: url_of(name, route, given) if all(given.get(arg) is not None for arg in needed) else None
            for who, given in values.items()
        }
        found.append({"name": name, "urls": urls})
    return found
