"""Every page and API read of the permission matrix does as many database queries in a larger world as
in the small one: each is opened by someone allowed to (the first of ORDER in its matrix entry) in the
matrix's scene, then again after `grow` has added several more of everything the pages list — people,
staff, mentors, requests, applications, mentorships, meetings, notes, events, costs, audit events.
A page that queries per row fails here."""

import datetime

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mentorbank.applications.models import Application
from mentorbank.bank.models import MentorRequest
from mentorbank.core import audit
from mentorbank.events.models import ProgrammeEvent
from mentorbank.mentorships import notes
from mentorbank.mentorships.models import Meeting, Mentorship
from mentorbank.programmes.models import Programme
from mentorbank.reports.models import ProgrammeCost

from ..factories import EmployeeFactory, MentorProfileFactory, mentorship_of
from .probe import method_of, patterns, url_of
from .scene import build
from .test_matrix import MATRIX

ORDER = ["hr", "admin", "committee", "supervisor", "mentee", "mentor", "employee", "other_supervisor", "other_hr"]
# a GET here changes what the next GET finds (it ends, revokes or deletes something): not repeatable
CHANGING = {"accounts:logout", "accounts:set_language", "home:switch"}
PAGES = [
    (name, route)
    for name, route in patterns()
    if name in MATRIX and MATRIX[name] & set(ORDER) and method_of(name) == "get" and name not in CHANGING
]
MORE = 4


def grow(world, scene) -> None:  # type: ignore[no-untyped-def]
    """Several more of everything the scene has one or two of."""
    programme = Programme.objects.get(pk=scene.values["programme_id"])
    mentorship = Mentorship.objects.get(pk=scene.values["mentorship_id"])
    now = timezone.now()
    for k in range(MORE):
        staff = EmployeeFactory(organisation=world.org, unit=world.employee.unit, supervisor=world.supervisor)
        mentor = EmployeeFactory(organisation=world.org, unit=world.hr.unit, supervisor=world.supervisor)
        profile = MentorProfileFactory(employee=mentor)
        MentorRequest.objects.create(mentee=staff, mentor=profile, message="Hei")
        MentorRequest.objects.create(mentee=world.employee, mentor=profile, message="Hei")
        for person, role in ((staff, "mentee"), (mentor, "mentor")):
            Application.objects.create(programme=programme, employee=person, role=role, goals="x", consent_at=now)
        pair = mentorship_of(world.org, staff, mentor, programme=programme, state="active")
        Meeting.objects.create(mentorship=pair, starts_at=now - datetime.timedelta(days=k + 1), minutes=60)
        Meeting.objects.create(mentorship=mentorship, starts_at=now + datetime.timedelta(days=k + 5), minutes=45)
        notes.add(mentorship=mentorship, author=world.employee, text=f"muistiinpano {k}")
        ProgrammeEvent.objects.create(
            programme=programme,
            title=f"Työpaja {k}",
            starts_at=now + datetime.timedelta(days=k + 3),
            ends_at=now + datetime.timedelta(days=k + 3, hours=2),
        )
        ProgrammeCost.objects.create(programme=programme, kind="trainers", description=f"k{k}", amount=10 + k)
        audit.record(actor=world.admin.user, action="employee.viewed", organisation=world.org, subject=staff)


def queries(client: Client, url: str) -> int:
    client.get(url)  # once first: what a first visit fills (caches of the process) is not what is counted
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured)


@pytest.mark.parametrize(("name", "route"), PAGES, ids=[name for name, _route in PAGES])
def test_a_page_does_as_many_queries_in_a_larger_world(world, name, route):
    scene = build(world)
    who = next(role for role in ORDER if role in MATRIX[name])
    client = Client()
    client.force_login(scene.people[who].user)
    url = url_of(name, route, scene.values)
    with transaction.atomic():
        small = queries(client, url)
        grow(world, scene)
        large = queries(client, url)
        transaction.set_rollback(True)
    assert large == small, f"{name} as {who}: {small} queries, then {large} with {MORE} more of everything"
