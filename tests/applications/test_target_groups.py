"""Target groups from HR data (seed 001's tacit knowledge from those retiring soon, seed 004's
returners, new starters): a programme may be only for those who started within N months, or only for
those with an HR tag from the import file."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from mentorbank.applications.eligibility import is_eligible
from mentorbank.organisations.models import Employee

from ..factories import ProgrammeFactory
from ..organisations.test_import import csv_file, upload  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db


@time_machine.travel(datetime.datetime(2027, 3, 15, 12, tzinfo=datetime.UTC), tick=False)
def test_new_starters_within_n_months(world):
    programme = ProgrammeFactory(owner=world.org, eligible_started_within_months=6)
    for started, expected in [
        (datetime.date(2027, 3, 1), True),
        (datetime.date(2026, 9, 15), True),
        (datetime.date(2026, 9, 14), False),
        (None, False),
    ]:
        world.employee.start_date = started
        assert is_eligible(programme, world.employee) is expected, started


def test_an_hr_tag_from_the_import_file_targets_a_programme(world, upload):  # noqa: F811
    header = "personal_id,first_name,last_name,email,unit_id,hr_tags"
    rows = [
        "E-1,Eila,Eläkkeelle,eila@esimerkkila.fi,PIKKU,Retiring; Mentor",
        "E-2,Paula,Palaaja,paula@esimerkkila.fi,PIKKU,returning",
        "E-3,Tuomas,Tavallinen,tuomas@esimerkkila.fi,PIKKU,",
    ]
    batch = upload("employees", csv_file("\n".join([header, *rows]) + "\n"))
    upload.confirm(batch)
    people = {e.personal_id: e for e in Employee.objects.filter(personal_id__startswith="E-")}
    assert people["E-1"].hr_tag_list == ["mentor", "retiring"]
    tacit_knowledge = ProgrammeFactory(owner=world.org, eligible_hr_tag="Retiring")
    assert [pid for pid, e in sorted(people.items()) if is_eligible(tacit_knowledge, e)] == ["E-1"]
    page = upload.client.get(reverse("organisations:person", args=[world.org.slug, people["E-1"].pk])).content
    assert b"mentor, retiring" in page


def test_the_targeting_combines_with_units(world):
    programme = ProgrammeFactory(owner=world.org, eligibility="units", eligible_hr_tag="returning")
    programme.eligible_units.add(world.org.units.get(code="VAKA"))
    world.employee.hr_tags = "returning"
    assert is_eligible(programme, world.employee)
    world.employee.hr_tags = ""
    assert not is_eligible(programme, world.employee)
