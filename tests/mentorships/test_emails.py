"""Every e-mail of mentorships renders in Finnish, Swedish and English, with a link where it has one."""

import datetime
from pathlib import Path

import pytest
from django.template.loader import render_to_string
from django.utils import timezone, translation

from mentorbank.mentorships import services
from mentorbank.mentorships.models import Approval, Meeting, SubstituteRequest

from ..factories import ProgrammeFactory, colleague_mentors_employee

TEMPLATES = sorted(
    path.name.removesuffix(".txt")
    for path in (Path(services.__file__).parent / "templates" / "notifications").glob("*.txt")
    if not path.name.endswith("_subject.txt")
)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("name", TEMPLATES)
def test_each_e_mail_renders_in_each_language(world, name, language):
    programme = ProgrammeFactory(owner=world.org, state="running", working_time_minutes=90, working_time_period="month")
    mentorship = colleague_mentors_employee(world, programme)
    mentorship.started_on, mentorship.ends_on = (
        timezone.localdate(),
        timezone.localdate() + datetime.timedelta(days=365),
    )
    agreement = mentorship.agreements.get()
    agreement.returned_reason = "Syy"
    meeting = Meeting(mentorship=mentorship, starts_at=timezone.now(), minutes=60, place="Kirjasto")
    context = {
        "mentorship": mentorship,
        "employee": world.employee,
        "me": world.employee,
        "peer": world.colleague,
        "agreement": agreement,
        "approval": Approval(
            agreement=agreement, kind="supervisor", participant=world.employee, organisation=world.org
        ),
        "meeting": meeting,
        "meetings": [meeting],
        "supervisor": world.supervisor,
        "item": SubstituteRequest(meeting=meeting, employee=world.employee, supervisor=world.supervisor),
        "items": [SubstituteRequest(meeting=meeting, employee=world.employee, supervisor=world.supervisor)],
        "meeting_count": 3,
        "programme": programme,
        "used": 80,
        "limit": 90,
        "reason": "Syy",
        "site_url": "https://mentoripankki.example",
    }
    with translation.override(language):
        subject = render_to_string(f"notifications/{name}_subject.txt", context).strip()
        body = render_to_string(f"notifications/{name}.txt", context)
    assert subject and "{" not in subject and "\n" not in subject
    assert body.strip() and "{%" not in body and "{{" not in body
    source = (Path(services.__file__).parent / "templates" / "notifications" / f"{name}.txt").read_text()
    if "url" in source:
        assert "https://mentoripankki.example/o/" in body
