"""Substitutes (seed 000: meetings on working time with substitutes arranged): the supervisor hears
by e-mail, is reminded two working days before an undecided meeting, and records who stood in and
the hours they actually worked, which the reports then count."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from mentorbank.mentorships import meetings, reminders
from mentorbank.mentorships.models import Meeting, SubstituteRequest
from mentorbank.reports.figures import Filters, activity

from ..factories import ProgrammeFactory, mentorship_of

pytestmark = pytest.mark.django_db
HELSINKI = datetime.timezone(datetime.timedelta(hours=2))


@pytest.fixture
def pair(world):
    programme = ProgrammeFactory(owner=world.org, state="running", substitutes_arranged=True)
    mentorship = mentorship_of(world.org, world.employee, world.colleague, programme=programme, state="active")
    return mentorship


def test_the_supervisor_is_told_once_of_a_series_by_email(world, pair, run_tasks, mailoutbox):
    first = timezone.make_aware(datetime.datetime(2031, 3, 3, 10))
    with run_tasks():
        meetings.plan(
            mentorship=pair, first=first, minutes=90, every_weeks=2, count=3, place="", actor=world.employee.user
        )
    to_supervisor = [m for m in mailoutbox if m.to == [world.supervisor.email]]
    assert len(to_supervisor) == 1 and to_supervisor[0].body.count(world.employee.full_name) == 3


def test_an_undecided_substitute_reminds_two_working_days_before(world, pair, run_tasks, mailoutbox):
    # a meeting on Monday 8 March 2027: two working days before is Thursday 4 March
    meeting = Meeting.objects.create(
        mentorship=pair, starts_at=datetime.datetime(2027, 3, 8, 10, tzinfo=HELSINKI), minutes=90
    )
    SubstituteRequest.objects.create(meeting=meeting, employee=world.employee, supervisor=world.supervisor)
    with time_machine.travel(datetime.datetime(2027, 3, 3, 12, tzinfo=HELSINKI), tick=False), run_tasks():
        assert reminders.send_due()["substitutes_undecided"] == 0
    with time_machine.travel(datetime.datetime(2027, 3, 4, 8, tzinfo=HELSINKI), tick=False), run_tasks():
        assert reminders.send_due()["substitutes_undecided"] == 1
        assert reminders.send_due()["substitutes_undecided"] == 0, "never twice"
    reminded = [m for m in mailoutbox if m.to == [world.supervisor.email]]
    assert len(reminded) == 1 and world.employee.full_name in reminded[0].body


def test_working_days_skip_weekends_and_public_holidays():
    assert meetings.working_days_before(datetime.date(2027, 3, 8), 2) == datetime.date(2027, 3, 4)
    # Easter 2027: Good Friday 26 March and Easter Monday 29 March are holidays
    assert meetings.working_days_before(datetime.date(2027, 3, 30), 2) == datetime.date(2027, 3, 24)


def test_the_supervisor_records_the_substitute_and_the_hours_worked(world, pair, login):
    meeting = Meeting.objects.create(
        mentorship=pair, starts_at=timezone.now() - datetime.timedelta(days=1), minutes=90, state="held"
    )
    item = SubstituteRequest.objects.create(meeting=meeting, employee=world.employee, supervisor=world.supervisor)
    client = login(world.supervisor)
    url = reverse("mentorships:substitute", args=[world.org.slug, item.pk])
    response = client.post(
        url,
        {"state": "arranged", "substitute_name": "Sanni Sijainen", "substitute_hours": "2,5"},
        HTTP_ACCEPT_LANGUAGE="fi",
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.state, item.substitute_name, item.substitute_minutes) == ("arranged", "Sanni Sijainen", 150)
    today = timezone.localdate()
    filters = Filters(organisation=world.org, start=today - datetime.timedelta(days=7), end=today)
    assert activity(filters)["substitute_hours"] == 2.5, "the hours worked, not the meeting's 1.5"
    page = client.get(reverse("home:home", args=[world.org.slug]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Sanni Sijainen" in page and "150 min worked" in page
    client.post(url, {"state": "arranged", "substitute_name": "Sanni Sijainen", "substitute_hours": "-1"})
    item.refresh_from_db()
    assert item.substitute_minutes == 150, "a negative number is refused, nothing lost"
