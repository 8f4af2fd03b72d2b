"""Seed 000 (the Ii pilot): one municipality runs workplace mentoring for the daycares and meal
services of three others. The coordinator invites the three; their HR accept; eligibility covers each
one's own daycare and meal units; a pair across two municipalities meets on working time with a
substitute, asked of the supervisor by e-mail and arranged with the hours worked; the trainer's
invoice is entered; the cost report adds it all up."""

import datetime

from django.core import mail
from django.db import connection
from django.utils import timezone

from mentorbank.applications.eligibility import is_eligible
from mentorbank.mentorships import services as mentorship_services
from mentorbank.mentorships.models import SubstituteRequest
from mentorbank.organisations.models import OrganisationRole
from mentorbank.programmes import partnerships
from mentorbank.programmes.models import Partnership, Programme
from mentorbank.reports.models import ProgrammeCost

from ..browser import assert_accessible, browser_marks, plan_meeting, sign_in, sign_out
from ..factories import EmployeeFactory, OrganisationFactory, RoleFactory, UnitFactory, mentorship_of

pytestmark = browser_marks()


def municipality(name, slug):
    organisation = OrganisationFactory(name=name, slug=slug)
    daycare = UnitFactory(organisation=organisation, code=f"{slug}-VAKA", name=f"{name}: varhaiskasvatus")
    meals = UnitFactory(organisation=organisation, code=f"{slug}-RUOKA", name=f"{name}: ateriapalvelut")
    office = UnitFactory(organisation=organisation, code=f"{slug}-HALL", name=f"{name}: hallinto")
    hr = EmployeeFactory(organisation=organisation, unit=office, first_name="HR", last_name=name)
    RoleFactory(organisation=organisation, user=hr.user, role=OrganisationRole.HR)
    boss = EmployeeFactory(organisation=organisation, unit=daycare, first_name="Johtaja", last_name=name)
    return organisation, hr, boss, daycare, meals, office


def test_ii_pilot_across_three_municipalities(transactional_db, world, live_server, page):
    towns = [
        municipality(name, slug)
        for name, slug in (("Utajärvi", "utajarvi"), ("Vaala", "vaala"), ("Pudasjärvi", "pudasjarvi"))
    ]
    connection.close()
    org = f"{live_server.url}/o/{world.org.slug}"

    # the coordinator sets up the pilot and invites the three municipalities
    sign_in(page, live_server, world.hr)
    page.goto(f"{org}/programmes/new/")
    page.get_by_label("Nimi suomeksi").fill("Työyhteisömentorointi – pilotti")
    page.get_by_label("Pari (yksi mentori, yksi aktori)").check()
    page.get_by_label("Miten parit muodostetaan").select_option("mixed")
    page.get_by_label("Työaikaa enintään (minuuttia)").fill("120")
    page.get_by_label("Jaksossa").select_option("two_weeks")
    page.get_by_label("tapaamisten ajaksi järjestetään sijaiset").check()
    page.get_by_role("button", name="Tallenna").click()
    page.wait_for_load_state()
    programme = Programme.objects.get()
    page.get_by_role("link", name="Kumppaniorganisaatiot").click()
    assert_accessible(page, "partner organisations")
    for town, *_rest in towns:
        page.get_by_label("Kutsuttava organisaatio").select_option(label=town.name)
        page.get_by_role("button", name="Lähetä kutsu").click()
        page.wait_for_load_state()
    assert Partnership.objects.filter(programme=programme, state="invited").count() == 3
    sign_out(page)

    # each municipality's HR accepts (the first in the browser), nothing shared before
    first, first_hr = towns[0][0], towns[0][1]
    sign_in(page, live_server, first_hr)
    page.goto(f"{live_server.url}/o/{first.slug}/programmes/invitations/")
    assert_accessible(page, "invitations to programmes")
    page.get_by_role("link", name=programme.name_fi).click()
    assert_accessible(page, "an invitation")
    page.get_by_role("button", name="Hyväksy ja tule mukaan").click()
    page.wait_for_load_state()
    sign_out(page)
    for town, hr, *_rest in towns[1:]:
        partnerships.answer(partnership=Partnership.objects.get(organisation=town), accept=True, actor=hr.user)
    assert programme.participating_organisations.count() == 3

    # eligibility: each municipality's own daycare and meal units
    sign_in(page, live_server, world.hr)
    page.goto(f"{org}/programmes/{programme.pk}/edit/")
    page.get_by_label("Valittujen yksiköiden henkilöstö").check()
    units = [str(unit.pk) for _town, _hr, _boss, daycare, meals, _office in towns for unit in (daycare, meals)]
    page.locator("#id_eligible_units").select_option(units)
    page.get_by_role("button", name="Tallenna").click()
    page.wait_for_load_state()
    programme.refresh_from_db()
    sign_out(page)
    (utajarvi, _hr1, boss1, daycare1, _meals1, office1), (vaala, _hr2, boss2, _daycare2, meals2, _office2) = towns[:2]
    childcarer = EmployeeFactory(organisation=utajarvi, unit=daycare1, supervisor=boss1, first_name="Laura")
    cook = EmployeeFactory(organisation=vaala, unit=meals2, supervisor=boss2, first_name="Kerttu")
    clerk = EmployeeFactory(organisation=utajarvi, unit=office1, first_name="Kalle")
    assert is_eligible(programme, childcarer) and is_eligible(programme, cook) and not is_eligible(programme, clerk)

    # the coordinator forms a pair across two municipalities; it is agreed and approved
    programme.state = Programme.RUNNING
    programme.save()
    pair = mentorship_of(world.org, childcarer, cook, programme=programme, source="supervisor")
    agreement = pair.agreements.get()
    agreement.goals = {str(childcarer.pk): ["Ammatti-identiteetti"]}
    agreement.save()
    for person in (childcarer, cook):
        mentorship_services.accept(agreement=agreement, employee=person, actor=person.user)
    for approval in agreement.approvals.all():
        mentorship_services.approve(approval=approval, actor=approval.approver.user)
    pair.refresh_from_db()
    assert pair.state == "active"
    connection.close()

    # the mentee plans a meeting; her supervisor is asked for a substitute by e-mail
    mail.outbox.clear()
    sign_in(page, live_server, childcarer)
    page.goto(f"{live_server.url}/o/{utajarvi.slug}/mentorships/{pair.pk}/")
    moment = timezone.localtime() + datetime.timedelta(days=7)
    plan_meeting(page, moment.replace(hour=13, minute=0), 90)
    sign_out(page)
    to_boss = [m for m in mail.outbox if m.to == [boss1.email]]
    assert len(to_boss) == 1 and childcarer.full_name in to_boss[0].body
    sign_in(page, live_server, boss1)
    assert_accessible(page, "the supervisor's home with a substitute needed")
    page.get_by_label("Sijaisen nimi").first.fill("Sanni Sijainen")
    page.get_by_label("Tehdyt tunnit").first.fill("1,5")
    page.get_by_role("button", name="Järjestetty").first.click()
    page.wait_for_load_state()
    sign_out(page)
    substitute = SubstituteRequest.objects.get(employee=childcarer)
    assert (substitute.state, substitute.substitute_name, substitute.substitute_minutes) == (
        "arranged",
        "Sanni Sijainen",
        90,
    )

    # the trainer's invoice, and the cost report
    sign_in(page, live_server, world.hr)
    page.goto(f"{org}/programmes/{programme.pk}/costs/")
    page.locator("#id_kind").select_option("trainers")
    page.locator("#id_description").fill("Kouluttajan lasku: mentorikoulutus")
    page.locator("#id_amount").fill("1800")
    page.get_by_role("button", name="Lisää").click()
    page.wait_for_load_state()
    assert ProgrammeCost.objects.get().amount == 1800
    page.goto(f"{org}/reports/costs/?programme={programme.pk}")
    assert_accessible(page, "cost report of the pilot")
    assert page.get_by_text("1800").first.is_visible() or page.get_by_text("1 800").first.is_visible()
    connection.close()
