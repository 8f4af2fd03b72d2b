"""Seed 001 (Vaasa): a continuous programme whose mentees choose their mentor from the bank. The
coordinator sets it up; a bank request belongs to it; the mentor accepts; both supervisors approve the
time use and HR the agreement; 90 minutes a month refuses a second 60-minute meeting in a month; the
six-month follow-up survey arrives by itself; renewal is offered near the end; the report counts it."""

import datetime

import time_machine
from django.core import mail
from django.db import connection

from mentorbank.bank.models import MentorRequest
from mentorbank.core import schedule
from mentorbank.mentorships.models import Meeting, Mentorship
from mentorbank.programmes.models import Programme
from mentorbank.surveys.models import Invitation

from ..browser import assert_accessible, browser_marks, plan_meeting, sign_in, sign_out
from ..factories import EmployeeFactory, MentorProfileFactory

pytestmark = browser_marks()
HELSINKI = datetime.timezone(datetime.timedelta(hours=2))
START = datetime.datetime(2027, 1, 11, 9, 0, tzinfo=HELSINKI)  # a Monday


def test_vaasa_bank_pair_under_the_continuous_programme(transactional_db, world, live_server, page):
    mentor_boss = EmployeeFactory(organisation=world.org, unit=world.hr.unit, first_name="Maija", last_name="Esimies")
    world.colleague.supervisor = mentor_boss
    world.colleague.save()
    MentorProfileFactory(employee=world.colleague, introduction="Siirrän hiljaista tietoa.")
    connection.close()
    org = f"{live_server.url}/o/{world.org.slug}"
    with time_machine.travel(START, tick=True) as clock:
        # the coordinator sets up the continuous programme
        sign_in(page, live_server, world.hr)
        page.goto(f"{org}/programmes/new/")
        page.get_by_label("Nimi suomeksi").fill("Mentorointi Vaasassa")
        page.get_by_label("Pari (yksi mentori, yksi aktori)").check()
        page.get_by_label("Vertaismentorointi (roolit vuorottelevat)").check()
        page.get_by_label("Miten parit muodostetaan").select_option("mentee_choice")
        page.get_by_label("aktorit voivat pyytää mentoreita mentoripankista tämän ohjelman alla").check()
        page.get_by_label("Työaikaa enintään (minuuttia)").fill("90")
        page.get_by_label("Jaksossa").select_option("month")
        page.get_by_label("Myös HR hyväksyy osallistumisen").check()
        page.get_by_role("button", name="Tallenna").click()
        page.wait_for_load_state()
        assert_accessible(page, "the Vaasa programme")
        for _step in range(3):  # open, matching, running: a continuous programme runs
            page.get_by_role("link", name="Siirrä seuraavaan vaiheeseen").click()
            page.locator("form button[type=submit]").last.click()
            page.wait_for_load_state()
        programme = Programme.objects.get()
        assert programme.state == "running" and programme.takes_bank_requests and programme.follow_up_after_months == 6
        sign_out(page)
        # the organisation admin allows bank requests only under a programme
        sign_in(page, live_server, world.admin)
        page.goto(f"{org}/settings/")
        assert_accessible(page, "organisation settings")
        page.get_by_label("aktorit voivat pyytää mentoria pankista myös ohjelmien ulkopuolella").uncheck()
        page.get_by_role("button", name="Tallenna asetukset").click()
        page.wait_for_load_state()
        sign_out(page)

        # the mentee asks a mentor of the bank: the request belongs to the programme
        sign_in(page, live_server, world.employee)
        page.goto(f"{org}/bank/")
        page.get_by_role("link", name=world.colleague.full_name).click()
        assert page.get_by_text("Pyyntösi kuuluu ohjelmaan: Mentorointi Vaasassa").is_visible()
        assert page.get_by_text("Molempien esihenkilöt ja HR hyväksyvät sopimuksen.").is_visible()
        assert_accessible(page, "mentor profile with the programme's rules")
        page.get_by_label("Viesti mentorille").fill("Haluaisin oppia hiljaista tietoa.")
        page.get_by_role("button", name="Lähetä pyyntö").click()
        page.wait_for_load_state()
        assert MentorRequest.objects.get().programme == programme
        sign_out(page)
        sign_in(page, live_server, world.colleague)
        page.goto(f"{org}/bank/requests/")
        page.get_by_label("Hyväksy", exact=True).check()
        page.get_by_role("button", name="Lähetä vastaus").click()
        page.wait_for_load_state()
        sign_out(page)
        for supervisor, name in (
            (world.supervisor, world.employee.full_name),
            (mentor_boss, world.colleague.full_name),
        ):
            sign_in(page, live_server, supervisor)
            page.goto(f"{org}/approvals/")
            assert_accessible(page, "approvals with a bank pair")
            page.get_by_role("button", name=f"Hyväksy henkilön {name} työajan käyttö").click()
            page.wait_for_load_state()
            sign_out(page)
        mentorship = Mentorship.objects.get()
        assert mentorship.programme == programme and mentorship.format == "pair"

        # both accept the agreement; the supervisors' yes carries over; HR approves
        detail = f"{org}/mentorships/{mentorship.pk}/"
        for person in (world.employee, world.colleague):
            sign_in(page, live_server, person)
            page.goto(detail)
            if person == world.employee:  # the mentee writes a goal first
                page.get_by_role("link", name="Muokkaa sopimusta ja tavoitteita").click()
                page.get_by_label(f"Tavoite 1: {world.employee.full_name}").fill("Opin hiljaista tietoa")
                page.get_by_role("button", name="Tallenna").click()
                page.wait_for_load_state()
            page.get_by_role("button", name="Hyväksy sopimus").click()
            page.wait_for_load_state()
            sign_out(page)
        approvals = {(a.kind, a.state) for a in mentorship.agreements.get().approvals.all()}
        assert approvals == {("supervisor", "approved"), ("hr", "waiting")}, "the supervisors' yes carried over"
        sign_in(page, live_server, world.hr)
        page.goto(detail)
        page.get_by_role("button", name="Vahvista sopimus henkilöstöpalvelujen puolesta").click()
        page.wait_for_load_state()
        sign_out(page)
        mentorship.refresh_from_db()
        assert mentorship.state == "active"

        # 90 minutes a month: a second 60-minute meeting in the same month is refused
        sign_in(page, live_server, world.employee)
        page.goto(detail)
        plan_meeting(page, START + datetime.timedelta(days=8, hours=4), 60)
        plan_meeting(page, START + datetime.timedelta(days=15, hours=4), 60)
        assert page.get_by_role("alert").first.is_visible()
        assert_accessible(page, "the working-time limit refuses")
        assert Meeting.objects.filter(mentorship=mentorship).count() == 1
        sign_out(page)
        connection.close()

        # six months on, the scheduler sends the follow-up survey by itself
        mail.outbox.clear()
        clock.move_to(START + datetime.timedelta(days=190))
        schedule.run_due()
        invited = Invitation.objects.filter(survey__kind="follow_up", mentorship=mentorship)
        assert set(invited.values_list("employee_id", flat=True)) == {world.employee.pk, world.colleague.pk}
        assert any(world.employee.email in m.to for m in mail.outbox), "the invitation came by e-mail"
        # near the end of the year's agreement, renewal is offered by e-mail and on the page
        mail.outbox.clear()
        clock.move_to(START + datetime.timedelta(days=350))
        schedule.run_due()
        ending = [m for m in mail.outbox if world.employee.email in m.to]
        assert ending and "jatkaa" in ending[0].body
        connection.close()
        sign_in(page, live_server, world.employee)
        page.goto(detail)
        assert page.get_by_role("button", name="Jatka uudelle kaudelle").is_visible()
        sign_out(page)
        # the report counts the pair in the programme
        sign_in(page, live_server, world.hr)
        page.goto(f"{org}/reports/activity/?programme={programme.pk}&start=2027-01-01&end=2027-12-31")
        assert_accessible(page, "the programme's activity report")
        assert page.get_by_text("Koulutuspäivät").first.is_visible()
    connection.close()
