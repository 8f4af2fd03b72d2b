"""Data protection: a person downloads their data; HR removes a person; the retention rule anonymises
participants after their programme closed — and the reports' figures stay the same."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from mentorbank.applications.models import Application
from mentorbank.core.models import AuditEvent
from mentorbank.mentorships import notes
from mentorbank.mentorships.models import Insight, Meeting, MeetingTime, Member, Mentorship, Note
from mentorbank.notifications.models import OutgoingEmail
from mentorbank.organisations.models import Employee
from mentorbank.privacy.anonymise import apply_retention
from mentorbank.reports.figures import Filters, coverage

from ..factories import PASSWORD, ProgrammeFactory, colleague_mentors_employee

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def programme(world):
    return ProgrammeFactory(owner=world.org, state="running")


@pytest.fixture
def pair(world, programme):
    """The colleague mentors the employee: goals, a held meeting, a note each, an application."""
    mentorship = colleague_mentors_employee(world, programme)
    agreement = mentorship.agreements.get()
    agreement.goals = {str(world.employee.pk): ["Oma tavoite"], str(world.colleague.pk): ["Kollegan tavoite"]}
    agreement.save()
    meeting = Meeting.objects.create(
        mentorship=mentorship,
        starts_at=timezone.now() - datetime.timedelta(days=1),
        minutes=60,
        state="held",
        place="Kahvila Kulma",
    )
    MeetingTime.objects.create(meeting=meeting, employee=world.employee, minutes=60)
    notes.add(mentorship=mentorship, author=world.employee, text="Salainen muistiinpano")
    notes.add(mentorship=mentorship, author=world.colleague, text="Kollegan muistiinpano")
    Application.objects.create(
        programme=programme,
        employee=world.employee,
        role="mentee",
        goals="Haluan oppia johtamista",
        consent_at=timezone.now(),
    )
    return mentorship


def test_a_person_downloads_everything_held_on_them_and_nothing_of_others(world, pair, client):
    client.force_login(world.employee.user)
    response = client.get(reverse("privacy:my_data"), {"download": "json"})
    assert response["Content-Disposition"].startswith('attachment; filename="mentor-bank-my-data-')
    data = json.loads(response.content)
    assert data["account"]["email"] == world.employee.user.email
    assert [e["personal_id"] for e in data["employments"]] == [world.employee.personal_id]
    assert data["applications"][0]["goals"] == "Haluan oppia johtamista"
    assert data["agreements"][0]["my_goals"] == ["Oma tavoite"]
    assert [n["text"] for n in data["private_notes"]] == ["Salainen muistiinpano"]
    assert data["meetings"][0]["place"] == "Kahvila Kulma" and data["working_time"][0]["minutes"] == 60
    text = response.content.decode()
    assert "Kollegan tavoite" not in text and "Kollegan muistiinpano" not in text  # not theirs
    assert "password" not in text and "ciphertext" not in text
    assert AuditEvent.objects.filter(action="privacy.exported", actor=world.employee.user).exists()


def test_hr_removes_a_person_and_the_figures_stay(world, pair, programme, client):
    filters = Filters(world.org, timezone.localdate() - datetime.timedelta(days=30), timezone.localdate())
    before = coverage(filters)
    OutgoingEmail.objects.create(recipient=world.employee.user.email, subject="Kysely", body="link")
    other = OutgoingEmail.objects.create(recipient=world.colleague.user.email, subject="Kysely", body="link")
    client.force_login(world.hr.user)
    url = reverse("privacy:remove", args=[world.org.slug, world.employee.pk])
    asked = client.get(url, **EN)
    assert "This cannot be undone" in asked.content.decode()
    client.post(url, {"confirm": "yes"})
    person = Employee.objects.get(pk=world.employee.pk)
    assert person.anonymised_at and person.first_name == "–" and person.user is None
    assert person.personal_id == f"removed-{person.pk}" and person.email.endswith("@invalid.invalid")
    assert not Note.objects.filter(author=person).exists() and Note.objects.filter(author=world.colleague).exists()
    assert Application.objects.get(employee=person).goals == ""
    assert str(person.pk) not in pair.agreements.get().goals
    world.employee.user.refresh_from_db()
    assert not world.employee.user.is_active and not client.login(username=world.employee.email, password=PASSWORD)
    assert list(OutgoingEmail.objects.values_list("pk", flat=True)) == [other.pk]  # nothing waits for them
    after = coverage(filters)
    # their participation still counts; they are no longer counted among today's staff
    assert after["taking_part"] == before["taking_part"] and after["staff"] == before["staff"] - 1
    assert person not in client.get(reverse("organisations:people", args=[world.org.slug])).context["page"]


def test_only_hr_and_admins_remove_people(world, client):
    url = reverse("privacy:remove", args=[world.org.slug, world.colleague.pk])
    for person, status in ((world.supervisor, 403), (world.employee, 403), (world.other_hr, 404)):
        client.force_login(person.user)
        assert client.post(url, {"confirm": "yes"}).status_code == status
    assert Employee.objects.get(pk=world.colleague.pk).anonymised_at is None


def test_the_retention_rule_anonymises_participants_of_a_long_closed_programme(world, pair, programme, settings):
    settings.RETENTION_MONTHS = 24
    Mentorship.objects.filter(pk=pair.pk).update(state="completed", ended_at=timezone.now())
    programme.state, programme.closed_at = "closed", timezone.now() - datetime.timedelta(days=800)
    programme.save()
    recent = ProgrammeFactory(owner=world.org, state="closed", closed_at=timezone.now() - datetime.timedelta(days=30))
    assert apply_retention() == {"programmes": 1, "mentorships": 0}
    members = list(Member.objects.filter(mentorship=pair).select_related("employee"))
    assert all(m.employee.anonymised_at for m in members)  # stand-ins, not the people
    assert {m.employee.unit_id for m in members} == {world.employee.unit_id, world.colleague.unit_id}
    assert not Member.objects.filter(employee__in=[world.employee, world.colleague]).exists()
    assert not Note.objects.filter(mentorship=pair).exists() and pair.agreements.get().goals == {}
    assert Meeting.objects.get(mentorship=pair).place == ""
    assert MeetingTime.objects.get().employee.anonymised_at  # the hours stay, without the person
    assert Application.objects.get(programme=programme).goals == ""
    assert Employee.objects.get(pk=world.employee.pk).anonymised_at is None  # still an employee
    recent.refresh_from_db()
    assert recent.anonymised_at is None
    assert apply_retention() == {"programmes": 0, "mentorships": 0}  # done once


def test_closing_a_programme_records_when(world, client):
    programme = ProgrammeFactory(owner=world.org, state="running")
    client.force_login(world.hr.user)
    client.post(reverse("programmes:advance", args=[world.org.slug, programme.pk]), {"from": "running"})
    programme.refresh_from_db()
    assert programme.state == "closed" and programme.closed_at is not None


def test_insights_survive_the_retention_rule_without_their_author(world, pair, programme):
    insight = Insight.objects.create(mentorship=pair, author=world.employee, text="Uusi perehdytys")
    programme.state, programme.closed_at = "closed", timezone.now() - datetime.timedelta(days=800)
    programme.save()
    apply_retention()
    insight.refresh_from_db()
    assert insight.text == "Uusi perehdytys" and insight.author.anonymised_at
