"""A programme's health at a glance (issue 16, item 3): what waits and for whom, a reminder to the
people concerned at most once a day, for the programme's coordinators only."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from mentorbank.bank.models import MentorRequest
from mentorbank.mentorships import services
from mentorbank.mentorships.models import Agreement, CheckpointAnswer
from mentorbank.reports.health import health
from mentorbank.reports.models import Nudge

from ..factories import EmployeeFactory, MentorProfileFactory, ProgrammeFactory, mentorship_of
from .helpers import pair_in

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
NOW = timezone.now()


@pytest.fixture
def programme(world):
    return ProgrammeFactory(owner=world.org, state="running", quiet_after_weeks=6, waiting_after_days=7)


def listed(programme, kind):
    with translation.override("en"):
        return {c.target_id: c for part in health(programme) if part["kind"] == kind for c in part["concerns"]}


def ago(**delta):
    return NOW - datetime.timedelta(**delta)


def test_pairs_that_have_not_met_for_the_programmes_weeks_are_listed(world, programme):
    quiet = pair_in(world, programme, world.colleague, world.employee, at=ago(weeks=7))
    lively = pair_in(world, programme, world.colleague, world.supervisor, at=ago(weeks=1))
    found = listed(programme, Nudge.QUIET)
    assert set(found) == {quiet.pk}
    assert found[quiet.pk].since == timezone.localdate(ago(weeks=7) + datetime.timedelta(hours=2))
    assert sorted(found[quiet.pk].waiting_for) == sorted([world.colleague.full_name, world.employee.full_name])
    programme.quiet_after_weeks = 8
    programme.save()
    assert listed(programme, Nudge.QUIET) == {}
    assert lively.pk not in listed(programme, Nudge.QUIET)


def agreement_waiting(world, programme, *, days, accepted_by=()):
    mentorship = mentorship_of(world.org, world.employee, world.colleague, programme=programme)
    agreement = services.current_agreement(mentorship)
    Agreement.objects.filter(pk=agreement.pk).update(
        goals={str(m.employee_id): ["Oppia"] for m in mentorship.members.all()}
    )
    agreement.refresh_from_db()
    for employee in accepted_by:
        services.accept(agreement=agreement, employee=employee, actor=employee.user)
    Agreement.objects.filter(pk=agreement.pk).update(created_at=ago(days=days))
    agreement.acceptances.update(accepted_at=ago(days=days))
    return mentorship


def test_an_agreement_waiting_too_long_names_who_it_waits_for(world, programme):
    accepting = agreement_waiting(world, programme, days=8, accepted_by=[world.colleague])
    found = listed(programme, Nudge.AGREEMENT)
    assert found[accepting.pk].waiting_for == [f"{world.employee.full_name} (to accept)"]
    assert [r.user for r in found[accepting.pk].recipients] == [world.employee.user]
    # accepted by both: now it waits for the supervisor's approval of the employee's time use
    services.accept(agreement=services.current_agreement(accepting), employee=world.employee, actor=world.employee.user)
    Agreement.objects.filter(mentorship=accepting).first().acceptances.update(accepted_at=ago(days=9))
    found = listed(programme, Nudge.AGREEMENT)
    assert f"{world.supervisor.full_name} (supervisor of {world.employee.full_name})" in found[accepting.pk].waiting_for
    assert world.supervisor.user in [r.user for r in found[accepting.pk].recipients]


def test_an_agreement_within_the_programmes_days_is_not_listed(world, programme):
    agreement_waiting(world, programme, days=3)
    assert listed(programme, Nudge.AGREEMENT) == {}


def test_a_checkpoint_left_unanswered_lists_those_who_have_not_answered(world, programme):
    programme.checkpoint_after_meetings = 1
    programme.save()
    due = pair_in(world, programme, world.colleague, world.employee, at=ago(days=10))
    CheckpointAnswer.objects.create(mentorship=due, employee=world.colleague, wants_to_continue=True)
    pair_in(world, programme, world.colleague, world.supervisor, at=ago(days=2))  # not late yet
    found = listed(programme, Nudge.CHECKPOINT)
    assert set(found) == {due.pk}
    assert found[due.pk].waiting_for == [world.employee.full_name]


def test_bank_requests_about_to_expire_wait_for_the_mentor(world, programme, settings):
    settings.BANK_EXPIRE_AFTER_DAYS = 14
    mentor = MentorProfileFactory(employee=world.colleague)
    soon = MentorRequest.objects.create(mentee=world.employee, mentor=mentor, programme=programme, message="Hei")
    MentorRequest.objects.filter(pk=soon.pk).update(created_at=ago(days=12))
    MentorRequest.objects.create(mentee=world.supervisor, mentor=mentor, programme=programme, message="Hei")
    found = listed(programme, Nudge.REQUEST)
    assert set(found) == {soon.pk}
    assert found[soon.pk].since == timezone.localdate(ago(days=12) + datetime.timedelta(days=14))
    assert [r.user for r in found[soon.pk].recipients] == [world.colleague.user]


def programme_page(world, programme):
    return reverse("programmes:detail", args=[world.org.slug, programme.pk])


def test_a_reminder_goes_to_the_people_concerned_once_a_day(world, programme, login, run_tasks):
    quiet = pair_in(world, programme, world.colleague, world.employee, at=ago(weeks=7))
    client = login(world.hr)
    remind = reverse("reports:remind", args=[world.org.slug, programme.pk])
    mail.outbox.clear()
    with run_tasks():
        response = client.post(remind, {"kind": Nudge.QUIET, "target": quiet.pk}, follow=True, **EN)
    assert "A reminder went to 2 people." in response.content.decode()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([world.colleague.user.email, world.employee.user.email])
    assert all("/mentorships/" in m.body for m in mail.outbox)
    page = client.get(programme_page(world, programme), **EN).content.decode()
    assert "Reminded today" in page
    with run_tasks():
        response = client.post(remind, {"kind": Nudge.QUIET, "target": quiet.pk}, follow=True, **EN)
    assert "already sent today" in response.content.decode() and len(mail.outbox) == 2
    with time_machine.travel(NOW + datetime.timedelta(days=1)), run_tasks():
        login(world.hr).post(remind, {"kind": Nudge.QUIET, "target": quiet.pk}, **EN)  # a new day, a new session
    assert len(mail.outbox) == 4


def test_nothing_to_remind_of_is_refused(world, programme, login):
    lively = pair_in(world, programme, world.colleague, world.employee, at=ago(days=2))
    remind = reverse("reports:remind", args=[world.org.slug, programme.pk])
    response = login(world.hr).post(remind, {"kind": Nudge.QUIET, "target": lively.pk}, follow=True, **EN)
    assert "nothing to remind of" in response.content.decode() and not Nudge.objects.exists()


def test_only_the_coordinators_see_the_programmes_health(world, programme, login):
    pair_in(world, programme, world.colleague, world.employee, at=ago(weeks=7))
    assert "Health at a glance" in login(world.hr).get(programme_page(world, programme), **EN).content.decode()
    programme.committee_members.add(world.supervisor.user)  # sees the programme, does not coordinate it
    page = login(world.supervisor).get(programme_page(world, programme), **EN)
    assert page.status_code == 200 and "Health at a glance" not in page.content.decode()
    assert world.colleague.full_name not in page.content.decode()


def test_the_health_panel_makes_the_same_queries_for_more_concerns(world, programme, login, settings):
    programme.checkpoint_after_meetings = 1
    programme.save()
    client = login(world.hr)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(programme_page(world, programme), **EN).status_code == 200
        return len(captured)

    pair_in(world, programme, world.colleague, world.employee, at=ago(weeks=7))
    agreement_waiting(world, programme, days=8)
    queries()  # the first page after signing in does some once-only work
    few = queries()
    for _k in range(3):
        mentee = EmployeeFactory(organisation=world.org, unit=world.employee.unit, supervisor=world.supervisor)
        pair_in(world, programme, EmployeeFactory(organisation=world.org), mentee, at=ago(weeks=7))
        mentorship = mentorship_of(world.org, mentee, EmployeeFactory(organisation=world.org), programme=programme)
        Agreement.objects.filter(mentorship=mentorship).update(created_at=ago(days=9))
    assert queries() == few
