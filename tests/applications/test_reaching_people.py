"""Reaching people without a person remembering: an opened programme announced once to everyone
eligible (in batches, each in their own language, opt-out respected), new starters invited once,
and HR's lists of new starters and of alumni who joined the bank."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from mentorbank.applications import announcements
from mentorbank.applications.models import Announcement, Application, NewStarterInvitation
from mentorbank.bank.models import MentorProfile
from mentorbank.programmes.models import Programme

from ..factories import EmployeeFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def opened(world):
    today = timezone.localdate()
    programme = ProgrammeFactory(
        owner=world.org,
        state="open",
        name_fi="Uusi ohjelma",
        name_sv="Nytt program",
        application_closes=today + datetime.timedelta(days=20),
    )
    return programme


def test_the_coordinator_previews_then_announces_once(world, opened, login, run_tasks, mailoutbox):
    swede = world.colleague.user
    swede.language = "sv"
    swede.save()
    quiet = world.supervisor.user
    quiet.announcements_opt_out = True
    quiet.save()
    Application.objects.create(
        programme=opened, employee=world.admin, role="mentee", goals="x", consent_at=timezone.now()
    )
    expected = world.org.employees.count() - 2  # not the one who opted out, not the one who applied
    client = login(world.hr)
    url = reverse("applications:announce", args=[world.org.slug, opened.pk])
    page = client.get(url, **EN).content.decode()
    assert f"goes by e-mail to {expected} people" in page and "Uusi ohjelma" in page and "Preview" in page
    assert not Announcement.objects.exists(), "a preview sends nothing"
    with run_tasks():
        client.post(url, {"message": "Tervetuloa mukaan!", "confirm": "send"})
    announcement = Announcement.objects.get()
    assert (announcement.recipients, announcement.sent) == (expected, expected) and announcement.finished_at
    recipients = {m.to[0]: m for m in mailoutbox}
    assert world.supervisor.email not in recipients and world.admin.email not in recipients
    assert "Nytt program" in recipients[world.colleague.email].subject, "in the reader's own language"
    assert "Tervetuloa mukaan!" in recipients[world.employee.email].body
    with run_tasks():
        client.post(url, {"message": "", "confirm": "send"})
    assert len(mailoutbox) == expected, "announced once"


def test_batches_resume_where_they_stopped(world, opened):
    for _ in range(5):
        EmployeeFactory(organisation=world.org, unit=world.employee.unit)
    # its task, queued after the commit, never runs here: as if the worker lost it
    announcement = announcements.announce(programme=opened, message="", actor=world.hr.user)
    assert announcements.send_batch(announcement.pk, size=3) == 3
    Announcement.objects.filter(pk=announcement.pk).update(created_at=timezone.now() - datetime.timedelta(hours=1))
    assert announcements.resume_unfinished() == announcement.recipients - 3, "the scheduler finishes the rest"
    assert announcements.resume_unfinished() == 0


def test_only_an_open_programme_with_people_to_tell_is_announced(world, opened):
    opened.state = Programme.DRAFT
    opened.save()
    with pytest.raises(announcements.AnnouncementRefused):
        announcements.announce(programme=opened, message="", actor=world.hr.user)


def test_people_turn_announcements_off_themselves(world, login):
    client = login(world.employee)
    client.post(reverse("accounts:preferences"), {"announcements_opt_out": "on"})
    world.employee.user.refresh_from_db()
    assert world.employee.user.announcements_opt_out


def test_new_starters_are_invited_once_and_hr_sees_who_joined(world, opened, login, run_tasks, mailoutbox):
    today = timezone.localdate()
    newcomer = EmployeeFactory(
        organisation=world.org, unit=world.employee.unit, start_date=today - datetime.timedelta(days=30)
    )
    joined = EmployeeFactory(
        organisation=world.org, unit=world.employee.unit, start_date=today - datetime.timedelta(days=60)
    )
    EmployeeFactory(organisation=world.org, unit=world.employee.unit, start_date=today - datetime.timedelta(days=400))
    with run_tasks():
        assert announcements.invite_new_starters() == 2
        assert announcements.invite_new_starters() == 0, "one invitation each"
    mail = {m.to[0]: m for m in mailoutbox}
    assert set(mail) == {newcomer.email, joined.email} and "Uusi ohjelma" in mail[newcomer.email].body
    Application.objects.create(programme=opened, employee=joined, role="mentee", goals="x", consent_at=timezone.now())
    page = login(world.hr).get(reverse("home:new_starters", args=[world.org.slug]), **EN).content.decode()
    assert newcomer.full_name in page and "Applied to a programme" in page
    assert NewStarterInvitation.objects.count() == 2


def test_hr_sees_which_alumni_joined_the_bank(world, login):
    closed = ProgrammeFactory(owner=world.org, state="closed", name_fi="Kohortti 4", closed_at=timezone.now())
    for person in (world.employee, world.colleague):
        Application.objects.create(
            programme=closed, employee=person, role="mentee", goals="x", consent_at=timezone.now()
        )
    MentorProfile.objects.create(employee=world.colleague, introduction="Nyt mentorina")
    page = login(world.hr).get(reverse("home:alumni", args=[world.org.slug]), **EN).content.decode()
    assert "1 of 2 alumni have joined the bank." in page and world.colleague.full_name in page
