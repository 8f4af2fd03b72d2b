"""Surveys: ready copies, invitations on the schedule, one reminder, anonymous answers by link."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from mentorbank.mentorships.models import Mentorship
from mentorbank.surveys import services
from mentorbank.surveys.models import Invitation, Response

from ..factories import ProgrammeFactory, colleague_mentors_employee


@pytest.fixture
def pair(world):
    programme = ProgrammeFactory(owner=world.org, state="running", follow_up_after_months=6)
    mentorship = colleague_mentors_employee(world, programme)
    started = timezone.localdate() - datetime.timedelta(days=200)
    Mentorship.objects.filter(pk=mentorship.pk).update(state=Mentorship.ACTIVE, started_on=started)
    mentorship.refresh_from_db()
    return mentorship


def link_in(message):
    return re.search(r"http://[^/\s]+(/s/[^/\s]+/)", message.body).group(1)


def test_a_programme_gets_editable_copies_of_the_ready_surveys(world, pair):
    surveys = services.surveys_of(pair.programme)
    assert [(s.kind, s.audience) for s in surveys] == [
        ("checkpoint", "mentee"),
        ("checkpoint", "mentor"),
        ("final", "mentee"),
        ("final", "mentor"),
        ("follow_up", "mentee"),
        ("follow_up", "mentor"),
    ]
    question = surveys[4].questions.first()
    assert question.text_fi and question.text_sv and question.text_en
    assert len(services.surveys_of(pair.programme)) == 6  # copied once


def test_the_follow_up_is_sent_after_the_programmes_months_and_reminded_once(world, pair, run_tasks):
    with run_tasks():
        first = services.send_due()
        again = services.send_due()
    assert first["invited"] == 2 and again["invited"] == 0
    assert {m.to[0] for m in mail.outbox} == {world.employee.email, world.colleague.email}
    assert {i.survey.audience for i in Invitation.objects.all()} == {"mentee", "mentor"}
    Invitation.objects.update(sent_at=timezone.now() - datetime.timedelta(days=8))
    mail.outbox.clear()
    with run_tasks():
        assert services.send_due()["reminded"] == 2
        assert services.send_due()["reminded"] == 0
    assert len(mail.outbox) == 2


def test_answers_are_anonymous_once_only_and_the_link_expires(world, pair, client, run_tasks):
    with run_tasks():
        services.send_due()
    message = next(m for m in mail.outbox if m.to == [world.employee.email])
    path = link_in(message)
    page = client.get(path)
    assert page.status_code == 200 and "ammatti-identiteettiäni" in page.content.decode()
    survey = Invitation.objects.get(employee=world.employee).survey
    questions = list(survey.questions.all())
    data = {f"q{q.pk}": "4" if q.kind == "scale" else "Hyvä kokemus" for q in questions}
    assert client.post(path, data).status_code == 200
    response = Response.objects.get()
    assert {f.name for f in Response._meta.get_fields()} == {
        "id",
        "survey",
        "unit_id",
        "profession_group_id",
        "submitted_on",
        "answers",
    }
    assert response.answers.count() == len(questions) and response.unit_id == world.employee.unit_id
    assert Invitation.objects.get(employee=world.employee).answered
    assert client.post(path, data).status_code == 410 and Response.objects.count() == 1
    other = link_in(next(m for m in mail.outbox if m.to == [world.colleague.email]))
    Invitation.objects.filter(employee=world.colleague).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert client.get(other).status_code == 410
    assert client.get("/s/guessed-token/").status_code == 404


def test_the_survey_speaks_the_recipients_language(world, pair, client, run_tasks):
    world.employee.user.language = "sv"
    world.employee.user.save()
    with run_tasks():
        services.send_due()
    message = next(m for m in mail.outbox if m.to == [world.employee.email])
    assert message.subject == "Uppföljningsenkät för adepter"
    assert "yrkesidentitet" in client.get(link_in(message)).content.decode()


def test_coordinators_see_rates_and_remind_without_learning_who(world, pair, login, run_tasks):
    with run_tasks():
        services.send_due()
    url = reverse("surveys:list", args=[world.org.slug, pair.programme.pk])
    page = login(world.hr).get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Follow-up survey for mentees" in page and world.employee.full_name not in page
    survey = Invitation.objects.get(employee=world.employee).survey
    mail.outbox.clear()
    with run_tasks():
        login(world.hr).post(reverse("surveys:remind", args=[world.org.slug, pair.programme.pk, survey.pk]))
    assert [m.to[0] for m in mail.outbox] == [world.employee.email]
    for person in (world.employee, world.supervisor, world.admin):
        assert login(person).get(url).status_code == 403
    assert login(world.other_hr).get(url).status_code == 404


def test_a_coordinator_edits_questions_until_the_first_answer(world, pair, login):
    survey = services.surveys_of(pair.programme)[0]
    url = reverse("surveys:edit", args=[world.org.slug, pair.programme.pk, survey.pk])
    client = login(world.hr)
    page = client.get(url).content.decode()
    total = int(re.search(r'name="questions-TOTAL_FORMS" value="(\d+)"', page).group(1))
    assert total == survey.questions.count() + 1
