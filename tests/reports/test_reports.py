"""Reports: coverage, supply and demand, activity — right figures, constant queries, own organisation only."""

import datetime

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentorbank.matching.models import Match
from mentorbank.mentorships import services
from mentorbank.mentorships.models import Meeting, MeetingTime, Member, Mentorship
from mentorbank.programmes.models import Application

from ..factories import EmployeeFactory, ProgrammeFactory

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def pair_in(world, programme, mentor, mentee):
    mentorship = services.create_mentorship(
        organisation=world.org,
        programme=programme,
        format="pair",
        source="matching",
        members=[(mentor, Member.MENTOR), (mentee, Member.MENTEE)],
        actor=None,
        announce=False,
    )
    Mentorship.objects.filter(pk=mentorship.pk).update(state=Mentorship.ACTIVE, started_on=timezone.localdate())
    meeting = Meeting.objects.create(
        mentorship=mentorship, starts_at=timezone.now() - datetime.timedelta(hours=2), minutes=90, state="held"
    )
    MeetingTime.objects.create(meeting=meeting, employee=mentee, minutes=90)
    MeetingTime.objects.create(meeting=meeting, employee=mentor, minutes=90)
    return mentorship


@pytest.fixture
def programme(world):
    return ProgrammeFactory(owner=world.org, state="running")


def test_coverage_activity_and_supply_add_up(world, programme, login):
    pair_in(world, programme, world.colleague, world.employee)
    for employee, role in ((world.employee, "mentee"), (world.colleague, "mentor"), (world.supervisor, "mentee")):
        application = Application.objects.create(
            programme=programme, employee=employee, role=role, goals="x", consent_at=timezone.now()
        )
        if employee == world.employee:
            mentee_application = application
        if employee == world.colleague:
            mentor_application = application
    Match.objects.create(programme=programme, mentee=mentee_application, mentor=mentor_application)
    page = login(world.hr).get(reverse("reports:reports", args=[world.org.slug]), **EN).content.decode()
    staff = world.org.employees.count()
    assert f"2 of {staff} staff took part" in page
    assert "<dt>Mentee applications</dt><dd>2</dd>" in page and "<dt>Mentees matched</dt><dd>1 (50.0 %)</dd>" in page
    assert "<dt>Meetings held</dt><dd>1</dd>" in page and "<dt>Hours of working time</dt><dd>3.0</dd>" in page
    csv_text = (
        login(world.hr).get(reverse("reports:reports", args=[world.org.slug]), {"format": "csv"}).content.decode()
    )
    assert csv_text.startswith("group;name;staff;taking_part;share_percent")


def test_the_reports_page_makes_the_same_queries_for_more_data(world, programme, login):
    client = login(world.hr)
    url = reverse("reports:reports", args=[world.org.slug])
    pair_in(world, programme, world.colleague, world.employee)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for _ in range(6):
        mentee = EmployeeFactory(organisation=world.org, unit=world.employee.unit)
        mentor = EmployeeFactory(organisation=world.org, unit=world.hr.unit)
        pair_in(world, programme, mentor, mentee)
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(small) == len(large)


def test_only_hr_and_admins_of_the_organisation_see_reports(world, programme, login):
    url = reverse("reports:reports", args=[world.org.slug])
    for person, status in (
        (world.hr, 200),
        (world.admin, 200),
        (world.supervisor, 403),
        (world.employee, 403),
        (world.other_hr, 404),
    ):
        assert login(person).get(url).status_code == status, person


@override_settings(SURVEY_MIN_RESPONDENTS=3)
def test_outcomes_compare_cohorts_and_leave_out_small_ones(world, login):
    from mentorbank.surveys import services as survey_services
    from mentorbank.surveys.models import Answer, Response

    def answered(programme, count, scale):
        survey = survey_services.surveys_of(programme)[4]  # follow-up for mentees
        first = survey.questions.filter(kind="scale").first()
        for _ in range(count):
            response = Response.objects.create(survey=survey, unit_id=world.employee.unit_id)
            Answer.objects.create(response=response, question=first, scale=scale)
        return first

    big = ProgrammeFactory(owner=world.org, name_fi="Kohortti 5")
    small = ProgrammeFactory(owner=world.org, name_fi="Kohortti 6")
    question = answered(big, 4, 5)
    answered(small, 2, 1)
    page = login(world.hr).get(reverse("reports:reports", args=[world.org.slug]), **EN).content.decode()
    page = page[page.index('id="outcomes"') :]
    assert "Kohortti 5" in page and "Kohortti 6" not in page
    assert question.text_en in page and "5.0" in page
