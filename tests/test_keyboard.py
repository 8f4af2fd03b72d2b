"""Issue 16, item 4: the main flows done with the keyboard alone, in a real browser — apply to a
programme, request a mentor from the bank, accept an agreement, plan a meeting, lock a pair. The
mouse is never used: Tab moves the focus (which must be visible on everything it reaches), typing
fills fields, Space ticks and chooses, arrow keys move within a radio group, Enter follows links and
presses buttons."""

import datetime

from django.db import connection
from django.utils import timezone

from .browser import browser_marks
from .factories import PASSWORD, EmployeeFactory, MentorProfileFactory, ProgrammeFactory, mentorship_of

pytestmark = browser_marks()
TABS = 200  # a page's every control is reached in fewer


class Keyboard:
    def __init__(self, page):
        self.page = page

    def tab_to(self, locator):
        target = locator.element_handle()
        for _ in range(TABS):
            self.page.keyboard.press("Tab")
            if self.page.evaluate("t => document.activeElement === t", target):
                outline = self.page.evaluate("t => getComputedStyle(t).outlineStyle", target)
                assert outline != "none", f"the focus on {locator} cannot be seen"
                return
        raise AssertionError(f"Tab does not reach {locator}")

    def follow(self, locator):
        self.tab_to(locator)
        with self.page.expect_navigation():
            self.page.keyboard.press("Enter")

    press = follow  # a button: Enter presses it

    def type_into(self, locator, text):
        self.tab_to(locator)
        self.page.keyboard.type(text)

    def tick(self, locator):
        self.tab_to(locator)
        self.page.keyboard.press("Space")
        assert locator.is_checked()

    def type_date(self, locator, day):
        """A date field's parts go in the order the browser's own language shows them: try, then retype."""
        self.type_into(locator, "01022030")
        month_first = locator.input_value() == "2030-01-02"
        self.page.keyboard.press("ArrowLeft")
        self.page.keyboard.press("ArrowLeft")  # back to the first part
        self.page.keyboard.type(day.strftime("%m%d%Y" if month_first else "%d%m%Y"))
        assert locator.input_value() == day.isoformat()

    def choose(self, name, value):
        """In the radio group `name`: Tab into it, then arrows until `value` is chosen."""
        self.tick(self.page.locator(f"input[type=radio][name='{name}']").first)
        chosen = self.page.locator(f"input[type=radio][name='{name}'][value='{value}']")
        for _ in range(10):
            if chosen.is_checked():
                return
            self.page.keyboard.press("ArrowDown")
        raise AssertionError(f"the arrows do not reach {value} in {name}")


def sign_in(page, live_server, employee):
    keys = Keyboard(page)
    page.goto(live_server.url + "/accounts/login/")
    keys.type_into(page.locator("#id_username"), employee.email)
    keys.type_into(page.locator("#id_password"), PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_url("**/o/**")
    return keys


def test_apply_to_a_programme_with_the_keyboard(transactional_db, world, live_server, page):
    from mentorbank.applications.models import Application

    programme = ProgrammeFactory(
        owner=world.org,
        state="open",
        privacy_notice="Tietoja käsittelee HR.",
        application_closes=timezone.localdate() + datetime.timedelta(days=5),
    )
    programme.themes.create(name="Perehdytys")
    connection.close()
    keys = sign_in(page, live_server, world.employee)
    keys.follow(page.get_by_role("link", name="Oma mentorointini").first)
    keys.follow(page.get_by_role("link", name=f"Hae ohjelmaan {programme.name_fi}"))
    keys.choose("role", "mentee")
    keys.type_into(page.get_by_label("Mitä haluan mentoroinnilta"), "Oppia perehdyttämään.")
    keys.tick(page.get_by_label("Perehdytys"))
    names = page.eval_on_selector_all("input[type=radio][value='4']", "all => all.map(e => e.name)")
    for name in dict.fromkeys(names):
        keys.choose(name, "4")
    keys.tick(page.get_by_label("Hyväksyn, että hakemustani käsitellään"))
    keys.press(page.get_by_role("button", name="Lähetä hakemus"))
    assert page.get_by_text("Odottaa esihenkilösi hyväksyntää").first.is_visible()
    application = Application.objects.get()
    assert application.role == "mentee" and set(application.values.values()) == {4}
    connection.close()


def test_request_a_mentor_from_the_bank_with_the_keyboard(transactional_db, world, live_server, page):
    from mentorbank.bank.models import MentorRequest

    MentorProfileFactory(employee=world.colleague, introduction="Olen johtanut muutosta päiväkodissa.")
    connection.close()
    keys = sign_in(page, live_server, world.employee)
    keys.follow(page.get_by_role("navigation").get_by_role("link", name="Mentoripankki", exact=True))
    keys.type_into(page.get_by_label("Hakusanat"), "muutosta")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # in a search field Enter sends the search
    keys.follow(page.get_by_role("link", name=world.colleague.full_name))
    keys.type_into(page.get_by_label("Viesti mentorille"), "Haluaisin oppia muutosjohtamista.")
    keys.press(page.get_by_role("button", name="Lähetä pyyntö"))
    assert MentorRequest.objects.get().mentee == world.employee
    connection.close()


def test_accept_an_agreement_and_plan_a_meeting_with_the_keyboard(transactional_db, world, live_server, page):
    from mentorbank.mentorships.models import Acceptance, Meeting, Mentorship

    programme = ProgrammeFactory(owner=world.org, state="running")
    mentor = EmployeeFactory(organisation=world.org, unit=world.employee.unit, first_name="Maija")
    mentorship = mentorship_of(world.org, world.employee, mentor, programme=programme)
    connection.close()
    keys = sign_in(page, live_server, world.employee)
    keys.follow(page.get_by_role("link", name="Mentoroinnit"))
    keys.follow(page.get_by_role("link", name=mentor.full_name))
    keys.follow(page.get_by_role("link", name="Muokkaa sopimusta ja tavoitteita"))
    keys.type_into(page.get_by_label(f"Tavoite 1: {world.employee.full_name}"), "Opin perehdyttämään")
    keys.press(page.get_by_role("button", name="Tallenna"))
    keys.press(page.get_by_role("button", name="Hyväksy sopimus"))
    assert page.get_by_text("Hyväksyit sopimuksen.").is_visible()
    assert Acceptance.objects.filter(employee=world.employee).exists()

    Mentorship.objects.filter(pk=mentorship.pk).update(state="active")
    connection.close()
    page.reload()
    keys.follow(page.get_by_role("link", name="Suunnittele tapaamisia").first)
    moment = timezone.localtime() + datetime.timedelta(days=3)
    keys.type_date(page.locator("#id_day"), moment.date())
    keys.type_into(page.locator("#id_time"), "1400")
    keys.type_into(page.get_by_label("Kesto minuutteina"), "45")
    keys.press(page.get_by_role("button", name="Suunnittele", exact=True))
    meeting = Meeting.objects.get()
    assert timezone.localtime(meeting.starts_at).date() == moment.date() and meeting.minutes == 45
    assert timezone.localtime(meeting.starts_at).strftime("%H:%M") == "14:00"
    connection.close()


def test_lock_a_pair_of_the_proposal_with_the_keyboard(transactional_db, world, live_server, page):
    from mentorbank.applications.models import Application
    from mentorbank.matching import services as matching
    from mentorbank.matching.models import PairDecision

    programme = ProgrammeFactory(owner=world.org, state="matching")
    mentor = EmployeeFactory(organisation=world.org, unit=world.colleague.unit, first_name="Maija", last_name="Mentori")
    for employee, role in [(world.employee, "mentee"), (mentor, "mentor")]:
        Application.objects.create(
            programme=programme,
            employee=employee,
            role=role,
            goals="Muutosjohtaminen",
            consent_at=timezone.now(),
            supervisor_decision="approved",
        )
    run = matching.start_run(programme=programme, objective="max_matched_then_score", weights={}, actor=world.hr.user)
    connection.close()
    keys = sign_in(page, live_server, world.hr)
    page.goto(f"{live_server.url}/o/{world.org.slug}/programmes/{programme.pk}/matching/runs/{run.number}/")
    keys.press(page.get_by_role("button", name=f"Lukitse – {world.employee.full_name}"))
    assert page.get_by_text("Pari on lukittu").first.is_visible()
    assert PairDecision.objects.filter(programme=programme, kind="lock").exists()
    connection.close()


def test_the_import_preview_takes_the_focus_and_says_what_it_found(transactional_db, world, live_server, page):
    """Issue 16 (4): after 'show the preview' the focus is on the preview's heading (read out from
    there) and the page's title, which a screen reader reads first, carries the counts."""
    from mentorbank.applications.models import ApplicationImport

    programme = ProgrammeFactory(owner=world.org, state="open")
    content = f"Sähköposti;Rooli;Tavoitteet;Suostumus\n{world.employee.email};aktori;Oppia;kyllä\nx@y;boss;;ei\n"
    item = ApplicationImport.objects.create(
        programme=programme, uploaded_by=world.hr.user, filename="lomake.csv", content=content.encode()
    )
    connection.close()
    keys = sign_in(page, live_server, world.hr)
    page.goto(f"{live_server.url}/o/{world.org.slug}/programmes/{programme.pk}/applications/import/{item.pk}/")
    for key, column in (("email", "Sähköposti"), ("role", "Rooli"), ("goals", "Tavoitteet"), ("consent", "Suostumus")):
        page.locator(f"#map-{key}").select_option(column.lower())  # the columns as the importer reads them
    keys.press(page.get_by_role("button", name="Tallenna yhdistäminen ja näytä esikatselu"))
    assert page.evaluate("document.activeElement.id") == "preview"
    assert page.title().startswith("Esikatselu: 2 riviä, 1 virheellinen")
    connection.close()
