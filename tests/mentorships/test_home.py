"""Home pages: the participant's, the supervisor's and HR's views of mentoring."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentorbank.mentorships.models import Meeting, MeetingTime, Mentorship, SubstituteRequest

from ..factories import EmployeeFactory, ProgrammeFactory, mentorship_of

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def programme(world):
    return ProgrammeFactory(owner=world.org, state="running", working_time_minutes=90, working_time_period="month")


def mentorship_for(world, programme, mentee, mentor=None):
    mentor = mentor or EmployeeFactory(organisation=world.org, unit=world.hr.unit)
    return mentorship_of(world.org, mentee, mentor, programme=programme, state=Mentorship.ACTIVE)


def home(client):
    return client.get(reverse("home:home", args=["esimerkkila"]), **EN)


def test_the_participant_sees_the_next_meeting_goals_and_time_left(world, programme, login):
    mentorship = mentorship_for(world, programme, world.employee)
    agreement = mentorship.agreements.get()
    agreement.goals = {str(world.employee.pk): ["Opin perehdyttämään"]}
    agreement.save()
    soon = timezone.now() + datetime.timedelta(days=2)
    Meeting.objects.create(mentorship=mentorship, starts_at=soon, minutes=30, place="Kahvio")
    held = Meeting.objects.create(
        mentorship=mentorship, starts_at=timezone.now() - datetime.timedelta(minutes=90), minutes=45, state="held"
    )
    MeetingTime.objects.create(meeting=held, employee=world.employee, minutes=45)
    page = home(login(world.employee)).content.decode()
    assert "Kahvio" in page and "Opin perehdyttämään" in page
    same_month = timezone.localtime(soon).month == timezone.localtime(held.starts_at).month
    if same_month:
        assert "15 of 90 minutes of working time left" in page


def test_the_supervisor_sees_staff_time_approvals_substitutes_in_constant_queries(world, programme, login):
    client = login(world.supervisor)

    def grow(count):
        for _ in range(count):
            person = EmployeeFactory(organisation=world.org, unit=world.employee.unit, supervisor=world.supervisor)
            mentorship = mentorship_for(world, programme, person)
            meeting = Meeting.objects.create(
                mentorship=mentorship, starts_at=timezone.now() + datetime.timedelta(days=3), minutes=60
            )
            SubstituteRequest.objects.create(meeting=meeting, employee=person, supervisor=world.supervisor)

    grow(2)
    home(client)  # the first visit remembers the organisation on the account: one write not repeated
    with CaptureQueriesContext(connection) as small:
        page = home(client).content.decode()
    assert "2 of your staff take part." in page and "Substitutes needed" in page
    grow(12)
    with CaptureQueriesContext(connection) as large:
        page = home(client).content.decode()
    assert "14 of your staff take part." in page
    assert len(small) == len(large), (len(small), len(large))
    assert "60 / 90 min" in page or "0 / 90 min" in page


def test_a_supervisor_marks_a_substitute_arranged(world, programme, login):
    mentorship = mentorship_for(world, programme, world.employee)
    meeting = Meeting.objects.create(
        mentorship=mentorship, starts_at=timezone.now() + datetime.timedelta(days=1), minutes=60
    )
    item = SubstituteRequest.objects.create(meeting=meeting, employee=world.employee, supervisor=world.supervisor)
    url = reverse("mentorships:substitute", args=[world.org.slug, item.pk])
    assert login(world.colleague).post(url, {"state": "arranged"}).status_code == 403
    login(world.supervisor).post(url, {"state": "arranged"})
    item.refresh_from_db()
    assert item.state == "arranged"


def test_hr_sees_mentorships_by_state_and_agreements_waiting(world, programme, login):
    mentorship_for(world, programme, world.employee)
    page = home(login(world.hr)).content.decode()
    assert "Mentorships by state" in page
    assert "<tr><td>Active</td><td>1</td></tr>" in page and "<tr><td>Paused</td><td>0</td></tr>" in page
