"""A mentorship's course: pause, resume, complete, end early, continue, people joining and leaving groups."""

import pytest
from django.core import mail
from django.urls import reverse

from mentorbank.mentorships import services
from mentorbank.mentorships.models import Agreement, Mentorship

from ..factories import EmployeeFactory, ProgrammeFactory, mentorship_of


@pytest.fixture
def group(world):
    programme = ProgrammeFactory(owner=world.org, state="running")
    extra = EmployeeFactory(organisation=world.org, unit=world.employee.unit, last_name="Kolmas")
    mentorship = mentorship_of(world.org, world.employee, world.colleague, others=[extra], programme=programme)
    mentorship.extra = extra
    return mentorship


def url(name, mentorship, *args):
    return reverse(f"mentorships:{name}", args=[mentorship.organisation.slug, mentorship.pk, *args])


def approve_everything(mentorship):
    agreement = services.current_agreement(mentorship)
    for member in mentorship.members.current():
        agreement.goals[str(member.employee_id)] = ["Tavoite"]
    agreement.save()
    services.finish_approval(agreement)
    mentorship.refresh_from_db()


def test_participants_pause_resume_and_end_early_with_a_reason(world, group, login, run_tasks):
    approve_everything(group)
    client = login(world.employee)
    client.post(url("state", group, "pause"))
    group.refresh_from_db()
    assert group.state == Mentorship.PAUSED
    client.post(url("state", group, "resume"))
    group.refresh_from_db()
    assert group.state == Mentorship.ACTIVE
    client.post(url("state", group, "end"))  # no reason: refused
    group.refresh_from_db()
    assert group.state == Mentorship.ACTIVE
    mail.outbox.clear()
    with run_tasks():
        client.post(url("state", group, "end"), {"reason": "Siirryn toiseen työhön"})
    group.refresh_from_db()
    assert group.state == Mentorship.ENDED and group.end_reason == "Siirryn toiseen työhön"
    assert len(mail.outbox) == 3 and all("Siirryn toiseen työhön" in m.body for m in mail.outbox)
    assert client.post(url("state", group, "resume")).status_code == 302
    group.refresh_from_db()
    assert group.state == Mentorship.ENDED  # an ended mentorship stays ended


def test_supervisors_cannot_steer_and_the_coordinator_can(world, group, login):
    approve_everything(group)
    assert login(world.supervisor).post(url("state", group, "pause")).status_code == 403
    login(world.hr).post(url("state", group, "pause"))
    group.refresh_from_db()
    assert group.state == Mentorship.PAUSED
    assert login(world.other_hr).post(url("state", group, "resume")).status_code == 404


def test_continuing_makes_a_version_for_the_next_period(world, group, login):
    approve_everything(group)
    first = services.current_agreement(group)
    login(world.employee).post(url("continue", group))
    second = services.current_agreement(group)
    assert second.version == 2 and second.state == Agreement.ACCEPTING
    assert second.starts_on == first.ends_on + __import__("datetime").timedelta(days=1)
    assert (second.ends_on - second.starts_on).days in range(364, 367)
    first.refresh_from_db()
    assert first.state == Agreement.APPROVED  # the approved period stays in the history


def test_people_join_and_leave_a_group_and_the_history_stays(world, group, login):
    newcomer = EmployeeFactory(organisation=world.org, unit=world.employee.unit, last_name="Uusi")
    assert login(world.employee).get(url("member_add", group)).status_code == 403
    client = login(world.hr)
    assert f'value="{newcomer.pk}"' not in client.get(url("member_add", group)).content.decode()  # no list of all
    found = client.get(url("member_add", group), {"q": "Uusi"}).content.decode()
    assert f'value="{newcomer.pk}"' in found and f'value="{world.hr.pk}"' not in found
    client.post(url("member_add", group) + "?q=Uusi", {"employee": newcomer.pk, "role": "mentee"})
    assert group.members.current().filter(employee=newcomer).exists()
    assert services.current_agreement(group).version == 2
    extra_member = group.members.get(employee=group.extra)
    login(group.extra).post(url("leave", group, extra_member.pk))
    extra_member.refresh_from_db()
    assert extra_member.left_at is not None and group.members.count() == 4
    assert login(group.extra).get(url("detail", group)).status_code == 404  # left: no longer sees it
    mentor_member = group.members.get(employee=world.colleague)
    assert login(world.employee).post(url("leave", group, mentor_member.pk)).status_code == 403
    login(world.hr).post(url("leave", group, mentor_member.pk))
    group.refresh_from_db()
    assert group.state == Mentorship.ENDED  # no mentor left


def test_an_approved_mentor_bank_request_becomes_a_mentorship_and_ending_frees_the_mentor(world, login):

    from mentorbank.bank import banking
    from mentorbank.bank.models import MentorRequest

    from ..factories import MentorProfileFactory

    boss = EmployeeFactory(organisation=world.org, unit=world.colleague.unit)
    world.colleague.supervisor = boss
    world.colleague.save()
    profile = MentorProfileFactory(employee=world.colleague, capacity=1)
    item = banking.request_send(mentee=world.employee, mentor=profile, message="Hei", actor=None)
    banking.request_answer(mentor_request=item, accept=True, answer="Mielelläni", actor=None)
    banking.request_supervisor_decide(mentor_request=item, supervisor=world.supervisor, approve=True, actor=None)
    assert not Mentorship.objects.exists()  # the mentor's supervisor has not approved yet
    banking.request_supervisor_decide(mentor_request=item, supervisor=boss, approve=True, actor=None)
    mentorship = Mentorship.objects.get()
    assert (mentorship.source, mentorship.format, mentorship.bank_request_id) == ("bank", "individual", item.pk)
    agreement = mentorship.agreements.get()
    agreement.goals = {str(world.employee.pk): ["Tavoite"]}
    agreement.save()
    for person in (world.employee, world.colleague):
        services.accept(agreement=agreement, employee=person, actor=person.user)
    mentorship.refresh_from_db()
    assert mentorship.state == Mentorship.ACTIVE  # the supervisors' bank approvals carried over
    assert MentorRequest.objects.holding_capacity().count() == 1
    login(world.employee).post(url("state", mentorship, "end"), {"reason": "Muutin toiselle paikkakunnalle"})
    assert MentorRequest.objects.holding_capacity().count() == 0
