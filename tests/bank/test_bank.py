import datetime
import threading

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentorbank.bank import banking
from mentorbank.bank.bank_search import search
from mentorbank.bank.models import MentorProfile, MentorRequest

from ..factories import EmployeeFactory, MentorProfileFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def test_joining_the_bank_builds_a_searchable_profile(world, client):
    client.force_login(world.colleague.user)
    response = client.post(
        reverse("bank:bank_me", args=[world.org.slug]),
        {
            "introduction": "Olen ohjannut muutosta kolmessa päiväkodissa.",
            "competences_text": "Muutosjohtaminen, Perehdytys",
            "themes": "",
            "meeting_mode": "either",
            "capacity": 2,
            "availability": "available",
            "visibility": "organisation",
        },
    )
    assert response.status_code == 302
    profile = MentorProfile.objects.get(employee=world.colleague)
    assert sorted(c.name for c in profile.competences.all()) == ["Muutosjohtaminen", "Perehdytys"]
    assert "muutosjohtaminen" in profile.search_text


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("johtaminen", True),
        ("johtamisesta", True),
        ("johtamiseen", True),
        ("Muutosjohtamisen", True),
        ("perehdyttäminen", True),
        ("perehdytyksestä", True),
        ("talous", False),
    ],
)
def test_search_finds_finnish_words_in_other_forms(world, query, found):
    mentor = MentorProfileFactory(employee=world.colleague, introduction="Autan perehdytyksessä.")
    mentor.competences.create(organisation=world.org, name="Muutosjohtaminen")
    banking.index_profile(mentor)
    assert (mentor in search(world.employee, text=query)) is found


def test_a_profile_is_stored_with_its_base_forms_and_compound_parts(world):
    mentor = MentorProfileFactory(employee=world.colleague, introduction="Olen johtanut muutosta päiväkodissa.")
    mentor.competences.create(organisation=world.org, name="Muutosjohtaminen")
    banking.index_profile(mentor)
    for term in ("muutos", "päiväkoti", "muutosjohtaminen", "johtaa"):
        assert f" {term} " in mentor.search_text
    assert " muutosjohtaminen " in mentor.key_terms and " päiväkoti " not in mentor.key_terms


def test_filters_and_what_is_hidden(world):
    remote = MentorProfileFactory(employee=world.colleague, meeting_mode="remote")
    in_person = MentorProfileFactory(employee=world.supervisor, meeting_mode="in_person")
    paused = MentorProfileFactory(employee=world.hr, availability="paused")
    assert set(search(world.employee)) == {remote, in_person}
    assert set(search(world.employee, remote=True)) == {remote}
    assert paused not in search(world.employee)
    assert set(search(world.colleague)) == {in_person}, "never yourself"
    world.colleague.languages = "fi,sv"
    world.colleague.save()
    assert set(search(world.employee, language="sv")) == {remote}


def test_other_organisations_mentors_show_only_when_shared_with_a_partner(world):
    outsider = MentorProfileFactory(employee=world.other_hr, visibility="shared")
    assert outsider not in search(world.employee), "no shared programme: not a partner"
    programme = ProgrammeFactory(owner=world.org)
    programme.participating_organisations.add(world.other_org)
    assert outsider in search(world.employee)
    outsider.visibility = "organisation"
    outsider.save()
    assert outsider not in search(world.employee)


def test_request_limits(world, settings):
    settings.BANK_MAX_OPEN_REQUESTS = 2
    mentors = [
        MentorProfileFactory(employee=EmployeeFactory(organisation=world.org, unit=world.employee.unit))
        for _ in range(3)
    ]
    banking.request_send(mentee=world.employee, mentor=mentors[0], message="Hei", actor=None)
    with pytest.raises(banking.BankRefused) as duplicate:
        banking.request_send(mentee=world.employee, mentor=mentors[0], message="Hei", actor=None)
    assert duplicate.value.code == "duplicate"
    banking.request_send(mentee=world.employee, mentor=mentors[1], message="Hei", actor=None)
    with pytest.raises(banking.BankRefused) as too_many:
        banking.request_send(mentee=world.employee, mentor=mentors[2], message="Hei", actor=None)
    assert too_many.value.code == "too_many"
    mine = MentorProfileFactory(employee=world.employee)
    with pytest.raises(banking.BankRefused):
        banking.request_send(mentee=world.employee, mentor=mine, message="Hei", actor=None)


def test_accepting_fills_the_mentor_and_never_exceeds_capacity(world, client, run_tasks, mailoutbox):
    mentor = MentorProfileFactory(employee=world.colleague, capacity=1)
    client.force_login(world.employee.user)
    with run_tasks():
        client.post(reverse("bank:bank_profile", args=[world.org.slug, mentor.pk]), {"message": "Auttaisitko?"})
    assert [m.to for m in mailoutbox] == [[world.colleague.email]]
    other = EmployeeFactory(organisation=world.org, unit=world.employee.unit)
    second = banking.request_send(mentee=other, mentor=mentor, message="Minäkin", actor=None)
    first = MentorRequest.objects.get(mentee=world.employee)
    client.force_login(world.colleague.user)
    client.post(reverse("bank:bank_answer", args=[world.org.slug, first.pk]), {"decision": "accept"})
    mentor.refresh_from_db()
    assert mentor.availability == "full"
    with pytest.raises(banking.BankRefused) as full:
        banking.request_answer(mentor_request=second, accept=True, answer="", actor=None)
    assert full.value.code == "full"
    banking.request_answer(mentor_request=second, accept=False, answer="Täynnä", actor=None)
    assert MentorRequest.objects.get(pk=second.pk).state == "declined"


@pytest.mark.django_db(transaction=True)
def test_two_acceptances_at_the_same_moment_respect_capacity(world):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent transactions need PostgreSQL (SQLite's test database is one in-memory connection)")
    mentor = MentorProfileFactory(employee=world.colleague, capacity=1)
    requests = [
        banking.request_send(
            mentee=EmployeeFactory(organisation=world.org, unit=world.employee.unit),
            mentor=mentor,
            message=str(n),
            actor=None,
        )
        for n in range(4)
    ]
    barrier = threading.Barrier(len(requests))
    outcomes: list[str] = []

    def accept(item):
        try:
            barrier.wait()
            banking.request_answer(mentor_request=item, accept=True, answer="", actor=None)
            outcomes.append("accepted")
        except banking.BankRefused as refused:
            outcomes.append(refused.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=accept, args=(item,)) for item in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["accepted", "full", "full", "full"]
    assert mentor.requests.holding_capacity().count() == 1


def test_housekeeping_reminds_expires_and_pauses(world, settings, run_tasks, mailoutbox):
    settings.BANK_PAUSE_AFTER_EXPIRED = 2
    mentor = MentorProfileFactory(employee=world.colleague)
    old = timezone.now() - datetime.timedelta(days=8)
    ancient = timezone.now() - datetime.timedelta(days=15)
    waiting = banking.request_send(mentee=world.employee, mentor=mentor, message="a", actor=None)
    MentorRequest.objects.filter(pk=waiting.pk).update(created_at=old)
    with run_tasks():
        assert banking.housekeeping() == {"reminded": 1, "expired": 0, "paused": 0}
        assert banking.housekeeping()["reminded"] == 0, "one reminder only"
    assert mailoutbox[-1].to == [world.colleague.email]
    for mentee in (world.employee, world.supervisor):
        item = MentorRequest.objects.filter(mentee=mentee).first() or banking.request_send(
            mentee=mentee, mentor=mentor, message="b", actor=None
        )
        MentorRequest.objects.filter(pk=item.pk).update(created_at=ancient)
    with run_tasks():
        assert banking.housekeeping() == {"reminded": 0, "expired": 2, "paused": 1}
    mentor.refresh_from_db()
    assert mentor.availability == "paused" and mentor not in search(world.hr)
    assert {m.to[0] for m in mailoutbox} >= {world.employee.email, world.supervisor.email, world.colleague.email}


def test_supervisors_approve_an_accepted_pair(world, client):
    mentor = MentorProfileFactory(employee=world.colleague)
    item = banking.request_send(mentee=world.employee, mentor=mentor, message="a", actor=None)
    banking.request_answer(mentor_request=item, accept=True, answer="", actor=None)
    client.force_login(world.supervisor.user)
    page = client.get(reverse("home:approvals", args=[world.org.slug])).content.decode()
    assert world.employee.full_name in page
    client.post(reverse("bank:bank_request_decide", args=[world.org.slug, item.pk]), {"decision": "approve"})
    item.refresh_from_db()
    assert item.mentee_supervisor_approval == "approved" and item.mentor_supervisor_approval == "waiting"
    client.force_login(world.colleague.user)
    response = client.post(reverse("bank:bank_request_decide", args=[world.org.slug, item.pk]), {"decision": "approve"})
    assert response.status_code == 403


def test_only_the_mentor_answers_and_only_the_mentee_cancels(world, client):
    mentor = MentorProfileFactory(employee=world.colleague)
    item = banking.request_send(mentee=world.employee, mentor=mentor, message="a", actor=None)
    client.force_login(world.supervisor.user)
    assert (
        client.post(reverse("bank:bank_answer", args=[world.org.slug, item.pk]), {"decision": "accept"}).status_code
        == 404
    )
    assert client.post(reverse("bank:bank_cancel", args=[world.org.slug, item.pk])).status_code == 404
    client.force_login(world.other_hr.user)
    assert (
        client.post(reverse("bank:bank_answer", args=[world.org.slug, item.pk]), {"decision": "accept"}).status_code
        == 404
    )
    assert MentorRequest.objects.get(pk=item.pk).state == "pending"


@pytest.mark.parametrize("name", ["bank:bank", "bank:bank_me", "bank:bank_requests"])
def test_bank_pages_need_an_employment_in_the_organisation(world, client, name):
    from ..factories import RoleFactory, UserFactory

    url = reverse(name, args=[world.org.slug])
    assert client.get(url).status_code == 302
    client.force_login(world.other_hr.user)
    assert client.get(url).status_code == 404
    role_only = UserFactory()
    RoleFactory(organisation=world.org, user=role_only, role="hr")
    client.force_login(role_only)
    assert client.get(url).status_code == 403
    client.force_login(world.employee.user)
    assert client.get(url).status_code == 200


def test_bank_search_page_does_a_constant_number_of_queries(world, client):
    def mentor():
        profile = MentorProfileFactory(employee=EmployeeFactory(organisation=world.org, unit=world.employee.unit))
        profile.competences.create(organisation=world.org, name=f"Osaaminen {profile.pk}")

    mentor()
    client.force_login(world.employee.user)
    url = reverse("bank:bank", args=[world.org.slug])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url, {"q": "opettaja"}).status_code == 200
    for _ in range(15):
        mentor()
    client.get(url, {"q": "opettaja"})  # the bank's vocabulary changed: read again once, as after any save
    with CaptureQueriesContext(connection) as many:
        page = client.get(url, {"q": "opettaja"})
    assert len(many) == len(few)
    assert page.context["page"].paginator.count == 16


def test_asking_a_colleague_who_is_not_in_the_bank(world, client, run_tasks, mailoutbox):
    client.force_login(world.employee.user)
    url = reverse("bank:bank_ask_colleague", args=[world.org.slug])
    response = client.post(url, {"email": world.other_hr.email, "message": "Hei"})
    assert response.status_code == 200 and not MentorRequest.objects.exists(), "not a partner organisation"
    with run_tasks():
        client.post(url, {"email": world.colleague.email.upper(), "message": "Olisitko mentorini?"})
    item = MentorRequest.objects.get()
    assert item.mentor.employee == world.colleague and not item.mentor.in_bank
    assert mailoutbox[-1].to == [world.colleague.email]
    assert item.mentor not in search(world.supervisor), "asked directly, not listed in the bank"
    banking.request_answer(mentor_request=item, accept=True, answer="Mielelläni", actor=None)
    assert MentorRequest.objects.get().state == "accepted"


def test_theme_filter(world):
    careers = MentorProfileFactory(employee=world.colleague, themes="Uravalinnat, työhyvinvointi")
    MentorProfileFactory(employee=world.supervisor, themes="Talous")
    assert list(search(world.employee, theme="uravalinnoista")) == [careers]
    assert list(search(world.employee, theme="hyvinvointi")) == [careers]


def test_each_supervisor_approves_the_time_use_of_their_own_staff_member_by_name(world, client):
    """Issue 15 (5): the mentor's supervisor saw the mentee's name on the button."""
    mentor_boss = EmployeeFactory(organisation=world.org, unit=world.hr.unit, first_name="Maija")
    world.colleague.supervisor = mentor_boss
    world.colleague.save()
    mentor = MentorProfileFactory(employee=world.colleague)
    item = banking.request_send(mentee=world.employee, mentor=mentor, message="a", actor=None)
    banking.request_answer(mentor_request=item, accept=True, answer="", actor=None)
    url = reverse("home:approvals", args=[world.org.slug])
    client.force_login(mentor_boss.user)
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"Approve the time use of {world.colleague.full_name}" in page
    assert f"Approve the time use of {world.employee.full_name}" not in page
    client.force_login(world.supervisor.user)
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"Approve the time use of {world.employee.full_name}" in page


def test_what_matched_is_highlighted_on_the_results(world, client):
    mentor = MentorProfileFactory(
        employee=world.colleague, introduction="Olen töissä keittiössä. Olen johtanut muutosta kolmessa päiväkodissa."
    )
    mentor.competences.create(organisation=world.org, name="Muutosjohtaminen")
    mentor.competences.create(organisation=world.org, name="Ruokapalvelut")
    banking.index_profile(mentor)
    client.force_login(world.employee.user)
    page = client.get(reverse("bank:bank", args=[world.org.slug]), {"q": "muutoksen"}).content.decode()
    assert "<mark>Muutosjohtaminen</mark>, Ruokapalvelut" in page
    assert "… Olen johtanut <mark>muutosta</mark> kolmessa päiväkodissa. …" in page
    assert "keittiössä" not in page  # only the sentence that matched


def test_a_one_letter_mistake_in_a_long_word_still_finds(world):
    mentor = MentorProfileFactory(employee=world.colleague, introduction="Autan perehdytyksessä.")
    mentor.competences.create(organisation=world.org, name="Varhaiskasvatus")
    banking.index_profile(mentor)
    for typo in ("varhaiskasvtus", "varhaiskasvatsu", "perehdytksessä"):
        assert mentor in search(world.employee, text=typo), typo
    assert mentor not in search(world.employee, text="vrhaiskasvtus")  # two mistakes
    assert mentor not in search(world.employee, text="tito")  # short words must be spelt right
