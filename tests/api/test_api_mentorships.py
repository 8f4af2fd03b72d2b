import datetime

import pytest
from django.utils import timezone

from mentorbank.mentorships import notes
from mentorbank.mentorships.models import Meeting, MeetingTime

from ..factories import EmployeeFactory, ProgrammeFactory, mentorship_of, outsider

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(world):
    programme = ProgrammeFactory(owner=world.org, state="running", working_time_minutes=90, working_time_period="month")
    other = EmployeeFactory(organisation=world.org, unit=world.employee.unit, last_name="Toinen")
    mentorship = mentorship_of(world.org, world.employee, world.colleague, others=[other], programme=programme)
    agreement = mentorship.agreements.get()
    agreement.goals = {str(world.employee.pk): ["Oma tavoite"], str(other.pk): ["Toisen tavoite"]}
    agreement.save()
    meeting = Meeting.objects.create(
        mentorship=mentorship,
        starts_at=timezone.now() - datetime.timedelta(hours=2),
        minutes=60,
        place="Kahvio",
        state="held",
    )
    MeetingTime.objects.create(meeting=meeting, employee=world.employee, minutes=60)
    MeetingTime.objects.create(meeting=meeting, employee=other, minutes=45)
    notes.add(mentorship=mentorship, author=world.employee, text="Salainen muistiinpano")
    mentorship.other = other
    return mentorship


def base(world, mentorship=None):
    url = f"/api/v1/organisations/{world.org.slug}/mentorships"
    return f"{url}/{mentorship.pk}" if mentorship else url


def test_participants_read_everything_but_notes(world, group, client):
    client.force_login(world.employee.user)
    listed = client.get(base(world)).json()["items"]
    assert [m["id"] for m in listed] == [group.pk] and len(listed[0]["members"]) == 3
    agreements = client.get(base(world, group) + "/agreements").json()
    assert {g["employee_id"] for g in agreements[0]["goals"]} == {world.employee.pk, group.other.pk}
    meetings = client.get(base(world, group) + "/meetings").json()
    assert meetings[0]["place"] == "Kahvio" and meetings[0]["time_used"] == {
        str(world.employee.pk): 60,
        str(group.other.pk): 45,
    }
    for path in ("", "/agreements", "/meetings"):
        assert b"Salainen muistiinpano" not in client.get(base(world, group) + path).content


def test_a_supervisor_sees_only_their_own_staff_and_no_places(world, group, client):
    client.force_login(world.supervisor.user)
    agreements = client.get(base(world, group) + "/agreements").json()
    assert [g["employee_id"] for g in agreements[0]["goals"]] == [world.employee.pk]
    meetings = client.get(base(world, group) + "/meetings").json()
    assert meetings[0]["place"] is None and meetings[0]["time_used"] == {str(world.employee.pk): 60}


@pytest.mark.parametrize("who", ["other_hr", "admin", "stranger", "other_supervisor", "other_participant"])
def test_others_are_refused_every_endpoint(world, group, client, who):
    person = outsider(world, who, group.programme)
    client.force_login(person.user)
    assert group.pk not in [m["id"] for m in client.get(base(world)).json().get("items", [])]
    for path in ("", "/agreements", "/meetings"):
        assert client.get(base(world, group) + path).status_code == 404
    planned = client.post(
        base(world, group) + "/meetings",
        {"starts_at": "2031-05-06T10:00:00+03:00", "minutes": 60},
        content_type="application/json",
    )
    assert planned.status_code == 404
    assert client.post(base(world, group) + "/agreement/accept").status_code == 404


def test_the_api_plans_meetings_by_the_pages_rules(world, group, client):
    """A meeting in the past, a time skipped by the clocks and a wall time that happens twice: refused as
    the planning page refuses them, with its messages; a time with its UTC offset says which hour."""
    client.force_login(world.employee.user)
    url = base(world, group) + "/meetings"
    before = group.meetings.count()
    past = client.post(url, {"starts_at": "2020-05-06T10:00:00+03:00", "minutes": 60}, content_type="application/json")
    assert past.status_code == 422 and "day" in past.json()["errors"]
    skipped = client.post(url, {"starts_at": "2031-03-30T03:30:00", "minutes": 60}, content_type="application/json")
    assert skipped.status_code == 422 and "04:00" in skipped.json()["errors"]["time"]
    twice = client.post(url, {"starts_at": "2031-10-26T03:30:00", "minutes": 60}, content_type="application/json")
    assert twice.status_code == 422 and "fold" in twice.json()["errors"]
    second = client.post(
        url, {"starts_at": "2031-10-26T03:30:00+02:00", "minutes": 60}, content_type="application/json"
    )
    assert second.status_code == 201, second.content
    utc = datetime.datetime(2031, 10, 26, 1, 30, tzinfo=datetime.UTC)
    assert Meeting.objects.get(pk=second.json()[0]["id"]).starts_at == utc
    assert group.meetings.count() == before + 1, "only the one with its offset was planned"


def test_participants_plan_meetings_within_the_limit_through_the_api(world, group, client):
    client.force_login(world.employee.user)
    start = (timezone.now() + datetime.timedelta(days=40)).replace(day=5, hour=9, minute=0, second=0, microsecond=0)
    response = client.post(
        base(world, group) + "/meetings",
        {"starts_at": start.isoformat(), "minutes": 60},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    again = client.post(
        base(world, group) + "/meetings",
        {"starts_at": start.isoformat(), "minutes": 60},
        content_type="application/json",
    )
    assert again.status_code == 422 and again.json()["codes"] == ["over_limit"]
    assert "minuuttia työaikaa" in again.json()["detail"]  # in the organisation's language, Finnish
    client.force_login(world.supervisor.user)
    refused = client.post(
        base(world, group) + "/meetings",
        {"starts_at": start.isoformat(), "minutes": 60},
        content_type="application/json",
    )
    assert refused.status_code == 403
