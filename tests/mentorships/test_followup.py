"""The checkpoint after the first meetings, and insights shared with the units."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from mentorbank.mentorships.models import Insight, Meeting, Mentorship

from ..factories import EmployeeFactory, ProgrammeFactory, colleague_mentors_employee


@pytest.fixture
def pair(world):
    programme = ProgrammeFactory(owner=world.org, state="running", checkpoint_after_meetings=2)
    mentorship = colleague_mentors_employee(world, programme)
    Mentorship.objects.filter(pk=mentorship.pk).update(state=Mentorship.ACTIVE)
    mentorship.refresh_from_db()
    return mentorship


def url(name, mentorship, *args):
    return reverse(f"mentorships:{name}", args=[mentorship.organisation.slug, mentorship.pk, *args])


def hold_meetings(client, mentorship, world, count, run_tasks):
    for k in range(count):
        meeting = Meeting.objects.create(
            mentorship=mentorship, starts_at=timezone.now() - datetime.timedelta(days=10 + k), minutes=60
        )
        with run_tasks():
            client.post(
                url("meeting_record", mentorship, meeting.pk),
                {f"minutes_{world.employee.pk}": 60, f"minutes_{world.colleague.pk}": 60},
            )


def test_after_the_agreed_meetings_everyone_is_asked_and_all_yes_goes_on(world, pair, login, run_tasks):
    client = login(world.employee)
    hold_meetings(client, pair, world, 1, run_tasks)
    assert "checkpoint" not in client.get(url("detail", pair)).content.decode()
    hold_meetings(client, pair, world, 1, run_tasks)
    assert {m.to[0] for m in mail.outbox if "Väliarvio" in m.subject} == {world.employee.email, world.colleague.email}
    assert 'id="checkpoint"' in client.get(url("detail", pair)).content.decode()
    client.post(url("checkpoint", pair), {"go_on": "yes"})
    pair.refresh_from_db()
    assert pair.checkpoint_passed_at is None  # the mentor has not answered
    login(world.colleague).post(url("checkpoint", pair), {"go_on": "yes"})
    pair.refresh_from_db()
    assert pair.checkpoint_passed_at is not None and pair.state == Mentorship.ACTIVE
    assert 'id="checkpoint"' not in login(world.employee).get(url("detail", pair)).content.decode()


def test_one_no_at_the_checkpoint_ends_the_mentorship(world, pair, login, run_tasks):
    client = login(world.employee)
    hold_meetings(client, pair, world, 2, run_tasks)
    login(world.colleague).post(url("checkpoint", pair), {"go_on": "no", "reason": "Tavoitteet täyttyivät jo"})
    pair.refresh_from_db()
    assert pair.state == Mentorship.ENDED and pair.end_reason == "Tavoitteet täyttyivät jo"


def test_answering_before_the_checkpoint_is_refused(world, pair, login):
    login(world.employee).post(url("checkpoint", pair), {"go_on": "no"})
    pair.refresh_from_db()
    assert pair.state == Mentorship.ACTIVE
    assert login(world.supervisor).post(url("checkpoint", pair), {"go_on": "no"}).status_code == 403


def test_insights_reach_the_supervisors_of_the_chosen_units_who_mark_them_discussed(world, pair, login):
    unit = world.employee.unit
    login(world.employee).post(url("insight_share", pair), {"text": "Perehdytyskansio yhteiseksi", "units": [unit.pk]})
    insight = Insight.objects.get()
    insights_url = reverse("mentorships:insights", args=[world.org.slug])
    page = login(world.supervisor).get(insights_url).content.decode()
    assert "Perehdytyskansio yhteiseksi" in page
    login(world.supervisor).post(insights_url, {"insight": insight.pk})
    insight.refresh_from_db()
    assert insight.discussed_at is not None and insight.discussed_by == world.supervisor.user
    elsewhere = EmployeeFactory(organisation=world.org, unit=world.hr.unit)
    EmployeeFactory(organisation=world.org, unit=world.hr.unit, supervisor=elsewhere)
    assert "Perehdytyskansio" not in login(elsewhere).get(insights_url).content.decode()
    assert login(world.colleague).get(insights_url).status_code == 403  # not a supervisor
