"""In a real headless Chromium: sign in, switch language, and find no
accessibility violations with axe on the home page and the import page."""

from django.db import connection

from .browser import assert_accessible, browser_marks, sign_in
from .factories import PASSWORD, mentorship_of

pytestmark = browser_marks()


def test_sign_in_switch_language_and_axe(transactional_db, world, live_server, page):
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "fi"
    assert_accessible(page, "sign-in page")
    page.get_by_label("Sähköpostiosoite").fill(world.hr.email)
    page.get_by_label("Salasana").fill(PASSWORD)
    page.get_by_role("button", name="Kirjaudu", exact=True).click()
    page.wait_for_url(f"**/o/{world.org.slug}/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Hei")
    assert_accessible(page, "home page (fi)")

    page.get_by_label("Kieli").select_option("sv")
    page.get_by_role("button", name="Vaihda kieli").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.get_by_role("heading", level=1).inner_text().startswith("Hej")
    assert_accessible(page, "home page (sv)")

    page.get_by_role("link", name="HR-import").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Importera enheter och anställda"
    assert_accessible(page, "import page (sv)")

    page.get_by_label("Språk").select_option("en")
    page.get_by_role("button", name="Byt språk").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Import units and employees"
    assert_accessible(page, "import page (en)")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    world.hr.user.refresh_from_db()
    assert world.hr.user.language == "en"
    # Inside Playwright's event loop the ORM uses a connection of its own: close it.
    connection.close()


def test_accessibility_statement_and_feedback_form_pass_axe(transactional_db, world, live_server, page):
    page.goto(live_server.url + "/accessibility/")
    assert_accessible(page, "accessibility statement")
    page.get_by_role("button", name="Lähetä palaute").click()
    page.wait_for_load_state()
    assert_accessible(page, "statement with form errors")


def test_coordinator_sets_up_a_programme_in_the_browser(transactional_db, world, live_server, page):
    """The Vaasa programme: pairs and peers, mentee chooses from the bank,
    at most 90 minutes a month, supervisor and HR approve, follow-up after six months."""
    from mentorbank.programmes.models import Programme

    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Sähköpostiosoite").fill(world.hr.email)
    page.get_by_label("Salasana").fill(PASSWORD)
    page.get_by_role("button", name="Kirjaudu", exact=True).click()
    page.wait_for_url(f"**/o/{world.org.slug}/")
    page.get_by_role("link", name="Ohjelmat", exact=True).first.click()
    assert_accessible(page, "programme list (empty)")
    page.get_by_role("link", name="Luo ohjelma").first.click()
    assert_accessible(page, "programme form")
    page.get_by_role("button", name="Tallenna").click()
    assert page.get_by_role("alert").is_visible()
    assert_accessible(page, "programme form with errors")
    page.get_by_label("Nimi suomeksi").fill("Vaasan mentorointi 2027")
    page.get_by_label("Nimi ruotsiksi").fill("Mentorskap i Vasa 2027")
    page.get_by_label("Pari (yksi mentori, yksi aktori)").check()
    page.get_by_label("Vertaismentorointi (roolit vuorottelevat)").check()
    page.get_by_label("Miten parit muodostetaan").select_option("mentee_choice")
    page.get_by_label("Työaikaa enintään (minuuttia)").fill("90")
    page.get_by_label("Jaksossa").select_option("month")
    page.get_by_label("Myös HR hyväksyy osallistumisen").check()
    page.get_by_label("Teemat").fill("Hiljainen tieto\nPerehdytys")
    page.get_by_role("button", name="Tallenna").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Vaasan mentorointi 2027"
    assert_accessible(page, "programme page")
    page.get_by_role("link", name="Siirrä seuraavaan vaiheeseen").click()
    page.get_by_role("button", name="Siirrä vaiheeseen ”Haku auki”").click()
    page.wait_for_load_state()
    programme = Programme.objects.get()
    assert programme.state == "open" and programme.working_time_minutes == 90
    assert programme.formats == ["pair", "peer"] and programme.hr_approves_participation
    connection.close()


def test_employee_applies_and_supervisor_approves_in_the_browser(transactional_db, world, live_server, page):
    import datetime

    from django.utils import timezone

    from mentorbank.applications.models import Application

    from .factories import ProgrammeFactory

    programme = ProgrammeFactory(
        owner=world.org,
        state="open",
        privacy_notice="Tietoja käsittelee HR.",
        application_closes=timezone.localdate() + datetime.timedelta(days=5),
    )
    programme.themes.create(name="Perehdytys")
    connection.close()
    sign_in(page, live_server, world.employee)
    page.get_by_role("link", name="Oma mentorointini").first.click()
    assert_accessible(page, "my mentoring")
    page.get_by_role("link", name=f"Hae ohjelmaan {programme.name_fi}").click()
    assert_accessible(page, "application form")
    page.get_by_label("Aktori", exact=True).check()
    page.get_by_label("Mitä haluan mentoroinnilta").fill("Oppia perehdyttämään uusia työntekijöitä.")
    page.get_by_label("Perehdytys").check()
    for group in page.get_by_role("group").all():
        option = group.get_by_label("4", exact=True)
        if option.count() == 1:
            option.check()
    page.get_by_label("Hyväksyn, että hakemustani käsitellään").check()
    page.get_by_role("button", name="Lähetä hakemus").click()
    page.wait_for_load_state()
    assert page.get_by_text("Odottaa esihenkilösi hyväksyntää").first.is_visible()
    assert_accessible(page, "my mentoring with an application")
    page.get_by_role("button", name="Kirjaudu ulos").click()

    sign_in(page, live_server, world.supervisor)
    page.get_by_role("link", name="Hyväksynnät").first.click()
    assert_accessible(page, "approvals inbox")
    page.get_by_role("link", name=f"Päätä: {world.employee.full_name}").click()
    assert_accessible(page, "decision form")
    page.get_by_label("Hyväksy", exact=True).check()
    page.get_by_role("button", name="Tallenna päätös").click()
    page.wait_for_load_state()
    application = Application.objects.get()
    assert application.supervisor_decision == "approved"
    assert application.values == dict.fromkeys(application.values, 4) and len(application.values) == 6
    connection.close()


def test_mentor_bank_in_the_browser(transactional_db, world, live_server, page):
    """A colleague joins the bank; an employee finds them with an inflected word and asks;
    the mentor accepts. Every bank page passes axe."""
    from mentorbank.bank.models import MentorRequest

    sign_in(page, live_server, world.colleague)
    page.get_by_role("navigation").get_by_role("link", name="Mentoripankki", exact=True).click()
    assert_accessible(page, "empty bank")
    page.get_by_role("link", name="Liity pankkiin mentoriksi").click()
    assert_accessible(page, "join the bank")
    page.get_by_label("Esittely").fill("Olen johtanut muutosta kolmessa päiväkodissa.")
    page.get_by_label("Osaaminen").fill("Muutosjohtaminen, Perehdytys")
    page.get_by_role("button", name="Tallenna").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Kirjaudu ulos").click()

    sign_in(page, live_server, world.employee)
    page.get_by_role("navigation").get_by_role("link", name="Mentoripankki", exact=True).click()
    page.get_by_label("Hakusanat").fill("johtamisesta")
    page.get_by_role("button", name="Hae", exact=True).click()
    page.wait_for_load_state()
    assert_accessible(page, "bank search results")
    page.get_by_role("link", name=world.colleague.full_name).click()
    assert_accessible(page, "mentor profile")
    page.get_by_label("Viesti mentorille").fill("Haluaisin oppia muutosjohtamista.")
    page.get_by_role("button", name="Lähetä pyyntö").click()
    page.wait_for_load_state()
    assert_accessible(page, "my requests")
    page.get_by_role("button", name="Kirjaudu ulos").click()

    sign_in(page, live_server, world.colleague)
    page.goto(live_server.url + f"/o/{world.org.slug}/bank/requests/")
    assert_accessible(page, "requests to the mentor")
    page.get_by_label("Hyväksy", exact=True).check()
    page.get_by_role("button", name="Lähetä vastaus").click()
    page.wait_for_load_state()
    assert MentorRequest.objects.get().state == "accepted"
    connection.close()


def test_events_materials_and_participant_pages_pass_axe(transactional_db, world, live_server, page):
    import datetime

    from django.utils import timezone

    from mentorbank.applications.models import Application
    from mentorbank.events.models import Material, ProgrammeEvent

    from .factories import ProgrammeFactory

    programme = ProgrammeFactory(owner=world.org, state="running")
    Application.objects.create(
        programme=programme, employee=world.hr, role="mentor", goals="x", consent_at=timezone.now()
    )
    start = timezone.now() + datetime.timedelta(days=2)
    ProgrammeEvent.objects.create(
        programme=programme,
        title="Työpaja",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        location="Kirjasto",
    )
    Material.objects.create(programme=programme, title="Opas", link="https://example.fi/opas")
    connection.close()
    sign_in(page, live_server, world.hr)
    base = f"{live_server.url}/o/{world.org.slug}"
    for path, what in [
        (f"/programmes/{programme.pk}/events/", "events"),
        (f"/programmes/{programme.pk}/materials/", "materials"),
        (f"/mentoring/programmes/{programme.pk}/", "participant page"),
    ]:
        page.goto(base + path)
        assert_accessible(page, what)
    page.get_by_role("button", name="Ilmoittaudu: Työpaja").click()
    page.wait_for_load_state()
    assert page.get_by_text("Olet ilmoittautunut.").first.is_visible()
    assert_accessible(page, "participant page after registering")


def test_remaining_pages_pass_axe(transactional_db, world, live_server, page):
    """Every other page of programmes, applications, imports, questions, guests and the bank."""
    import datetime

    from django.utils import timezone

    from mentorbank.applications.models import Application, ApplicationImport
    from mentorbank.bank.models import GuestInvitation, MentorProfile
    from mentorbank.events.models import EventRegistration, ProgrammeEvent

    from .factories import ProgrammeFactory

    programme = ProgrammeFactory(
        owner=world.org, state="open", application_closes=timezone.localdate() + datetime.timedelta(days=5)
    )
    programme.questions.create(text="Vuorotyö?", kind="choice", choices="Kyllä\nEi")
    application = Application.objects.create(
        programme=programme, employee=world.employee, role="mentee", goals="x", consent_at=timezone.now(), answers={}
    )
    closed = ProgrammeFactory(owner=world.org, state="closed")
    start = timezone.now() + datetime.timedelta(days=2)
    event = ProgrammeEvent.objects.create(
        programme=programme,
        title="Työpaja",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        location="Kirjasto",
    )
    EventRegistration.objects.create(event=event, employee=world.employee)
    item = ApplicationImport.objects.create(
        programme=programme,
        filename="lomake.csv",
        content=f"email;role;goals;consent\n{world.colleague.email};mentor;Jaan;kyllä\n".encode(),
        mapping={"email": "email", "role": "role", "goals": "goals", "consent": "consent"},
    )
    GuestInvitation.objects.create(
        mentee=world.employee, name="Ulla", email="ulla@example.org", employer="Naapuri", reason="Kokemus"
    )
    profile = MentorProfile.objects.create(employee=world.colleague, introduction="Hei", search_text="hei")
    connection.close()
    base = f"{live_server.url}/o/{world.org.slug}"
    sign_in(page, live_server, world.hr)
    for path in [
        f"/programmes/{programme.pk}/copy/",
        f"/programmes/{programme.pk}/applications/",
        f"/programmes/{programme.pk}/applications/{application.pk}/",
        f"/programmes/{programme.pk}/applications/import/",
        f"/programmes/{programme.pk}/applications/import/{item.pk}/",
        f"/programmes/{programme.pk}/questions/",
        f"/programmes/{programme.pk}/events/{event.pk}/",
        f"/programmes/{programme.pk}/events/{event.pk}/remove/",
        "/guest-mentors/",
        f"/programmes/{programme.pk}/advance/",
        "/people/",
        "/units/",
        "/import/",
        f"/programmes/{programme.pk}/announce/",
        f"/programmes/{programme.pk}/partners/",
        f"/programmes/{programme.pk}/guests/",
        "/programmes/invitations/",
        "/new-starters/",
        "/alumni/",
        "/materials/",
    ]:
        page.goto(base + path)
        assert_accessible(page, path)
    page.goto(live_server.url + "/accounts/preferences/")
    assert_accessible(page, "e-mail preferences")
    page.get_by_role("button", name="Kirjaudu ulos").click()
    sign_in(page, live_server, world.employee)
    for path in [
        f"/programmes/{programme.pk}/apply/",
        f"/programmes/{closed.pk}/apply/",
        f"/mentoring/applications/{application.pk}/withdraw/",
        "/bank/ask-a-colleague/",
        "/bank/ask-from-outside/",
        "/bank/me/",
        f"/bank/{profile.pk}/",
    ]:
        page.goto(base + path)
        assert_accessible(page, path)


def test_committee_runs_matching_locks_a_pair_and_publishes_in_the_browser(transactional_db, world, live_server, page):
    from django.utils import timezone

    from mentorbank.applications.models import Application
    from mentorbank.matching.models import Match

    from .factories import EmployeeFactory, ProgrammeFactory

    programme = ProgrammeFactory(owner=world.org, state="matching")
    mentor = EmployeeFactory(organisation=world.org, unit=world.colleague.unit, first_name="Maija", last_name="Mentori")
    for employee, role in [(world.employee, "mentee"), (world.colleague, "mentee"), (mentor, "mentor")]:
        Application.objects.create(
            programme=programme,
            employee=employee,
            role=role,
            goals="Muutosjohtaminen",
            consent_at=timezone.now(),
            supervisor_decision="approved",
            mentor_capacity=2,
        )
    connection.close()
    sign_in(page, live_server, world.hr)
    page.goto(f"{live_server.url}/o/{world.org.slug}/programmes/{programme.pk}/")
    page.get_by_role("link", name="Mätsäys: ajot, ehdotukset ja mätsäysryhmän päätökset").click()
    page.wait_for_load_state()
    assert_accessible(page, "matching runs page")
    page.get_by_role("button", name="Aloita ajo").click()
    page.wait_for_url("**/runs/1/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Ajo 1")
    assert page.get_by_role("cell", name="Maija Mentori").first.is_visible()
    assert_accessible(page, "proposal list")
    page.get_by_role("button", name="Lukitse – Eero Työntekijä").click()
    page.wait_for_load_state()
    assert page.get_by_text("Pari on lukittu").first.is_visible()
    page.get_by_role("link", name="taulukko mentoreittain").click()
    page.wait_for_load_state()
    assert_accessible(page, "proposal per mentor")
    page.get_by_label("Olen käynyt ehdotuksen läpi ja haluan julkaista sen").check()
    page.get_by_role("button", name="Julkaise tämä ajo").click()
    page.wait_for_load_state()
    assert page.get_by_text("Julkaistu: 2 paria.").first.is_visible()
    assert Match.objects.filter(programme=programme).count() == 2
    connection.close()


def test_supervisor_staff_pairs_and_group_proposal_pass_axe(transactional_db, world, live_server, page):
    from django.utils import timezone

    from mentorbank.applications.models import Application
    from mentorbank.matching.models import MatchingRun, ProposedMatch

    from .factories import EmployeeFactory, ProgrammeFactory

    programme = ProgrammeFactory(owner=world.org, state="matching", matching_method="mixed", formats=["group"])
    staff = [
        EmployeeFactory(organisation=world.org, unit=world.employee.unit, supervisor=world.supervisor) for _ in range(4)
    ]
    applications = [
        Application.objects.create(
            programme=programme,
            employee=employee,
            role="mentor" if k == 0 else "mentee",
            goals="Perehdytys",
            consent_at=timezone.now(),
            supervisor_decision="approved",
            experience_years=20 if k == 0 else 1,
        )
        for k, employee in enumerate(staff)
    ]
    run = MatchingRun.objects.create(programme=programme, number=1, format="group", state="done", matched=3)
    for application in applications[1:]:
        ProposedMatch.objects.create(
            run=run, mentee=application, mentor=applications[0], group=1, score=0.5, reasons=[]
        )
    programme.committee_members.add(world.supervisor.user)
    connection.close()
    sign_in(page, live_server, world.supervisor)
    page.goto(f"{live_server.url}/o/{world.org.slug}/approvals/")
    page.get_by_role("link", name=programme.name).click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=2, name="Ehdotetut parit").is_visible()
    assert_accessible(page, "supervisor's staff pairs")
    page.goto(f"{live_server.url}/o/{world.org.slug}/programmes/{programme.pk}/matching/runs/1/?view=mentors")
    assert page.get_by_text("Ryhmä 1:").first.is_visible()
    assert_accessible(page, "group proposal per mentor")


def test_a_pair_agrees_and_the_supervisors_approve_in_the_browser(transactional_db, world, live_server, page):
    from mentorbank.mentorships.models import Mentorship

    from .factories import EmployeeFactory, ProgrammeFactory

    programme = ProgrammeFactory(owner=world.org, state="running")
    mentor = EmployeeFactory(
        organisation=world.org, unit=world.employee.unit, supervisor=world.supervisor, first_name="Maija"
    )
    mentorship = mentorship_of(world.org, world.employee, mentor, programme=programme)
    connection.close()
    sign_in(page, live_server, world.employee)
    page.get_by_role("link", name="Mentoroinnit").click()
    page.wait_for_load_state()
    assert_accessible(page, "mentorships list")
    page.get_by_role("link", name=mentor.full_name).click()
    page.wait_for_load_state()
    assert_accessible(page, "mentorship page")
    page.get_by_role("link", name="Muokkaa sopimusta ja tavoitteita").click()
    page.wait_for_load_state()
    assert_accessible(page, "agreement form")
    page.get_by_label(f"Tavoite 1: {world.employee.full_name}").fill("Opin perehdyttämään uusia työntekijöitä")
    page.get_by_role("button", name="Tallenna").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Hyväksy sopimus").click()
    page.wait_for_load_state()
    assert page.get_by_text("Hyväksyit sopimuksen.").is_visible()
    page.context.clear_cookies()
    sign_in(page, live_server, mentor)
    page.goto(f"{live_server.url}/o/{world.org.slug}/mentorships/{mentorship.pk}/")
    page.get_by_role("button", name="Hyväksy sopimus").click()
    page.wait_for_load_state()
    page.context.clear_cookies()
    sign_in(page, live_server, world.supervisor)
    page.goto(f"{live_server.url}/o/{world.org.slug}/mentorships/{mentorship.pk}/")
    assert page.get_by_text("Opin perehdyttämään uusia työntekijöitä").is_visible()
    assert_accessible(page, "mentorship page for the supervisor")
    for name in (world.employee.full_name, mentor.full_name):
        page.get_by_role("button", name=f"Hyväksy henkilön {name} työajan käyttö").click()
        page.wait_for_load_state()
    assert page.get_by_text("Käynnissä").first.is_visible()
    page.get_by_role(
        "link", name="Tulostettava sopimus kaikkine versioineen, hyväksyntöineen ja vahvistuksineen"
    ).click()
    page.wait_for_load_state()
    assert_accessible(page, "printable agreement")
    assert Mentorship.objects.get().state == "active"
    connection.close()


def fill_meeting(page, moment):
    page.locator("#id_day").fill(moment.strftime("%Y-%m-%d"))
    page.locator("#id_time").fill(moment.strftime("%H:%M"))


def test_a_published_pair_agrees_meets_twice_passes_the_checkpoint_and_continues(
    transactional_db, world, live_server, page
):
    import datetime

    from django.core import mail
    from django.utils import timezone

    from mentorbank.applications.models import Application
    from mentorbank.matching import services as matching
    from mentorbank.mentorships.models import Agreement, Meeting, Mentorship

    from .factories import EmployeeFactory, ProgrammeFactory

    programme = ProgrammeFactory(owner=world.org, state="matching", checkpoint_after_meetings=2)
    mentor = EmployeeFactory(organisation=world.org, unit=world.employee.unit, supervisor=world.supervisor)
    for employee, role in [(world.employee, "mentee"), (mentor, "mentor")]:
        Application.objects.create(
            programme=programme,
            employee=employee,
            role=role,
            goals="Perehdytys",
            consent_at=timezone.now(),
            supervisor_decision="approved",
        )
    run = matching.start_run(programme=programme, objective="max_matched_then_score", weights={}, actor=world.hr.user)
    run.refresh_from_db()
    matching.publish(run=run, actor=world.hr.user)
    mentorship = Mentorship.objects.get()
    connection.close()
    base = f"{live_server.url}/o/{world.org.slug}/mentorships/{mentorship.pk}/"

    sign_in(page, live_server, world.employee)
    page.goto(base)
    page.get_by_role("link", name="Muokkaa sopimusta ja tavoitteita").click()
    page.get_by_label(f"Tavoite 1: {world.employee.full_name}").fill("Opin perehdyttämään")
    page.get_by_role("button", name="Tallenna").click()
    page.get_by_role("button", name="Hyväksy sopimus").click()
    page.wait_for_load_state()
    for person in (mentor, world.supervisor):
        page.context.clear_cookies()
        sign_in(page, live_server, person)
        if person == world.supervisor:
            assert page.get_by_role("heading", name="Alaiseni mentoroinnissa").is_visible()
            assert_accessible(page, "supervisor's home with staff in mentoring")
        page.goto(base)
        if person == mentor:
            page.get_by_role("button", name="Hyväksy sopimus").click()
            page.wait_for_load_state()
        else:
            for name in (world.employee.full_name, mentor.full_name):
                page.get_by_role("button", name=f"Hyväksy henkilön {name} työajan käyttö").click()
                page.wait_for_load_state()
    page.context.clear_cookies()
    sign_in(page, live_server, world.employee)
    page.goto(base)
    assert page.get_by_text("Käynnissä").first.is_visible()
    mail.outbox.clear()
    now = timezone.localtime()
    for hours in (20, 10):  # two meetings already behind us today and yesterday, so they can be marked held
        page.get_by_role("link", name="Suunnittele tapaamisia").first.click()
        fill_meeting(page, now - datetime.timedelta(hours=hours))
        page.get_by_label("Kesto minuutteina").fill("45")
        page.get_by_role("button", name="Suunnittele", exact=True).click()
        page.wait_for_load_state()
    invitations = [m for m in mail.outbox if m.attachments and m.attachments[0][0] == "invitation.ics"]
    assert len(invitations) == 4  # two meetings, two participants
    assert_accessible(page, "mentorship with meetings")
    for _ in range(2):
        page.get_by_role("link", name="Merkitse pidetyksi").first.click()
        assert_accessible(page, "record a meeting")
        page.get_by_role("button", name="Tallenna").click()
        page.wait_for_load_state()
    assert Meeting.objects.filter(state="held").count() == 2
    page.goto(f"{live_server.url}/o/{world.org.slug}/")
    assert_accessible(page, "participant's home with a mentorship")
    page.goto(base)
    page.get_by_label("Kyllä, jatketaan").check()
    page.get_by_role("button", name="Lähetä vastaus").click()
    page.wait_for_load_state()
    page.context.clear_cookies()
    sign_in(page, live_server, mentor)
    page.goto(base)
    page.get_by_label("Kyllä, jatketaan").check()
    page.get_by_role("button", name="Lähetä vastaus").click()
    page.wait_for_load_state()
    assert page.get_by_text("Kaikki haluavat jatkaa").is_visible()
    page.get_by_role("button", name="Jatka uudelle kaudelle").click()
    page.wait_for_load_state()
    assert Agreement.objects.filter(mentorship=mentorship, version=2, state="accepting").exists()
    connection.close()


def test_a_group_of_one_mentor_and_four_mentees_holds_its_first_meeting(transactional_db, world, live_server, page):
    import datetime

    from django.utils import timezone

    from mentorbank.mentorships import services
    from mentorbank.mentorships.models import Meeting, Mentorship

    from .factories import EmployeeFactory, ProgrammeFactory

    programme = ProgrammeFactory(owner=world.org, state="running", formats=["group"])
    mentees = [world.employee] + [EmployeeFactory(organisation=world.org, unit=world.employee.unit) for _ in range(3)]
    group = mentorship_of(world.org, mentees[0], world.colleague, others=mentees[1:], programme=programme)
    agreement = group.agreements.get()
    agreement.goals = {str(m.pk): ["Ryhmän tavoite"] for m in mentees}
    agreement.save()
    for person in [world.colleague, *mentees]:
        services.accept(agreement=agreement, employee=person, actor=person.user)
    for approval in agreement.approvals.all():
        services.approve(approval=approval, actor=world.supervisor.user)
    assert Mentorship.objects.get().state == "active"
    connection.close()
    sign_in(page, live_server, world.colleague)
    assert page.get_by_role("heading", name="Mentorointisuhteeni ja tapaamiset").is_visible()
    assert_accessible(page, "home with mentorships")
    page.goto(f"{live_server.url}/o/{world.org.slug}/mentorships/{group.pk}/")
    page.get_by_role("link", name="Suunnittele tapaamisia").first.click()
    fill_meeting(page, timezone.localtime() - datetime.timedelta(hours=2))
    page.get_by_role("button", name="Suunnittele", exact=True).click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Merkitse pidetyksi").first.click()
    page.get_by_role("button", name="Tallenna").click()
    page.wait_for_load_state()
    meeting = Meeting.objects.get()
    assert meeting.state == "held" and meeting.times.count() == 5
    assert_accessible(page, "group after its first meeting")
    connection.close()


def test_a_follow_up_survey_is_answered_from_its_e_mail_link(transactional_db, world, live_server, page, settings):
    import datetime
    import re

    from django.core import mail
    from django.utils import timezone

    from mentorbank.mentorships.models import Mentorship
    from mentorbank.surveys import services
    from mentorbank.surveys.models import Response

    from .factories import ProgrammeFactory, colleague_mentors_employee

    programme = ProgrammeFactory(owner=world.org, state="running", follow_up_after_months=6)
    mentorship = colleague_mentors_employee(world, programme)
    Mentorship.objects.filter(pk=mentorship.pk).update(
        state="active", started_on=timezone.localdate() - datetime.timedelta(days=200)
    )
    services.send_due()
    message = next(m for m in mail.outbox if m.to == [world.employee.email])
    path = re.search(r"http://[^/\s]+(/s/[^/\s]+/)", message.body).group(1)
    connection.close()
    page.goto(live_server.url + path)
    assert page.get_by_role("heading", level=1).inner_text() == "Seurantakysely aktoreille"
    assert_accessible(page, "survey answer page")
    for group in page.get_by_role("group").all():
        radios = group.get_by_role("radio")
        if radios.count():
            radios.nth(3).check()
    page.get_by_role("textbox").first.fill("Mentorointi auttoi paljon")
    page.get_by_role("button", name="Lähetä vastaukseni").click()
    page.wait_for_load_state()
    assert page.get_by_text("Kiitos! Vastauksesi tallennettiin nimettöminä.").is_visible()
    assert Response.objects.get().answers.filter(scale=4).count() >= 4
    survey_id = Response.objects.get().survey_id
    settings.SURVEY_MIN_RESPONDENTS = 3
    for _ in range(2):  # two colleagues answered too, so the group reaches the threshold
        Response.objects.create(survey_id=survey_id, unit_id=world.employee.unit_id)
    connection.close()
    sign_in(page, live_server, world.hr)
    base = f"{live_server.url}/o/{world.org.slug}/programmes/{programme.pk}/surveys/"
    page.goto(base)
    assert page.get_by_role("cell", name="100 %").is_visible()
    assert_accessible(page, "surveys and response rates")
    page.goto(f"{base}{survey_id}/results/")
    assert page.get_by_text("3 vastaajaa").is_visible()
    assert page.get_by_text("Mentorointi auttoi paljon").is_visible()
    assert_accessible(page, "survey results")
    page.goto(f"{base}{survey_id}/")
    assert_accessible(page, "survey editing")
    page.goto(f"{live_server.url}/o/{world.org.slug}/reports/")
    assert page.get_by_role("heading", name="Kattavuus").is_visible()
    assert_accessible(page, "reports")
    # the answer is in the report: the programme's column in the follow-up table, with its mean
    page.get_by_role("navigation", name="Raportin osiot").get_by_role("link", name="Tulokset ja vaikutukset").click()
    table = page.get_by_role("table", name="Seuranta – Aktorit")
    assert table.get_by_role("columnheader", name=programme.name_fi).is_visible()
    assert (
        table.get_by_role("row", name="Mentorointi on vahvistanut ammatti-identiteettiäni.")
        .inner_text()
        .endswith(
            "4,0"  # a Finnish decimal comma
        )
    )
    assert_accessible(page, "outcomes report")
    for name in ("Tarjonta ja kysyntä", "Toiminta", "Kustannukset", "Jaetut oivallukset"):
        page.get_by_role("navigation", name="Raportin osiot").get_by_role("link", name=name).click()
        assert page.get_by_role("heading", level=2, name=name).is_visible()
        assert_accessible(page, f"report section {name}")
    page.get_by_role("link", name="Tulostettava raportti (kaikki osiot)").click()
    assert page.get_by_role("heading", level=1, name="Mentorointiraportti").is_visible()
    assert_accessible(page, "printable report")
    page.goto(f"{live_server.url}/o/{world.org.slug}/programmes/{programme.pk}/costs/")
    page.get_by_label("Laji").select_option(label="Kouluttajat")
    page.get_by_label("Kuvaus").fill("Mentorikoulutus")
    page.get_by_label("Summa (€)").fill("1200")
    page.get_by_role("button", name="Lisää").click()
    assert page.get_by_text("Kustannus on lisätty.").is_visible()
    assert_accessible(page, "programme costs")
    page.goto(f"{live_server.url}/o/{world.org.slug}/reports/hourly-costs/")
    assert_accessible(page, "hourly costs")
    connection.close()


def test_two_factor_sign_in_is_set_up_and_used_in_the_browser(transactional_db, world, live_server, page):
    import time

    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    def code(device, later=0):
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        totp.time = time.time() + later
        return f"{totp.token():06d}"

    sign_in(page, live_server, world.hr)
    page.get_by_role("link", name="Kaksivaiheinen kirjautuminen").click()
    page.get_by_role("button", name="Ota kaksivaiheinen kirjautuminen käyttöön").click()
    assert page.get_by_role("img", name="QR-koodi, jossa on todennussovelluksesi avain").is_visible()
    assert_accessible(page, "two-factor set-up")
    device = TOTPDevice.objects.get(user=world.hr.user)
    connection.close()
    page.get_by_label("Todennussovelluksen kuusinumeroinen koodi").fill(code(device))
    page.get_by_role("button", name="Kytke kaksivaiheinen kirjautuminen päälle").click()
    assert page.get_by_text("Kaksivaiheinen kirjautuminen on käytössä.").first.is_visible()
    page.get_by_role("button", name="Kirjaudu ulos").click()
    page.get_by_label("Sähköpostiosoite").fill(world.hr.email)
    page.get_by_label("Salasana").fill(PASSWORD)
    page.get_by_role("button", name="Kirjaudu", exact=True).click()
    page.wait_for_url("**/two-factor/verify/**")
    assert page.get_by_role("heading", level=1, name="Kaksivaiheinen kirjautuminen").is_visible()
    assert_accessible(page, "two-factor code page")
    page.get_by_label("Todennussovelluksen kuusinumeroinen koodi").fill(code(device, later=30))
    page.get_by_role("button", name="Jatka").click()
    # the page after the code, not the code page still loaded when the click returns
    page.wait_for_url(lambda url: "/two-factor/" not in url)
    # data protection pages: one's own data, and HR's confirmation before removing a person
    page.get_by_role("link", name="Omat tietoni").click()
    assert page.get_by_role("link", name="Lataa omat tietoni").is_visible()
    assert_accessible(page, "my data")
    page.goto(f"{live_server.url}/o/{world.org.slug}/people/{world.colleague.pk}/")
    page.get_by_role("link", name="Poista henkilö (tietosuoja)").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Poistetaanko")
    assert_accessible(page, "remove a person")
    connection.close()


def test_single_sign_on_settings_and_the_sign_in_button_pass_axe(transactional_db, world, live_server, page):
    from mentorbank.organisations.models import SingleSignOn

    SingleSignOn.objects.create(
        organisation=world.org, enabled=True, issuer="https://login.example.fi/t/v2.0", client_id="a", client_secret="b"
    )
    connection.close()
    page.goto(live_server.url + "/accounts/login/")
    assert page.get_by_role("link", name="Kirjaudu Esimerkkilä-organisaation työntekijänä").is_visible()
    assert_accessible(page, "sign-in page with single sign-on")
    sign_in(page, live_server, world.admin)
    page.goto(f"{live_server.url}/o/{world.org.slug}/single-sign-on/")
    assert page.get_by_role("heading", level=1, name="Kertakirjautuminen").is_visible()
    assert_accessible(page, "single sign-on settings")


def test_the_supervisors_staff_table_is_not_squeezed_at_1280_px(transactional_db, world, live_server, page):
    """Issue 15 (6): "My staff in mentoring" ran under the next card, hiding the role and working-time columns."""
    from django.db import connection

    from .factories import EmployeeFactory, ProgrammeFactory, mentorship_of

    programme = ProgrammeFactory(
        owner=world.org,
        state="running",
        name_fi="Varhaiskasvatuksen ja perusopetuksen yhteinen mentorointiohjelma 2026–2027",
        working_time_minutes=90,
        working_time_period="month",
    )
    for k in range(3):
        person = EmployeeFactory(
            organisation=world.org,
            unit=world.employee.unit,
            supervisor=world.supervisor,
            first_name=f"Marja-Leena{k}",
            last_name="Kivimäki-Hämäläinen",
        )
        mentorship_of(world.org, person, world.colleague, programme=programme, state="active")
    connection.close()
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server, world.supervisor)
    overflow = page.evaluate(
        """() => [...document.querySelectorAll('.card')].map(card => {
            const table = card.querySelector('table');
            if (!table) return 0;
            return Math.ceil(table.getBoundingClientRect().right) - Math.floor(card.getBoundingClientRect().right);
        })"""
    )
    assert max(overflow) <= 0, f"a table runs past its card by {max(overflow)} px"
    staff = page.get_by_role("table", name="Alaiseni mentoroinnissa")
    assert staff.get_by_role("columnheader", name="Rooli").is_visible()
    card, row = page.evaluate(
        """() => [document.querySelector('[aria-labelledby=staff-mentoring]').getBoundingClientRect().width,
                  document.querySelector('.cards').getBoundingClientRect().width]"""
    )
    assert card >= 0.9 * row, "the table's card takes the whole row: its columns are not squeezed into a third"
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    assert_accessible(page, "the supervisor's home page")


def test_the_programme_form_is_in_sections_with_labels_beside_their_checkboxes(
    transactional_db, world, live_server, page
):
    """Issue 15 (14): one very long page with checkboxes below their labels."""
    sign_in(page, live_server, world.hr)
    page.goto(f"{live_server.url}/o/{world.org.slug}/programmes/new/")
    sections = page.get_by_role("navigation", name="Lomakkeen osat")
    assert sections.get_by_role("link").count() == 8
    for checkbox in page.locator(
        "form input[type=checkbox]:not([name=formats]):not([name=eligible_profession_groups])"
    ).all():
        box = checkbox.bounding_box()
        label = page.locator(f"label[for='{checkbox.get_attribute('id')}']").bounding_box()
        assert abs(label["y"] - box["y"]) < box["height"], "the label starts on the checkbox's line"
        assert label["x"] > box["x"], "the label beside (after) its checkbox"
        assert box["width"] >= 24 and box["height"] >= 24
    sections.get_by_role("link", name="Kesto ja tapaamiset").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "duration", "the keyboard lands in the section"
    page.get_by_role("button", name="Tallenna").click()  # nothing filled in
    assert "tarkista tämä osa" in sections.inner_text()
    assert_accessible(page, "the programme form in sections")


def test_an_installation_admin_creates_an_organisation_in_the_browser(transactional_db, world, live_server, page):
    """Issue 15 (15): ordinary, accessible pages, not the Django admin."""
    from mentorbank.accounts.models import User

    User.objects.create_user("installer@example.fi", PASSWORD, is_installation_admin=True)
    connection.close()
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Sähköpostiosoite").fill("installer@example.fi")
    page.get_by_label("Salasana").fill(PASSWORD)
    page.get_by_role("button", name="Kirjaudu", exact=True).click()
    page.wait_for_url("**/installation/organisations/")
    assert_accessible(page, "the installation's organisations")
    page.get_by_role("link", name="Luo organisaatio").click()
    assert_accessible(page, "a new organisation")
    page.locator("#id_name").fill("Kuusamon kaupunki")
    page.locator("#id_business_id").fill("0187618-6")
    page.locator("#id_admin_email").fill("paula@kuusamo.example")
    page.locator("#id_admin_name").fill("Paula Pääkäyttäjä")
    page.get_by_role("button", name="Luo", exact=True).click()
    page.wait_for_url("**/installation/organisations/kuusamon-kaupunki/")
    assert page.get_by_text("Paula Pääkäyttäjä").first.is_visible()
    assert_accessible(page, "the new organisation")


def test_the_header_folds_into_one_menu_on_a_phone(transactional_db, world, live_server, page):
    """Issue 16 (1): at 375 px the menus fold behind a disclosure button the keyboard opens."""
    page.set_viewport_size({"width": 375, "height": 800})
    sign_in(page, live_server, world.employee)
    menu = page.get_by_role("button", name="Valikko")
    bank = page.get_by_role("navigation", name="Päävalikko").get_by_role("link", name="Mentoripankki")
    assert menu.is_visible() and menu.get_attribute("aria-expanded") == "false" and not bank.is_visible()
    menu.focus()
    page.keyboard.press("Enter")
    assert menu.get_attribute("aria-expanded") == "true" and bank.is_visible()
    assert page.get_by_role("button", name="Kirjaudu ulos").is_visible()
    assert_accessible(page, "the open menu on a phone")
    page.keyboard.press("Enter")
    assert not bank.is_visible()
    page.set_viewport_size({"width": 1280, "height": 800})
    assert not menu.is_visible() and bank.is_visible(), "on a wide screen nothing is folded"
