"""Reminders: each kind is sent when due, in the recipient's language, and never twice."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from mentorbank.mentorships import reminders
from mentorbank.mentorships.models import Agreement, Approval, Meeting, MeetingTime, Mentorship

from ..factories import ProgrammeFactory, colleague_mentors_employee


@pytest.fixture
def pair(world):
    programme = ProgrammeFactory(
        owner=world.org,
        state="running",
        working_time_minutes=90,
        working_time_period="month",
        checkpoint_after_meetings=1,
    )
    return colleague_mentors_employee(world, programme)


def subjects_to(email):
    return [m.subject for m in mail.outbox if m.to == [email]]


def test_each_kind_is_sent_once_when_due(world, pair, run_tasks):
    world.employee.user.language = "sv"
    world.employee.user.save()
    now = timezone.now()
    Agreement.objects.filter(mentorship=pair).update(created_at=now - datetime.timedelta(days=4))
    Meeting.objects.create(mentorship=pair, starts_at=now + datetime.timedelta(hours=20), minutes=60, place="Kirjasto")
    with run_tasks():
        first = reminders.send_due(now)
        second = reminders.send_due(now)
    assert first["agreements_waiting"] == 2 and first["meetings_tomorrow"] == 2
    assert sum(second.values()) == 0  # a rerun sends nothing again
    swedish = subjects_to(world.employee.email)
    assert "Ditt mentorskapsavtal väntar på dig" in swedish
    assert any(s.startswith("Mentorskapsmöte") for s in swedish)
    assert any(s.startswith("Mentorointitapaaminen") for s in subjects_to(world.colleague.email))


def test_approvals_limits_checkpoints_and_endings(world, pair, run_tasks):
    now = timezone.now()
    agreement = pair.agreements.get()
    agreement.goals = {str(world.employee.pk): ["Tavoite"]}
    agreement.state = Agreement.APPROVING
    agreement.save()
    agreement.acceptances.create(employee=world.employee, accepted_at=now - datetime.timedelta(days=5))
    Approval.objects.create(
        agreement=agreement,
        kind="supervisor",
        participant=world.employee,
        approver=world.supervisor,
        organisation=world.org,
    )
    held = Meeting.objects.create(
        mentorship=pair, starts_at=now - datetime.timedelta(hours=3), minutes=80, state="held"
    )
    MeetingTime.objects.create(meeting=held, employee=world.employee, minutes=80)
    Mentorship.objects.filter(pk=pair.pk).update(
        state=Mentorship.ACTIVE, ends_on=timezone.localdate() + datetime.timedelta(days=20)
    )
    with run_tasks():
        sent = reminders.send_due(now)
        call_command("send_reminders", verbosity=0)  # the hourly command: nothing new
    assert sent["approvals_waiting"] == 1 and world.supervisor.email in {m.to[0] for m in mail.outbox}
    same_month = timezone.localtime(held.starts_at).month == timezone.localtime(now).month
    assert sent["limits_near"] == (1 if same_month else 0)
    assert sent["checkpoints_unanswered"] == 2 and sent["agreements_ending"] == 2
    assert len(mail.outbox) == sum(sent.values())
