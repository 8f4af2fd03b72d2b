"""Issue 17 (3): mentors recommended in the bank by the matching engine, best first with its reasons,
never one the hard rules forbid; the page's queries do not grow with the bank."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentorbank.applications.models import Application
from mentorbank.bank.bank_search import index_profile
from mentorbank.bank.models import MentorProfile, MentorRequest
from mentorbank.matching.recommend import recommended
from mentorbank.programmes.models import Competence

from ..factories import EmployeeFactory, MentorProfileFactory, ProgrammeFactory

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def mentor(world, introduction, competences=(), **employee):
    person = EmployeeFactory(organisation=world.org, unit=world.employee.unit, **employee)
    profile = MentorProfileFactory(employee=person, introduction=introduction, capacity=2)
    profile.competences.set([Competence.objects.get_or_create(organisation=world.org, name=n)[0] for n in competences])
    index_profile(profile)
    return profile


def applies(world, goals, themes=()):
    programme = ProgrammeFactory(owner=world.org, state="open")
    application = Application.objects.create(
        programme=programme, employee=world.employee, role="mentee", goals=goals, consent_at=timezone.now()
    )
    application.themes.set([programme.themes.create(name=name) for name in themes])
    return application


def test_a_mentee_sees_the_mentors_that_fit_best_first_with_the_reasons(world, login):
    fits = mentor(world, "Perehdytän uusia työntekijöitä ja autan muutoksessa.", ["Perehdytys", "Muutosjohtaminen"])
    mentor(world, "Keittiön hygienia ja erityisruokavaliot.", ["Ruokapalvelut"])
    applies(world, "Haluan oppia perehdyttämään uusia työntekijöitä.")
    found = recommended(world.employee)
    assert found[0].profile == fits and found[0].reasons
    page = login(world.employee).get(reverse("bank:bank", args=[world.org.slug]), **EN).content.decode()
    section = page[page.index('id="for-you"') : page.index('class="filters"')]
    assert fits.employee.full_name in section and "profile speak of the same things: " in section


def test_a_few_words_are_enough_without_an_application(world, login):
    fits = mentor(world, "Olen johtanut muutosta päiväkodissa.", ["Muutosjohtaminen"])
    mentor(world, "Taloushallinto ja hankinnat.", ["Taloushallinto"])
    client = login(world.employee)
    url = reverse("bank:bank", args=[world.org.slug])
    assert "Tell in a few words what you are looking for" in client.get(url, **EN).content.decode()
    assert [r.profile for r in recommended(world.employee, "muutoksen johtaminen")][:1] == [fits]
    page = client.get(url, {"wish": "muutoksen johtaminen"}, **EN).content.decode()
    assert fits.employee.full_name in page[page.index('id="for-you"') : page.index('class="filters"')]


def test_never_the_supervisor_chain_a_stranger_in_language_or_a_full_mentor(world):
    words = "Perehdytys ja muutosjohtaminen."
    boss = MentorProfileFactory(employee=world.supervisor, introduction=words, capacity=3)
    swedish = mentor(world, words, languages="sv")
    full = mentor(world, words)
    MentorProfile.objects.filter(pk=full.pk).update(capacity=1)
    MentorRequest.objects.create(mentee=world.colleague, mentor=full, message="x", state="accepted")
    index_profile(boss)
    assert recommended(world.employee, "perehdytys muutosjohtaminen") == []
    fine = mentor(world, words)
    assert [r.profile for r in recommended(world.employee, "perehdytys muutosjohtaminen")] == [fine]
    assert swedish.pk != fine.pk


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    mentors=st.lists(
        st.tuples(
            st.sampled_from(["fi", "sv", "en", "fi,sv", "sv,en"]),  # the mentor's languages
            st.integers(1, 3),  # capacity
            st.integers(0, 3),  # requests holding it
            st.sampled_from(["none", "supervisor", "above"]),  # place in the mentee's chain
            st.sampled_from(["available", "full", "paused"]),
        ),
        min_size=1,
        max_size=6,
    ),
    mentee_languages=st.sampled_from(["fi", "sv", "fi,en"]),
    wish=st.sampled_from(["perehdytys", "muutoksen johtaminen", "hygienia", "lapset ja perheet"]),
)
def test_recommended_mentors_are_never_ones_the_rules_forbid(world, mentors, mentee_languages, wish):
    MentorRequest.objects.all().delete()
    MentorProfile.objects.all().delete()
    top = EmployeeFactory(organisation=world.org, unit=world.employee.unit)
    world.supervisor.supervisor = top
    world.supervisor.save()
    world.employee.languages = mentee_languages
    world.employee.save()
    allowed = set()
    for languages, capacity, holding, chain, availability in mentors:
        person = {"supervisor": world.supervisor, "above": top}.get(chain) or EmployeeFactory(
            organisation=world.org, unit=world.employee.unit
        )
        if MentorProfile.objects.filter(employee=person).exists():
            continue
        person.languages = languages
        person.save()
        profile = MentorProfileFactory(
            employee=person,
            introduction="Perehdytys, muutoksen johtaminen, hygienia, lapset ja perheet.",
            capacity=capacity,
            availability=availability,
        )
        for _k in range(holding):
            MentorRequest.objects.create(mentee=world.colleague, mentor=profile, message="x", state="accepted")
        speaks = set(languages.split(",")) & set(mentee_languages.split(","))
        if chain == "none" and speaks and holding < capacity and availability == "available":
            allowed.add(profile.pk)
    found = {r.profile.pk for r in recommended(world.employee, wish)}
    assert found <= allowed


def test_the_recommendations_make_the_same_queries_for_a_bigger_bank(world, login):
    applies(world, "Haluan oppia perehdyttämään.", themes=["Perehdytys"])
    mentor(world, "Perehdytys on vahvuuteni.", ["Perehdytys"])
    client = login(world.employee)
    url = reverse("bank:bank", args=[world.org.slug])

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, {"wish": "perehdytys"}).status_code == 200
        return len(captured)

    queries()
    few = queries()
    for k in range(6):
        mentor(world, f"Perehdytys ja muutos {k}.", ["Perehdytys", f"Osaaminen {k}"])
    queries()  # the bank's vocabulary changed: read again once
    assert queries() == few


@pytest.mark.parametrize("query", [{"q": "perehdytys"}, {"page": "2"}])
def test_a_search_shows_its_results_without_the_recommendations(world, login, query):
    applies(world, "Haluan oppia perehdyttämään.")
    mentor(world, "Perehdytys on vahvuuteni.", ["Perehdytys"])
    page = login(world.employee).get(reverse("bank:bank", args=[world.org.slug]), query, **EN).content.decode()
    assert 'id="for-you"' not in page


def test_a_wish_naming_a_competence_in_any_form_brings_who_offers_it(world):
    offers = mentor(world, "Olen työskennellyt keittiössä.", ["Perehdytys"])
    mentor(world, "Olen työskennellyt keittiössä.", ["Ruokapalvelut"])
    with translation.override("en"):
        found = recommended(world.employee, "perehdyttämisessä")
    assert found[0].profile == offers
    assert any("The mentor offers what the mentee seeks: Perehdytys" in reason for reason in found[0].reasons)
