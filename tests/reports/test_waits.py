"""How long mentees waited from application to match, in bands (the supply section and its chart)."""

import datetime

from django.db.models import Q
from django.utils import timezone, translation

from mentorbank.applications.models import Application
from mentorbank.matching.models import Match
from mentorbank.reports.figures import waits_to_match

from ..factories import EmployeeFactory, ProgrammeFactory


def test_each_match_falls_in_the_band_of_its_wait_and_a_band_ends_on_its_last_day(world):
    programme = ProgrammeFactory(owner=world.org)
    mentor = Application.objects.create(
        programme=programme, employee=world.colleague, role="mentor", goals="x", consent_at=timezone.now()
    )
    now = timezone.now()
    waits = [
        datetime.timedelta(hours=5),
        datetime.timedelta(days=7),  # the last day of the first week
        datetime.timedelta(days=7, hours=1),
        datetime.timedelta(days=28),
        datetime.timedelta(days=60),
        datetime.timedelta(days=91, minutes=1),
        datetime.timedelta(days=400),
    ]
    for wait in waits:
        mentee = Application.objects.create(
            programme=programme,
            employee=EmployeeFactory(organisation=world.org),
            role="mentee",
            goals="y",
            consent_at=now,
        )
        Application.objects.filter(pk=mentee.pk).update(created_at=now - wait)
        Match.objects.create(programme=programme, mentee=mentee, mentor=mentor, created_at=now)
    with translation.override("en"):
        found = waits_to_match(Application.objects.all(), Q(role="mentee"))
    mean, mentees, bands = found["mean"], found["mentees"], found["bands"]
    assert [(band["band"], band["mentees"]) for band in bands] == [
        ("Within a week", 2),
        ("1–4 weeks", 2),
        ("1–3 months", 1),
        ("Over 3 months", 2),
    ]
    assert mentees == 7
    assert abs(mean - sum(waits, datetime.timedelta()) / 7) < datetime.timedelta(seconds=1)
