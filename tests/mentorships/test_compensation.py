"""Mentor compensation by the programme's policy, and the payroll export."""

import datetime
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from mentorbank.mentorships import compensation
from mentorbank.mentorships.models import Meeting, Mentorship

from ..factories import EmployeeFactory, ProgrammeFactory, mentorship_of


@pytest.fixture
def programme(world):
    return ProgrammeFactory(
        owner=world.org, state="running", compensation="per_meeting", compensation_euros=Decimal("50")
    )


def led_by(world, programme, mentor, format="pair", mentees=1):
    people = [EmployeeFactory(organisation=world.org, unit=world.employee.unit) for _ in range(mentees)]
    mentorship = mentorship_of(world.org, people[0], mentor, others=people[1:], programme=programme, format=format)
    Mentorship.objects.filter(pk=mentorship.pk).update(state=Mentorship.ACTIVE, started_on=timezone.localdate())
    return mentorship


def test_per_meeting_counts_held_meetings_in_the_period(world, programme):
    mentorship = led_by(world, programme, world.colleague)
    now = timezone.now()
    for days, state in ((1, "held"), (2, "held"), (3, "cancelled"), (400, "held")):
        Meeting.objects.create(
            mentorship=mentorship, starts_at=now - datetime.timedelta(days=days), minutes=60, state=state
        )
    today = timezone.localdate()
    rows = compensation.statement(programme, today - datetime.timedelta(days=30), today)
    assert [(r.employee, r.meetings, r.amount) for r in rows] == [(world.colleague, 2, Decimal("100"))]


def test_per_group_and_lump_sum(world, programme):
    led_by(world, programme, world.colleague, format="group", mentees=3)
    led_by(world, programme, world.colleague)
    today = timezone.localdate()
    programme.compensation = "per_group"
    assert compensation.statement(programme, today, today)[0].amount == Decimal("50")
    programme.compensation = "lump_sum"
    assert compensation.statement(programme, today, today)[0].amount == Decimal("100")
    programme.compensation = "none"
    assert compensation.statement(programme, today, today) == []


@time_machine.travel(datetime.datetime(2027, 3, 3, 12, tzinfo=ZoneInfo("Europe/Helsinki")), tick=False)
def test_coordinators_export_csv_and_xlsx_and_others_cannot(world, programme, login):
    # at noon: a meeting three hours ago is today's (between midnight and 3 am it was yesterday's)
    mentorship = led_by(world, programme, world.colleague)
    Meeting.objects.create(
        mentorship=mentorship, starts_at=timezone.now() - datetime.timedelta(hours=3), minutes=60, state="held"
    )
    url = reverse("mentorships:compensation", args=[world.org.slug, programme.pk])
    today = timezone.localdate().isoformat()
    client = login(world.hr)
    page = client.get(url, {"start": today, "end": today}).content.decode()
    assert world.colleague.full_name in page and "50.00" in page.replace(",", ".")
    csv_text = client.get(url, {"start": today, "end": today, "format": "csv"}).content.decode()
    assert csv_text.splitlines()[1].startswith(f"{world.colleague.personal_id};") and csv_text.splitlines()[1].endswith(
        ";50.00"
    )
    xlsx = client.get(url, {"start": today, "end": today, "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.cell(row=2, column=1).value == world.colleague.personal_id and sheet.cell(row=2, column=8).value == 50
    for person in (world.colleague, world.supervisor, world.admin):
        assert login(person).get(url).status_code == 403
    assert login(world.other_hr).get(url).status_code == 404
