"""Every page of a mentorship refuses a supervisor of another unit, HR of another organisation
and a participant of another mentorship, for reading and for writing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from mentorbank.mentorships import notes, urls
from mentorbank.mentorships.models import Approval, Meeting

from ..factories import ProgrammeFactory, mentorship_of, outsider


@pytest.fixture
def pair(world):
    programme = ProgrammeFactory(owner=world.org, state="running")
    mentorship = mentorship_of(world.org, world.employee, world.colleague, programme=programme, format="group")
    agreement = mentorship.agreements.get()
    mentorship.ids = {
        "meeting_id": Meeting.objects.create(
            mentorship=mentorship, starts_at=timezone.now() - datetime.timedelta(hours=1), minutes=60
        ).pk,
        "member_id": mentorship.members.first().pk,
        "note_id": notes.add(mentorship=mentorship, author=world.employee, text="x").pk,
        "approval_id": Approval.objects.create(
            agreement=agreement,
            kind="supervisor",
            participant=world.employee,
            approver=world.supervisor,
            organisation=world.org,
        ).pk,
        "action": "end",
    }
    return mentorship


def mentorship_urls(pair):
    for pattern in urls.urlpatterns:
        if "mentorship_id" not in pattern.pattern.converters:
            continue
        kwargs = {"org_slug": pair.organisation.slug, "mentorship_id": pair.pk}
        kwargs.update({k: v for k, v in pair.ids.items() if k in pattern.pattern.converters})
        yield pattern.name, reverse(f"mentorships:{pattern.name}", kwargs=kwargs)


@pytest.mark.parametrize("who", ["other_supervisor", "other_hr", "other_participant"])
def test_every_mentorship_page_refuses_outsiders(world, pair, login, who):
    person = outsider(world, who, pair.programme)
    client = login(person)
    checked = 0
    for name, url in mentorship_urls(pair):
        assert client.get(url).status_code in (403, 404, 405), (who, name)
        assert client.post(url, {"reason": "x", "text": "x", "go_on": "no"}).status_code in (403, 404), (who, name)
        checked += 1
    assert checked >= 15
    pair.refresh_from_db()
    assert pair.state == "agreeing" and pair.notes.count() == 1
