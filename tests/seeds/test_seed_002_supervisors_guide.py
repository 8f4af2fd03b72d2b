"""Seed 002 (the supervisors' guide to mentoring in a unit): the coordinator copies last cohort's
programme for the unit; the supervisor forms two pairs among their own staff; a pair meets three
times and then answers the checkpoint; the supervisor sees the goals and meetings, never the notes."""

import datetime

from django.db import connection
from django.utils import timezone

from mentorbank.applications.models import Application
from mentorbank.mentorships.models import Meeting, Mentorship
from mentorbank.programmes.models import Programme

from ..browser import assert_accessible, browser_marks, plan_meeting, sign_in, sign_out
from ..factories import EmployeeFactory, ProgrammeFactory

pytestmark = browser_marks()


def test_supervisor_forms_pairs_among_their_staff_and_the_checkpoint_follows(
    transactional_db, world, live_server, page
):
    last_cohort = ProgrammeFactory(
        owner=world.org,
        state="closed",
        name_fi="Yksikön mentorointi 2026",
        eligibility="units",
        formats=["pair", "peer"],
        matching_method="supervisor",
        duration_kind="meetings",
        duration_meetings=3,
        checkpoint_after_meetings=3,
        meeting_every_weeks=4,
        meeting_minutes=60,
        follow_up_after_months=None,
    )
    last_cohort.eligible_units.add(world.employee.unit)
    staff = [world.employee] + [
        EmployeeFactory(organisation=world.org, unit=world.employee.unit, supervisor=world.supervisor, first_name=name)
        for name in ("Anni", "Bertta", "Cecilia")
    ]
    connection.close()
    org = f"{live_server.url}/o/{world.org.slug}"

    sign_in(page, live_server, world.hr)
    page.goto(f"{org}/programmes/{last_cohort.pk}/")
    page.get_by_role("link", name="Kopioi uudeksi ohjelmaksi").click()
    page.get_by_label("Kopion nimi suomeksi").fill("Yksikön mentorointi 2027")
    page.get_by_role("button", name="Kopioi", exact=True).click()
    page.wait_for_load_state()
    programme = Programme.objects.get(name_fi="Yksikön mentorointi 2027")
    assert programme.checkpoint_after_meetings == 3 and list(programme.eligible_units.all()) == [world.employee.unit]
    for _step in range(2):  # open for applications, then the supervisors form the pairs
        page.get_by_role("link", name="Siirrä seuraavaan vaiheeseen").click()
        page.locator("form button[type=submit]").last.click()
        page.wait_for_load_state()
    sign_out(page)
    for k, employee in enumerate(staff):
        Application.objects.create(
            programme=programme,
            employee=employee,
            role="mentor" if k % 2 else "mentee",
            goals="Perehdytys",
            consent_at=timezone.now(),
            supervisor_decision="approved",
        )
    connection.close()

    sign_in(page, live_server, world.supervisor)
    page.goto(f"{org}/approvals/")
    page.get_by_role("link", name=programme.name).click()
    page.wait_for_load_state()
    assert_accessible(page, "the supervisor's staff pairs")
    for mentee, mentor in ((staff[0], staff[1]), (staff[2], staff[3])):
        applications = {a.employee_id: str(a.pk) for a in programme.applications.all()}
        page.locator("#id_mentee").select_option(value=applications[mentee.pk])
        page.locator("#id_mentor").select_option(value=applications[mentor.pk])
        page.get_by_role("button", name="Muodosta tämä pari", exact=True).click()
        page.wait_for_load_state()
    assert Mentorship.objects.filter(programme=programme, source="supervisor").count() == 2
    sign_out(page)
    mentorship = Mentorship.objects.get(members__employee=world.employee)
    detail = f"{org}/mentorships/{mentorship.pk}/"

    for person in (world.employee, staff[1]):
        sign_in(page, live_server, person)
        page.goto(detail)
        if person == world.employee:
            page.get_by_role("link", name="Muokkaa sopimusta ja tavoitteita").click()
            page.get_by_label(f"Tavoite 1: {world.employee.full_name}").fill("Opin perehdyttämään uuden kollegan")
            page.get_by_role("button", name="Tallenna").click()
            page.wait_for_load_state()
        page.get_by_role("button", name="Hyväksy sopimus").click()
        page.wait_for_load_state()
        sign_out(page)
    sign_in(page, live_server, world.supervisor)
    page.goto(detail)
    for person in (world.employee, staff[1]):
        page.get_by_role("button", name=f"Hyväksy henkilön {person.full_name} työajan käyttö").click()
        page.wait_for_load_state()
    sign_out(page)
    mentorship.refresh_from_db()
    assert mentorship.state == "active"

    sign_in(page, live_server, world.employee)
    page.goto(detail)
    page.get_by_label("Uusi muistiinpano").fill("Salainen ajatus esihenkilöstäni")
    page.get_by_role("button", name="Tallenna muistiinpano").click()
    page.wait_for_load_state()
    now = timezone.localtime()
    for hours in (22, 14, 6):  # three meetings behind us (within the day the form allows), to mark held
        plan_meeting(page, now - datetime.timedelta(hours=hours), 60)
    for _held in range(3):
        page.get_by_role("link", name="Merkitse pidetyksi").first.click()
        page.get_by_role("button", name="Tallenna").click()
        page.wait_for_load_state()
    assert Meeting.objects.filter(mentorship=mentorship, state="held").count() == 3
    assert page.get_by_role("heading", name="Väliarvio").is_visible(), "the checkpoint after three meetings"
    assert_accessible(page, "the checkpoint after three meetings")
    page.get_by_label("Kyllä, jatketaan").check()
    page.get_by_role("button", name="Lähetä vastaus").click()
    page.wait_for_load_state()
    sign_out(page)

    sign_in(page, live_server, world.supervisor)
    page.goto(detail)
    text = page.locator("main").inner_text()
    assert "Opin perehdyttämään uuden kollegan" in text, "the supervisor sees the goals"
    assert "Salainen ajatus" not in text, "and never the notes"
    assert_accessible(page, "the mentorship as the supervisor sees it")
    sign_out(page)
    sign_in(page, live_server, world.hr)
    page.goto(f"{org}/reports/coverage/?programme={programme.pk}")
    assert_accessible(page, "coverage of the unit programme")
    assert page.get_by_text("Kattavuus").first.is_visible()
    connection.close()
