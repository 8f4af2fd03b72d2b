"""Private notes: readable by the participants alone, encrypted at rest, keys rotate."""

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from mentorbank.mentorships import notes
from mentorbank.mentorships.models import Note
from mentorbank.organisations.models import OrganisationRole

from ..factories import EmployeeFactory, ProgrammeFactory, RoleFactory, colleague_mentors_employee, mentorship_of

SECRET = "Puhuimme jaksamisesta ja työpaikan vaihdosta"


@pytest.fixture
def pair(world):
    programme = ProgrammeFactory(owner=world.org, state="running")
    return colleague_mentors_employee(world, programme)


def detail(mentorship):
    return reverse("mentorships:detail", args=[mentorship.organisation.slug, mentorship.pk])


def test_participants_write_and_read_notes_and_nobody_else_can(world, pair, login, client):
    login(world.employee).post(reverse("mentorships:note_add", args=[world.org.slug, pair.pk]), {"text": SECRET})
    assert SECRET in login(world.colleague).get(detail(pair)).content.decode()
    # a participant of another mentorship, HR of this and of another organisation, the admin,
    # the participants' supervisor, and an HR who is also an admin: none of them sees the note
    other = EmployeeFactory(organisation=world.org, unit=world.employee.unit)
    mentorship_of(world.org, other, world.admin, programme=pair.programme)
    RoleFactory(organisation=world.org, user=world.hr.user, role=OrganisationRole.ADMIN)
    for person in (other, world.supervisor, world.hr, world.admin, world.other_hr):
        response = login(person).get(detail(pair))
        assert SECRET not in response.content.decode(), person
        for name in ("print", "agreement_edit"):
            page = login(person).get(reverse(f"mentorships:{name}", args=[world.org.slug, pair.pk]))
            assert SECRET not in page.content.decode()
    assert (
        login(world.supervisor)
        .post(reverse("mentorships:note_add", args=[world.org.slug, pair.pk]), {"text": "x"})
        .status_code
        == 403
    )
    # nor the API: no endpoint serves notes
    client.force_login(world.hr.user)
    schema = client.get("/api/v1/openapi.json").content.decode()
    assert "note" not in schema.lower()


def test_notes_are_encrypted_at_rest(world, pair):
    notes.add(mentorship=pair, author=world.employee, text=SECRET)
    with connection.cursor() as cursor:
        cursor.execute("SELECT ciphertext FROM mentorships_note")
        stored = cursor.fetchone()[0]
    assert SECRET not in stored and "jaksamisesta" not in stored
    assert notes.readable(pair)[0][1] == SECRET


def test_keys_rotate_without_losing_a_note(world, pair, settings):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.NOTES_ENCRYPTION_KEYS = [old]
    notes.add(mentorship=pair, author=world.employee, text=SECRET)
    settings.NOTES_ENCRYPTION_KEYS = [new, old]  # new key first: still reads the old notes
    assert notes.readable(pair)[0][1] == SECRET
    call_command("rotate_note_keys", verbosity=0)
    settings.NOTES_ENCRYPTION_KEYS = [new]  # the old key removed
    assert notes.readable(pair)[0][1] == SECRET
    settings.NOTES_ENCRYPTION_KEYS = [old]
    assert notes.readable(pair)[0][1] == ""  # unreadable with the retired key alone


def test_only_the_author_removes_a_note(world, pair, login):
    note = notes.add(mentorship=pair, author=world.employee, text=SECRET)
    url = reverse("mentorships:note_delete", args=[world.org.slug, pair.pk, note.pk])
    assert login(world.colleague).post(url).status_code == 403
    login(world.employee).post(url)
    assert not Note.objects.exists()
