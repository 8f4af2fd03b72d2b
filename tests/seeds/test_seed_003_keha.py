"""Seed 003 (KEHA's cohort): a state agency's cohort that takes mentors from another agency. The owner
invites the other agency, whose HR accepts; an outside coach sits on the matching committee; the
committee runs the engine for small groups and the coordinator publishes them; when the groups end,
the final survey goes out by itself and its results stay hidden below the anonymity threshold."""

import datetime
import re

from django.core import mail
from django.db import connection
from django.test import Client
from django.utils import timezone

from mentorbank.applications.models import Application
from mentorbank.core import schedule
from mentorbank.mentorships.models import Mentorship
from mentorbank.programmes import guests, partnerships
from mentorbank.programmes.models import Programme
from mentorbank.surveys.models import Response, Survey

from ..browser import assert_accessible, browser_marks, sign_in, sign_out
from ..factories import EmployeeFactory, ProgrammeFactory

pytestmark = browser_marks()


def test_keha_cohort_across_agencies_with_small_groups(transactional_db, world, live_server, page, settings):
    settings.SURVEY_MIN_RESPONDENTS = 5
    programme = ProgrammeFactory(
        owner=world.org,
        name_fi="Mentorointiryhmät, kohortti 6",
        state="open",
        formats=["pair", "group"],
        matching_method="engine_committee",
        group_min_mentees=2,
        group_max_mentees=4,
        final_survey=True,
        follow_up_after_months=None,
    )
    partnership = partnerships.invite(programme=programme, organisation=world.other_org, actor=world.hr.user)
    connection.close()

    # the other agency's HR accepts in the browser
    sign_in(page, live_server, world.other_hr)
    page.goto(f"{live_server.url}/o/{world.other_org.slug}/programmes/invitations/{partnership.pk}/")
    page.get_by_role("button", name="Hyväksy ja tule mukaan").click()
    page.wait_for_load_state()
    sign_out(page)
    # the coordinator adds an outside coach to the matching committee
    sign_in(page, live_server, world.hr)
    page.goto(f"{live_server.url}/o/{world.org.slug}/programmes/{programme.pk}/guests/")
    assert_accessible(page, "outside trainers and coaches")
    page.locator("#id_name").fill("Cecilia Coach")
    page.locator("#id_email").fill("cecilia@valmennus.example")
    page.locator("#id_employer").fill("Valmennus Oy")
    page.get_by_label("Valmentaja").check()
    page.get_by_label("Kuuluu valintatoimikuntaan").check()
    page.get_by_role("button", name="Lisää ja kutsu").click()
    page.wait_for_load_state()
    sign_out(page)
    coach = programme.guests.get().user
    assert programme.committee_members.filter(pk=coach.pk).exists()

    # applications from both agencies: mentors of the other agency, mentees of the owner
    mentors = [EmployeeFactory(organisation=world.other_org, first_name=f"Mentori{k}") for k in range(2)]
    mentees = [
        EmployeeFactory(organisation=world.org, unit=world.employee.unit, first_name=f"Aktori{k}") for k in range(6)
    ]
    for employee, role in [*((m, "mentor") for m in mentors), *((m, "mentee") for m in mentees)]:
        Application.objects.create(
            programme=programme,
            employee=employee,
            role=role,
            goals="Asiantuntijarooli ja uudet työtavat",
            consent_at=timezone.now(),
            supervisor_decision="approved",
            experience_years=20 if role == "mentor" else 2,
        )
    Programme.objects.filter(pk=programme.pk).update(state="matching")
    connection.close()

    # the coach (committee) runs the engine for small groups; the coordinator publishes
    coach.set_password("valmentaja-salasana")
    coach.save()
    connection.close()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Sähköpostiosoite").fill(coach.email)
    page.get_by_label("Salasana").fill("valmentaja-salasana")
    page.get_by_role("button", name="Kirjaudu", exact=True).click()
    page.wait_for_url(f"**/programmes/{programme.pk}/")
    page.goto(f"{live_server.url}/o/{world.org.slug}/programmes/{programme.pk}/matching/")
    assert_accessible(page, "matching runs as the outside coach")
    page.locator("input[name=format][value=group]").check()
    page.get_by_role("button", name="Aloita ajo").click()
    page.wait_for_url("**/runs/1/")
    sign_out(page)
    sign_in(page, live_server, world.hr)
    page.goto(f"{live_server.url}/o/{world.org.slug}/programmes/{programme.pk}/matching/runs/1/?view=mentors")
    assert page.get_by_text("Ryhmä 1:").first.is_visible()
    page.get_by_label("Olen käynyt ehdotuksen läpi ja haluan julkaista sen").check()
    page.get_by_role("button", name="Julkaise tämä ajo").click()
    page.wait_for_load_state()
    sign_out(page)
    groups = Mentorship.objects.filter(programme=programme)
    assert groups.count() == 2 and all(g.format == "group" for g in groups)
    assert {m.employee.organisation_id for g in groups for m in g.members.all()} == {world.org.pk, world.other_org.pk}

    # the groups end; the final survey goes out by itself; two answer: below the threshold of five
    Mentorship.objects.filter(programme=programme).update(
        state="completed", started_on=timezone.localdate() - datetime.timedelta(days=365)
    )
    mail.outbox.clear()
    schedule.run_due()
    links = [re.search(r"http://[^/\s]+(/s/[^/\s]+/)", m.body) for m in mail.outbox]
    links = [link.group(1) for link in links if link]
    assert len(links) == 8, "every member of both groups"
    connection.close()
    for path in links[:2]:
        page.goto(live_server.url + path)
        for group in page.get_by_role("group").all():
            radios = group.get_by_role("radio")
            if radios.count():
                radios.nth(4).check()
        page.get_by_role("button", name="Lähetä vastaukseni").click()
        page.wait_for_load_state()
    assert Response.objects.count() == 2
    final = Survey.objects.filter(programme=programme, kind="final", responses__isnull=False).distinct().first()
    sign_in(page, live_server, world.hr)
    page.goto(f"{live_server.url}/o/{world.org.slug}/programmes/{programme.pk}/surveys/{final.pk}/results/")
    assert page.get_by_text("Tässä ryhmässä on alle 5 vastaajaa: mitään ei näytetä.").first.is_visible()
    assert_accessible(page, "final survey results below the threshold")
    connection.close()
    # the coach sees nothing outside the programme
    other = Client()
    other.force_login(coach)
    assert other.get(f"/o/{world.org.slug}/people/").status_code == 404
    assert guests.ProgrammeGuest.objects.get().on_committee
