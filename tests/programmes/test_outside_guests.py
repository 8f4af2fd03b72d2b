"""Outside trainers and coaches (seed 003's coaching firms, seed 000's bought training): HR adds a
guest (that is the approval), who gets a guest account that sees only that programme — its events
and attendance, and its matching where they sit on the committee — and nothing else."""

import pytest
from django.test import Client
from django.urls import reverse

from mentorbank.accounts.models import User
from mentorbank.events.models import ProgrammeEvent
from mentorbank.programmes import guests
from mentorbank.programmes.models import Programme, ProgrammeGuest

from ..factories import ProgrammeFactory

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def add_coach(world, client, programme, on_committee=True):
    data = {"name": "Cecilia Coach", "email": "cecilia@valmennus.example", "employer": "Valmennus Oy", "role": "coach"}
    if on_committee:
        data["on_committee"] = "on"
    return client.post(reverse("programmes:guests", args=[world.org.slug, programme.pk]), data)


def test_hr_adds_a_coach_who_sees_only_that_programme(world, login, run_tasks, mailoutbox):
    import datetime

    from django.utils import timezone

    programme = ProgrammeFactory(owner=world.org, state="matching", name_fi="Kohortti 5")
    other = ProgrammeFactory(owner=world.org, state="matching", name_fi="Toinen")
    event = ProgrammeEvent.objects.create(
        programme=programme,
        title="Valmennuspäivä",
        starts_at=timezone.now() + datetime.timedelta(days=3),
        ends_at=timezone.now() + datetime.timedelta(days=3, hours=3),
        location="Kirjasto",
    )
    with run_tasks():
        assert add_coach(world, login(world.hr), programme).status_code == 302
    coach = User.objects.get(email="cecilia@valmennus.example")
    assert not coach.has_usable_password() and "/accounts/reset/" in mailoutbox[-1].body, "sets a password"
    assert programme.committee_members.filter(pk=coach.pk).exists()
    client = Client(**EN)
    client.force_login(coach)
    slug = world.org.slug
    start = client.get(reverse("home:start"))
    assert start.status_code == 302 and start["Location"] == reverse("programmes:detail", args=[slug, programme.pk])
    page = client.get(reverse("programmes:detail", args=[slug, programme.pk])).content.decode()
    assert "Kohortti 5" in page and "Events and attendance" in page
    assert client.get(reverse("events:events", args=[slug, programme.pk])).status_code == 200
    assert client.get(reverse("events:event_detail", args=[slug, programme.pk, event.pk])).status_code == 200
    assert client.get(reverse("matching:runs", args=[slug, programme.pk])).status_code == 200, "on the committee"
    assert client.get(reverse("applications:applications", args=[slug, programme.pk])).status_code == 200
    refused = [
        reverse("programmes:detail", args=[slug, other.pk]),
        reverse("events:events", args=[slug, other.pk]),
        reverse("matching:runs", args=[slug, other.pk]),
        reverse("home:home", args=[slug]),
        reverse("library:library", args=[slug]),
        reverse("bank:bank", args=[slug]),
        reverse("organisations:people", args=[slug]),
        reverse("programmes:list", args=[slug]),
        reverse("reports:reports", args=[slug]),
        reverse("programmes:guests", args=[slug, programme.pk]),
    ]
    for url in refused:
        assert client.get(url).status_code in (403, 404), url
    post = client.post(reverse("events:events", args=[slug, programme.pk]), {"title": "Oma"})
    assert post.status_code == 403, "the coordinators set up the events"


def test_a_trainer_off_the_committee_sees_events_not_matching(world, login):
    programme = ProgrammeFactory(owner=world.org, state="matching")
    add_coach(world, login(world.hr), programme, on_committee=False)
    client = Client()
    client.force_login(User.objects.get(email="cecilia@valmennus.example"))
    assert client.get(reverse("events:events", args=[world.org.slug, programme.pk])).status_code == 200
    assert client.get(reverse("matching:runs", args=[world.org.slug, programme.pk])).status_code == 403


def test_a_removed_guest_sees_nothing_and_editing_keeps_the_committee(world, login):
    programme = ProgrammeFactory(owner=world.org, state="matching")
    hr = login(world.hr)
    add_coach(world, hr, programme)
    guest = ProgrammeGuest.objects.get()
    assert (
        "cecilia@valmennus.example"
        in hr.get(reverse("programmes:edit", args=[world.org.slug, programme.pk])).content.decode()
    )
    hr.post(reverse("programmes:guest_remove", args=[world.org.slug, programme.pk, guest.pk]))
    assert not programme.committee_members.exists()
    client = Client()
    client.force_login(guest.user)
    assert client.get(reverse("programmes:detail", args=[world.org.slug, programme.pk])).status_code == 404


def test_staff_of_the_organisation_are_not_added_as_guests(world):
    programme = ProgrammeFactory(owner=world.org)
    data = {"name": "x", "email": world.colleague.email, "employer": "x", "role": "trainer", "on_committee": False}
    with pytest.raises(guests.GuestRefused):
        guests.guest_add(programme=programme, data=data, actor=world.hr.user)
    programme.state = Programme.CLOSED
    programme.save()
    with pytest.raises(guests.GuestRefused):
        guests.guest_add(programme=programme, data={**data, "email": "new@x.example"}, actor=world.hr.user)
