"""Meetings: series without public holidays, invitations as valid iCalendar across DST, the
working-time limit with supervisors' exceptions, recording, substitutes and the calendar feed."""

import datetime
import threading
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.db import connection, connections
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from mentorbank.mentorships import meetings
from mentorbank.mentorships.models import Meeting, MeetingTime, SubstituteRequest

from ..factories import ProgrammeFactory, colleague_mentors_employee, mentorship_of

HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def pair(world):
    programme = ProgrammeFactory(
        owner=world.org,
        state="running",
        working_time_minutes=90,
        working_time_period="month",
        substitutes_arranged=True,
    )
    mentorship = colleague_mentors_employee(world, programme)
    return mentorship


def url(name, mentorship, *args):
    return reverse(f"mentorships:{name}", args=[mentorship.organisation.slug, mentorship.pk, *args])


def local(year, month, day, hour=10):
    return timezone.make_aware(datetime.datetime(year, month, day, hour), HELSINKI)


def plan_data(day, **changes):
    data = {"day": day.isoformat(), "time": "10:00", "minutes": 60, "place": "Kirjasto", "count": 1, "every_weeks": 4}
    data.update(changes)
    return data


def test_a_series_leaves_out_finnish_public_holidays_and_keeps_local_time_across_dst(world, pair, settings):
    # weekly from Thursday 2031-03-20: 2031-04-17 is not a holiday but Good Friday 2031-04-11 is a Friday;
    # pick Fridays so Good Friday (11.4.2031) and the DST change (30.3.2031) fall inside the series
    first = local(2031, 3, 28)
    times, skipped = meetings.series_dates(first, every_weeks=1, count=4)
    assert skipped == [datetime.date(2031, 4, 11)]
    assert [t.astimezone(HELSINKI).hour for t in times] == [10, 10, 10]
    assert [t.astimezone(datetime.UTC).hour for t in times] == [8, 7, 7]  # EET then EEST


def test_planning_sends_each_participant_a_valid_invitation(world, pair, login, run_tasks):
    day = timezone.localdate() + datetime.timedelta(days=30)
    client = login(world.employee)
    with run_tasks():
        response = client.post(url("meeting_plan", pair), plan_data(day, count=3, every_weeks=5))
    assert response.status_code == 302
    planned = list(pair.meetings.all())
    assert 2 <= len(planned) <= 3  # a public holiday may fall in the series
    invitations = [m for m in mail.outbox if m.attachments]
    assert {m.to[0] for m in invitations} == {world.employee.email, world.colleague.email}
    assert {m.to[0] for m in mail.outbox if not m.attachments} == {world.supervisor.email}, "substitutes needed"
    attachment = invitations[0].attachments[0]
    assert attachment[0] == "invitation.ics" and attachment[2].startswith("text/calendar; method=REQUEST")
    calendar = Calendar.from_ical(attachment[1])
    events = calendar.walk("VEVENT")
    assert len(events) == len(planned)
    start = events[0].decoded("dtstart").astimezone(HELSINKI)
    assert (start.hour, start.minute, str(events[0]["location"])) == (10, 0, "Kirjasto")
    assert events[0].decoded("dtend") - events[0].decoded("dtstart") == datetime.timedelta(minutes=60)


def test_moving_and_cancelling_update_the_same_calendar_event(world, pair, login, run_tasks):
    day = timezone.localdate() + datetime.timedelta(days=10)
    client = login(world.employee)
    client.post(url("meeting_plan", pair), plan_data(day))
    meeting = pair.meetings.get()
    mail.outbox.clear()
    with run_tasks():
        client.post(url("meeting_move", pair, meeting.pk), plan_data(day + datetime.timedelta(days=1), time="13:30"))
        client.post(url("meeting_cancel", pair, meeting.pk))
    moved, cancelled = mail.outbox[0], mail.outbox[-1]
    first = Calendar.from_ical(moved.attachments[0][1]).walk("VEVENT")[0]
    last = Calendar.from_ical(cancelled.attachments[0][1])
    assert str(first["uid"]) == str(last.walk("VEVENT")[0]["uid"]) == f"{meeting.uid}@mentoripankki"
    assert int(first["sequence"]) == 1 and int(last.walk("VEVENT")[0]["sequence"]) == 2
    assert str(last["method"]) == "CANCEL" and str(last.walk("VEVENT")[0]["status"]) == "CANCELLED"
    assert first.decoded("dtstart").astimezone(HELSINKI).strftime("%H:%M") == "13:30"


def test_the_working_time_limit_refuses_with_numbers_until_the_supervisor_allows_more(world, pair, login):
    day = (timezone.localdate() + datetime.timedelta(days=40)).replace(day=3)
    client = login(world.employee)
    client.post(url("meeting_plan", pair), plan_data(day, minutes=60))
    response = client.post(url("meeting_plan", pair), plan_data(day + datetime.timedelta(days=7), minutes=60), **EN)
    assert response.status_code == 200 and pair.meetings.count() == 1
    assert "would use 120 minutes of working time" in response.content.decode()
    assert "the programme allows 90" in response.content.decode()
    assert login(world.colleague).get(url("time_exception", pair)).status_code == 403  # not a supervisor of anyone here
    supervisor = login(world.supervisor)
    supervisor.post(
        url("time_exception", pair), {"employee": world.employee.pk, "day": day.isoformat(), "extra_minutes": 30}
    )
    # the colleague (mentor) has no supervisor in the fixed world; give them room too, through HR's data
    from mentorbank.mentorships.models import TimeException

    TimeException.objects.create(
        employee=world.colleague, programme=pair.programme, period_start=day.replace(day=1), extra_minutes=30
    )
    login(world.employee).post(url("meeting_plan", pair), plan_data(day + datetime.timedelta(days=7), minutes=60))
    assert pair.meetings.count() == 2


def test_recording_a_held_meeting_counts_each_persons_time(world, pair, login):
    meeting = Meeting.objects.create(
        mentorship=pair, starts_at=timezone.now() - datetime.timedelta(hours=2), minutes=60
    )
    client = login(world.employee)
    data = {f"minutes_{world.employee.pk}": 75, f"minutes_{world.colleague.pk}": 60}
    client.post(url("meeting_record", pair, meeting.pk), data)
    meeting.refresh_from_db()
    assert meeting.state == Meeting.HELD
    assert dict(MeetingTime.objects.values_list("employee_id", "minutes")) == {
        world.employee.pk: 75,
        world.colleague.pk: 60,
    }
    roles = dict(pair.members.values_list("employee_id", "role"))
    assert dict(MeetingTime.objects.values_list("employee_id", "role")) == roles, "each time keeps its role"
    future = Meeting.objects.create(mentorship=pair, starts_at=timezone.now() + datetime.timedelta(days=2), minutes=60)
    response = client.post(url("meeting_record", pair, future.pk), data, **EN)
    assert "once it has started" in response.content.decode()
    over = Meeting.objects.create(mentorship=pair, starts_at=timezone.now() - datetime.timedelta(hours=1), minutes=60)
    if timezone.localtime(over.starts_at).month == timezone.localtime(meeting.starts_at).month:
        response = client.post(url("meeting_record", pair, over.pk), data, **EN)
        assert "the programme allows 90" in response.content.decode()


def test_substitutes_are_asked_from_each_participants_supervisor(world, pair, login):
    day = timezone.localdate() + datetime.timedelta(days=12)
    login(world.employee).post(url("meeting_plan", pair), plan_data(day))
    requests = list(SubstituteRequest.objects.all())
    assert [(r.employee_id, r.supervisor_id, r.state) for r in requests] == [
        (world.employee.pk, world.supervisor.pk, "needed")
    ]  # the colleague has no supervisor
    login(world.employee).post(url("meeting_cancel", pair, pair.meetings.get().pk))
    assert SubstituteRequest.objects.get().state == "not_needed"


def test_supervisors_see_dates_and_time_but_not_places(world, pair, login):
    Meeting.objects.create(mentorship=pair, starts_at=local(2031, 5, 6), minutes=60, place="Salainen kahvila")
    page = login(world.supervisor).get(url("detail", pair)).content.decode()
    assert "6.5.2031" in page and "Salainen kahvila" not in page
    assert "Salainen kahvila" in login(world.employee).get(url("detail", pair)).content.decode()


def test_the_calendar_feed_is_secret_and_can_be_reset(world, pair, login, client):
    Meeting.objects.create(mentorship=pair, starts_at=timezone.now() + datetime.timedelta(days=3), minutes=60)
    page = login(world.employee).post(reverse("mentorships:calendar", args=[world.org.slug])).content.decode()
    address = page.split('id="feed-address" type="text" readonly value="')[1].split('"')[0]
    path = address.replace("http://testserver", "")
    client.logout()
    feed = client.get(path)
    assert feed.status_code == 200 and feed["Content-Type"].startswith("text/calendar")
    assert len(Calendar.from_ical(feed.content).walk("VEVENT")) == 1
    login(world.employee).post(reverse("mentorships:calendar", args=[world.org.slug]))
    client.logout()
    assert client.get(path).status_code == 404  # the old address stopped working
    assert client.get("/calendar/guess.ics").status_code == 404


def test_only_participants_plan_and_record(world, pair, login):
    day = timezone.localdate() + datetime.timedelta(days=5)
    for person in (world.supervisor, world.hr):
        assert login(person).post(url("meeting_plan", pair), plan_data(day)).status_code == 403
    for person in (world.admin, world.other_hr):
        assert login(person).post(url("meeting_plan", pair), plan_data(day)).status_code == 404
    assert not pair.meetings.exists()


@pytest.mark.django_db(transaction=True)
def test_the_limit_holds_when_two_meetings_are_planned_at_the_same_moment(world):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent transactions need PostgreSQL (SQLite's test database is one in-memory connection)")
    programme = ProgrammeFactory(owner=world.org, state="running", working_time_minutes=90, working_time_period="month")
    pairs = [mentorship_of(world.org, world.employee, programme=programme) for _ in range(4)]
    day = local(2031, 9, 10)
    barrier = threading.Barrier(len(pairs))
    outcomes: list[str] = []

    def plan(mentorship):
        try:
            barrier.wait()
            meetings.plan(mentorship=mentorship, first=day, minutes=60, place="", actor=world.employee.user)
            outcomes.append("planned")
        except meetings.OverLimit:
            outcomes.append("over")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=plan, args=(m,)) for m in pairs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["over", "over", "over", "planned"]
    assert Meeting.objects.count() == 1


def test_invitation_times_are_right_on_both_sides_of_the_dst_change(world, pair):
    from mentorbank.mentorships.calendar import calendar_of

    before, after = local(2031, 3, 28), local(2031, 4, 4)  # DST starts on 30.3.2031 in Helsinki
    meetings_list = [
        Meeting.objects.create(mentorship=pair, starts_at=before, minutes=90),
        Meeting.objects.create(mentorship=pair, starts_at=after, minutes=90),
    ]
    events = Calendar.from_ical(calendar_of(meetings_list, "REQUEST")).walk("VEVENT")
    starts = [event.decoded("dtstart") for event in events]
    assert [s.astimezone(HELSINKI).strftime("%d.%m %H:%M") for s in starts] == ["28.03 10:00", "04.04 10:00"]
    assert [s.astimezone(datetime.UTC).hour for s in starts] == [8, 7]
    ends = [event.decoded("dtend").astimezone(HELSINKI).strftime("%H:%M") for event in events]
    assert ends == ["11:30", "11:30"]


@time_machine.travel(datetime.datetime(2026, 12, 1, 9, tzinfo=datetime.UTC), tick=True)
def test_a_time_the_clocks_skip_is_refused_with_the_nearest_and_a_repeated_one_asks_which(world, pair, login):
    """28.3.2027 03:30 does not exist in Helsinki; 31.10.2027 03:30 happens twice."""
    client = login(world.employee)
    skipped = client.post(url("meeting_plan", pair), plan_data(datetime.date(2027, 3, 28), time="03:30"), **EN)
    assert skipped.status_code == 200 and not pair.meetings.exists()
    assert "does not exist" in skipped.content.decode() and "04:00" in skipped.content.decode()
    twice = client.post(url("meeting_plan", pair), plan_data(datetime.date(2027, 10, 31), time="03:30"), **EN)
    page = twice.content.decode()
    assert "happens twice" in page and 'name="fold"' in page and not pair.meetings.exists()
    assert 'name="fold"' not in client.get(url("meeting_plan", pair), **EN).content.decode(), "asked only then"
    chosen = client.post(url("meeting_plan", pair), plan_data(datetime.date(2027, 10, 31), time="03:30", fold="1"))
    assert chosen.status_code == 302
    assert pair.meetings.get().starts_at == datetime.datetime(2027, 10, 31, 1, 30, tzinfo=datetime.UTC)
