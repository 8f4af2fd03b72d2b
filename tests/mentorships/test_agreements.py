"""The written agreement: goals, acceptance by everyone, approvals, versions, sending back; who sees what."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from mentorbank.mentorships import services
from mentorbank.mentorships.models import Agreement, Approval, Mentorship
from mentorbank.organisations.models import OrganisationRole

from ..factories import EmployeeFactory, ProgrammeFactory, RoleFactory, mentorship_of

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def pair(world):
    programme = ProgrammeFactory(owner=world.org, state="running", working_time_minutes=90, working_time_period="month")
    boss = EmployeeFactory(organisation=world.org, unit=world.employee.unit, last_name="Pomo")
    mentor = EmployeeFactory(organisation=world.org, unit=world.employee.unit, supervisor=boss, last_name="Mentori")
    mentorship = mentorship_of(
        world.org, world.employee, mentor, programme=programme, actor=world.hr.user, announce=True
    )
    mentorship.mentor, mentorship.boss = mentor, boss
    return mentorship


def url(name, mentorship, *args):
    return reverse(f"mentorships:{name}", args=[mentorship.organisation.slug, mentorship.pk, *args])


def agreement_data(agreement, goals, **changes):
    data = {
        "starts_on": agreement.starts_on.isoformat(),
        "ends_on": agreement.ends_on.isoformat(),
        "meeting_every_weeks": agreement.meeting_every_weeks,
        "meeting_minutes": agreement.meeting_minutes,
        "meeting_form": agreement.meeting_form,
        "meeting_place": agreement.meeting_place,
        "working_time": agreement.working_time,
        "confidentiality": agreement.confidentiality,
        "ending": agreement.ending,
        **goals,
    }
    data.update(changes)
    return data


def test_the_first_agreement_is_drafted_from_the_programme_in_the_organisations_language(world, pair, run_tasks):
    agreement = pair.agreements.get()
    assert agreement.version == 1 and agreement.state == Agreement.ACCEPTING
    assert "90" in agreement.working_time and "kuukaudessa" in agreement.working_time
    assert (agreement.ends_on - agreement.starts_on).days in range(365, 367)
    with run_tasks():
        mentorship_of(
            world.org, world.admin, world.colleague, programme=None, format="individual", source="bank", announce=True
        )
    assert {m.to[0] for m in mail.outbox} == {world.colleague.email, world.admin.email}


def test_a_pair_agrees_and_both_supervisors_approve_then_it_is_active(world, pair, login, run_tasks):
    agreement = pair.agreements.get()
    goal = {f"goal_{world.employee.pk}_1": "Opin johtamaan muutosta"}
    client = login(world.employee)
    response = client.post(url("agreement_edit", pair), agreement_data(agreement, goal))
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.version == 1 and agreement.goals == {str(world.employee.pk): ["Opin johtamaan muutosta"]}
    client.post(url("accept", pair))
    mail.outbox.clear()
    with run_tasks():
        login(pair.mentor).post(url("accept", pair))
    agreement.refresh_from_db()
    assert agreement.state == Agreement.APPROVING
    assert {m.to[0] for m in mail.outbox} == {world.supervisor.email, pair.boss.email}
    approvals = {a.approver_id: a for a in agreement.approvals.all()}
    assert set(approvals) == {world.supervisor.pk, pair.boss.pk}
    # one supervisor cannot give the other's approval
    other = approvals[pair.boss.pk]
    assert login(world.supervisor).post(url("approve", pair, other.pk)).status_code == 403
    login(world.supervisor).post(url("approve", pair, approvals[world.supervisor.pk].pk))
    with run_tasks():
        login(pair.boss).post(url("approve", pair, other.pk))
    pair.refresh_from_db()
    assert pair.state == Mentorship.ACTIVE and pair.started_on == agreement.starts_on
    printable = login(world.employee).get(url("print", pair), **EN).content.decode()
    assert "Opin johtamaan muutosta" in printable and printable.count("approved (") == 2


def test_a_change_after_acceptance_is_a_new_version_that_everyone_accepts_again(world, pair, login):
    agreement = pair.agreements.get()
    goal = {f"goal_{world.employee.pk}_1": "Tavoite"}
    client = login(world.employee)
    client.post(url("agreement_edit", pair), agreement_data(agreement, goal))
    client.post(url("accept", pair))
    login(pair.mentor).post(url("agreement_edit", pair), agreement_data(agreement, goal, meeting_minutes=90))
    versions = list(pair.agreements.order_by("version").values_list("version", "state", "meeting_minutes"))
    assert versions == [(1, Agreement.SUPERSEDED, 60), (2, Agreement.ACCEPTING, 90)]
    assert not services.current_agreement(pair).acceptances.exists()
    assert pair.agreements.get(version=1).acceptances.count() == 1  # the history stays


def test_accepting_needs_a_goal_for_each_mentee(world, pair, login):
    client = login(world.employee)
    response = client.post(url("accept", pair), **EN)
    assert response.status_code == 302 and not services.current_agreement(pair).acceptances.exists()


def test_a_supervisor_sends_it_back_with_a_reason_and_a_new_version_follows(world, pair, login, run_tasks):
    agreement = pair.agreements.get()
    goal = {f"goal_{world.employee.pk}_1": "Tavoite"}
    login(world.employee).post(url("agreement_edit", pair), agreement_data(agreement, goal))
    for person in (world.employee, pair.mentor):
        login(person).post(url("accept", pair))
    mail.outbox.clear()
    with run_tasks():
        login(world.supervisor).post(url("send_back", pair), {"reason": "Liian usein kiireaikaan"})
    agreement.refresh_from_db()
    assert agreement.state == Agreement.RETURNED and agreement.returned_reason == "Liian usein kiireaikaan"
    assert {m.to[0] for m in mail.outbox} == {world.employee.email, pair.mentor.email}
    login(world.employee).post(url("agreement_edit", pair), agreement_data(agreement, goal, meeting_every_weeks=6))
    assert services.current_agreement(pair).version == 2


def test_hr_approves_where_the_programme_says_so(world, pair, login):
    pair.programme.hr_approves_participation = True
    pair.programme.save()
    agreement = pair.agreements.get()
    login(world.employee).post(
        url("agreement_edit", pair), agreement_data(agreement, {f"goal_{world.employee.pk}_1": "T"})
    )
    for person in (world.employee, pair.mentor):
        login(person).post(url("accept", pair))
    hr_approval = agreement.approvals.get(kind=Approval.HR)
    for approval in agreement.approvals.filter(kind=Approval.SUPERVISOR):
        login(approval.approver).post(url("approve", pair, approval.pk))
    pair.refresh_from_db()
    assert pair.state == Mentorship.AGREEING  # HR has not approved yet
    login(world.hr).post(url("approve", pair, hr_approval.pk))
    pair.refresh_from_db()
    assert pair.state == Mentorship.ACTIVE


def test_only_participants_their_supervisors_and_hr_see_a_mentorship(world, pair, login):
    other_supervisor = EmployeeFactory(organisation=world.org, unit=world.employee.unit)
    EmployeeFactory(organisation=world.org, unit=world.employee.unit, supervisor=other_supervisor)
    stranger = EmployeeFactory(organisation=world.org, unit=world.employee.unit)
    mentorship_of(world.org, stranger, world.colleague, programme=pair.programme, announce=True)
    for person in (world.employee, pair.mentor, world.supervisor, pair.boss, world.hr):
        client = login(person)
        assert client.get(url("detail", pair)).status_code == 200, person
        assert client.get(url("print", pair)).status_code == 200, person
    for person in (other_supervisor, world.colleague, stranger, world.admin, world.other_hr):
        client = login(person)
        for name in ("detail", "print", "agreement_edit"):
            assert client.get(url(name, pair)).status_code in (403, 404), (person, name)
        assert client.post(url("accept", pair)).status_code in (403, 404)
        assert client.post(url("send_back", pair), {"reason": "x"}).status_code in (403, 404)
    # supervisors and HR read the agreement but never edit or accept it
    for person in (world.supervisor, world.hr):
        assert login(person).get(url("agreement_edit", pair)).status_code == 403


def test_a_supervisor_sees_only_their_own_staffs_goals_in_a_group(world, login):
    programme = ProgrammeFactory(owner=world.org, state="running")
    other = EmployeeFactory(organisation=world.org, unit=world.employee.unit, last_name="Muu")
    group = mentorship_of(
        world.org, world.employee, world.colleague, others=[other], programme=programme, announce=True
    )
    agreement = group.agreements.get()
    agreement.goals = {str(world.employee.pk): ["Oma tavoite"], str(other.pk): ["Toisen salainen tavoite"]}
    agreement.save()
    page = login(world.supervisor).get(url("detail", group)).content.decode()
    assert "Oma tavoite" in page and "Toisen salainen tavoite" not in page
    printable = login(world.supervisor).get(url("print", group)).content.decode()
    assert "Oma tavoite" in printable and "Toisen salainen tavoite" not in printable
    assert "Toisen salainen tavoite" in login(world.hr).get(url("detail", group)).content.decode()


def test_the_list_shows_each_viewer_their_mentorships(world, pair, login):
    RoleFactory(organisation=world.other_org, user=world.hr.user, role=OrganisationRole.HR)
    mine = login(world.employee).get(reverse("mentorships:list", args=[world.org.slug])).content.decode()
    assert url("detail", pair) in mine
    assert (
        url("detail", pair)
        not in login(world.colleague).get(reverse("mentorships:list", args=[world.org.slug])).content.decode()
    )
    assert (
        url("detail", pair) in login(world.hr).get(reverse("mentorships:list", args=[world.org.slug])).content.decode()
    )


def test_published_groups_become_one_mentorship_each_with_co_mentors(world):
    from django.utils import timezone

    from mentorbank.applications.models import Application
    from mentorbank.matching.models import Match

    programme = ProgrammeFactory(owner=world.org, state="matching")

    def apply(employee, role):
        return Application.objects.create(
            programme=programme, employee=employee, role=role, goals="x", consent_at=timezone.now()
        )

    mentor, co_mentor = apply(world.colleague, "mentor"), apply(world.admin, "mentor")
    mentees = [apply(e, "mentee") for e in (world.employee, world.hr, world.supervisor)]
    matches = [
        Match.objects.create(programme=programme, mentee=m, mentor=mentor, second_mentor=co_mentor, group=1)
        for m in mentees
    ]
    created = services.create_from_matches(programme=programme, matches=matches, peer=False, actor=None)
    assert len(created) == 1 and created[0].format == "co_mentoring"
    roles = sorted(created[0].members.values_list("employee_id", "role"))
    expected = [(world.colleague.pk, "mentor"), (world.admin.pk, "mentor")] + [
        (e.pk, "mentee") for e in (world.employee, world.hr, world.supervisor)
    ]
    assert roles == sorted(expected)


@pytest.mark.parametrize(
    ("language", "words"), [("fi", "Mentorointisopimuksesi"), ("sv", "Ditt mentorskapsavtal"), ("en", "Your mentoring")]
)
def test_agreement_e_mails_render_in_each_language(world, pair, language, words):
    from django.template.loader import render_to_string
    from django.utils import translation

    agreement = pair.agreements.get()
    approval = Approval(agreement=agreement, kind="supervisor", participant=world.employee, organisation=world.org)
    context = {
        "mentorship": pair,
        "employee": world.employee,
        "agreement": agreement,
        "approval": approval,
        "site_url": "https://mentoripankki.example",
    }
    with translation.override(language):
        subject = render_to_string("notifications/agreement_waiting_subject.txt", context)
        assert subject.strip().startswith(words)
        for name in ("agreement_waiting", "agreement_approval_needed", "agreement_approved", "agreement_returned"):
            body = render_to_string(f"notifications/{name}.txt", context)
            assert f"/mentorships/{pair.pk}/" in body and "{%" not in body


def test_reads_by_supervisors_and_hr_are_audited_and_participants_are_not(world, pair, login):
    from mentorbank.core.models import AuditEvent

    login(world.employee).get(url("detail", pair))
    assert not AuditEvent.objects.filter(action="mentorship.viewed").exists()
    login(world.supervisor).get(url("detail", pair))
    login(world.hr).get(url("print", pair))
    seen = {
        (actor, d["as"], d["mentorship"])
        for actor, d in AuditEvent.objects.filter(action="mentorship.viewed").values_list("actor", "details")
    }
    assert seen == {(world.supervisor.user.pk, "supervisor", pair.pk), (world.hr.user.pk, "hr", pair.pk)}


def test_the_printable_agreement_shows_approvals_carried_over_without_a_decider(world, login):
    """A mentor-bank request's approvals carry over with no one recorded as deciding (this page crashed)."""
    from django.urls import reverse
    from django.utils import timezone

    from mentorbank.mentorships.models import Approval

    from ..factories import ProgrammeFactory, colleague_mentors_employee

    mentorship = colleague_mentors_employee(world, ProgrammeFactory(owner=world.org))
    Approval.objects.create(
        agreement=mentorship.agreements.get(),
        kind=Approval.SUPERVISOR,
        participant=world.employee,
        approver=world.supervisor,
        organisation=world.org,
        state=Approval.APPROVED,
        decided_at=timezone.now(),
    )
    page = login(world.employee).get(
        reverse("mentorships:print", args=[world.org.slug, mentorship.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert page.status_code == 200 and "approved, " in page.content.decode()


def decisions_waiting(html: str) -> int:
    found = re.search(r"(\d+) decisions? waits? for you", html)
    return int(found.group(1)) if found else 0


def test_agreement_approvals_are_on_approvals_and_the_home_page_counts_the_same(world, pair, login):
    """Everything a supervisor or HR must decide is on Approvals, and the home page counts the same things."""
    pair.programme.hr_approves_participation = True
    pair.programme.save()
    agreement = pair.agreements.get()
    goal = {f"goal_{world.employee.pk}_1": "T"}
    login(world.employee).post(url("agreement_edit", pair), agreement_data(agreement, goal))
    for person in (world.employee, pair.mentor):
        login(person).post(url("accept", pair))
    approvals_url = reverse("home:approvals", args=[world.org.slug])
    home_url = reverse("home:home", args=[world.org.slug])
    for approver, names in ((world.supervisor, [world.employee]), (pair.boss, [pair.mentor])):
        client = login(approver)
        page = client.get(approvals_url, **EN).content.decode()
        for person in names:
            assert f"approve the time use of {person.full_name}" in page
        assert decisions_waiting(page) >= 1
        assert decisions_waiting(client.get(home_url, **EN).content.decode()) == decisions_waiting(page)
    client = login(world.hr)
    page = client.get(approvals_url, **EN).content.decode()
    assert "Read and approve the agreement of" in page and pair.mentor.full_name in page
    assert decisions_waiting(page) >= 1
    assert decisions_waiting(client.get(home_url, **EN).content.decode()) == decisions_waiting(page)
    # decided: it leaves both places
    for approval in agreement.approvals.all():
        login(approval.approver or world.hr).post(url("approve", pair, approval.pk))
    page = login(pair.boss).get(approvals_url, **EN).content.decode()
    assert f"approve the time use of {pair.mentor.full_name}" not in page


def test_someone_with_nothing_to_decide_has_no_approvals_page(world, login):
    assert login(world.colleague).get(reverse("home:approvals", args=[world.org.slug])).status_code == 403
