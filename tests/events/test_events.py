import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from mentorbank.applications.models import Application
from mentorbank.bank.bank_search import attach_load_and_training, search
from mentorbank.events import eventing
from mentorbank.events.models import EventRegistration, Material, ProgrammeEvent

from ..factories import EmployeeFactory, MentorProfileFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(world):
    programme = ProgrammeFactory(owner=world.org, state="running")
    for employee, role in [(world.employee, "mentee"), (world.colleague, "mentor")]:
        Application.objects.create(
            programme=programme, employee=employee, role=role, goals="x", consent_at=timezone.now()
        )
    return programme


def event_data(**changes):
    start = timezone.localtime() + datetime.timedelta(days=7)
    data = {
        "kind": "training",
        "title": "Mentorikoulutus 1",
        "description": "",
        "audience": "mentors",
        "starts_at": start.strftime("%Y-%m-%dT09:00"),
        "ends_at": start.strftime("%Y-%m-%dT15:00"),
        "location": "Kaupungintalo",
        "online_link": "",
        "capacity": 1,
    }
    data.update(changes)
    return data


def test_coordinator_adds_an_event_and_only_its_audience_is_invited(world, client, programme, run_tasks, mailoutbox):
    client.force_login(world.hr.user)
    with run_tasks():
        response = client.post(reverse("events:events", args=[world.org.slug, programme.pk]), event_data())
    assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [[world.colleague.email]], "mentors only"
    assert mailoutbox[0].subject == "Kutsu: Mentorikoulutus 1"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"ends_at": "2020-01-01T08:00"}, "ends_at"),
        ({"location": ""}, "location"),
        ({"title": ""}, "title"),
    ],
)
def test_bad_events_are_refused(world, client, programme, changes, field):
    client.force_login(world.hr.user)
    response = client.post(reverse("events:events", args=[world.org.slug, programme.pk]), event_data(**changes))
    assert field in response.context["form"].errors and not ProgrammeEvent.objects.exists()


def test_registration_respects_audience_capacity_and_time(world, programme):
    start = timezone.now() + datetime.timedelta(days=3)
    event = ProgrammeEvent.objects.create(
        programme=programme,
        title="Työpaja",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        location="x",
        audience="mentors",
        capacity=1,
    )
    with pytest.raises(eventing.EventRefused):
        eventing.register(event=event, employee=world.employee)  # a mentee
    eventing.register(event=event, employee=world.colleague)
    other_mentor = EmployeeFactory(organisation=world.org, unit=world.employee.unit)
    Application.objects.create(
        programme=programme, employee=other_mentor, role="mentor", goals="x", consent_at=timezone.now()
    )
    with pytest.raises(eventing.EventRefused) as full:
        eventing.register(event=event, employee=other_mentor)
    assert full.value.code == "full" and full.value.message in {"Tilaisuus on täynnä.", "The event is full."}
    ProgrammeEvent.objects.filter(pk=event.pk).update(ends_at=timezone.now() - datetime.timedelta(hours=1))
    event.refresh_from_db()
    with pytest.raises(eventing.EventRefused):
        eventing.unregister(event=event, employee=world.colleague)


def test_attendance_makes_a_trained_mentor_in_the_bank(world, client, programme):
    start = timezone.now() - datetime.timedelta(days=3)
    event = ProgrammeEvent.objects.create(
        programme=programme,
        title="Koulutus",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=6),
        location="x",
    )
    registration = EventRegistration.objects.create(event=event, employee=world.colleague)
    profile = MentorProfileFactory(employee=world.colleague)
    found = list(search(world.employee))
    attach_load_and_training(found)
    assert found[0].trained is False
    client.force_login(world.hr.user)
    client.post(
        reverse("events:event_detail", args=[world.org.slug, programme.pk, event.pk]),
        {"attended": [registration.pk]},
    )
    registration.refresh_from_db()
    assert registration.attended is True
    found = list(search(world.employee))
    attach_load_and_training(found)
    assert found[0] == profile and found[0].trained is True


def test_materials_are_checked_and_shown_to_the_right_people(world, client, programme):
    client.force_login(world.hr.user)
    url = reverse("events:materials", args=[world.org.slug, programme.pk])
    fake = SimpleUploadedFile("opas.pdf", b"MZ\x90 not a pdf")
    assert "file" in client.post(url, {"title": "Opas", "file": fake}).context["form"].errors
    exe = SimpleUploadedFile("virus.exe", b"MZ")
    assert "file" in client.post(url, {"title": "X", "file": exe}).context["form"].errors
    assert "file" in client.post(url, {"title": "Ei mitään"}).context["form"].errors
    client.post(url, {"title": "Opas", "file": SimpleUploadedFile("opas.pdf", b"%PDF-1.4 guide")})
    client.post(url, {"title": "Esihenkilöille", "link": "esimerkki.fi/opas", "for_supervisors": "on"})
    guide, for_supervisors = Material.objects.order_by("pk")
    assert for_supervisors.link == "https://esimerkki.fi/opas"

    def download(employee, material):
        client.force_login(employee.user)
        return client.get(reverse("events:material_download", args=[world.org.slug, programme.pk, material.pk]))

    response = download(world.employee, guide)
    assert response.status_code == 200 and response.content == b"%PDF-1.4 guide"
    assert download(world.supervisor, guide).status_code == 403, "supervisors get only what is meant for them"
    assert download(world.supervisor, for_supervisors).status_code == 302
    assert download(world.admin, guide).status_code == 403
    client.force_login(world.other_hr.user)
    assert (
        client.get(reverse("events:material_download", args=[world.other_org.slug, programme.pk, guide.pk])).status_code
        == 404
    )


@pytest.mark.parametrize("name", ["events:events", "events:materials"])
def test_only_coordinators_manage_events_and_materials(world, client, programme, name):
    url = reverse(name, args=[world.org.slug, programme.pk])
    for who, status in [("employee", 403), ("supervisor", 403), ("admin", 403), ("hr", 200)]:
        client.force_login(getattr(world, who).user)
        assert client.get(url).status_code == status, who


def test_participant_page(world, client, programme):
    start = timezone.now() + datetime.timedelta(days=3)
    event = ProgrammeEvent.objects.create(
        programme=programme, title="Työpaja", starts_at=start, ends_at=start + datetime.timedelta(hours=2), location="x"
    )
    url = reverse("events:participant", args=[world.org.slug, programme.pk])
    client.force_login(world.employee.user)
    assert "Työpaja" in client.get(url).content.decode()
    client.post(reverse("events:event_register", args=[world.org.slug, programme.pk, event.pk]), {"action": "register"})
    assert event.registrations.filter(employee=world.employee).exists()
    client.post(reverse("events:event_register", args=[world.org.slug, programme.pk, event.pk]), {"action": "cancel"})
    assert not event.registrations.exists()
    outsider = EmployeeFactory(organisation=world.org, unit=world.employee.unit)
    client.force_login(outsider.user)
    assert client.get(url).status_code == 403
    client.force_login(world.supervisor.user)
    page = client.get(url).content.decode()
    assert "Työpaja" not in page, "supervisors see materials meant for them, not the events"


def test_programmes_requiring_training_mark_untrained_mentors(world, client, programme):
    programme.requires_trained_mentors = True
    programme.save()
    client.force_login(world.hr.user)
    url = reverse("applications:applications", args=[world.org.slug, programme.pk])
    assert "Koulutus suorittamatta" in client.get(url).content.decode()
    start = timezone.now() - datetime.timedelta(days=3)
    event = ProgrammeEvent.objects.create(
        programme=programme,
        kind="training",
        title="Koulutus",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=6),
        location="x",
    )
    EventRegistration.objects.create(event=event, employee=world.colleague, attended=True)
    page = client.get(url).content.decode()
    assert "Koulutus suorittamatta" not in page and "Koulutettu mentori" in page
