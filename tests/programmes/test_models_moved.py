"""The mentor bank's, applications' and events' models moved out of programmes into their own apps
with their tables kept: the move loses no row, in either direction, and the keys that point at
them (matches, mentorships) still reach them."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from mentorbank.applications.models import Application, ApplicationImport
from mentorbank.bank.models import GuestInvitation, MentorProfile, MentorRequest
from mentorbank.events.models import EventRegistration, Material, ProgrammeEvent
from mentorbank.matching.models import Match
from mentorbank.mentorships.models import Mentorship

from ..factories import EmployeeFactory, MentorProfileFactory, ProgrammeFactory, mentorship_of

BEFORE_THE_MOVE = [
    ("programmes", "0003_programme_anonymised_at_programme_closed_at"),
    ("matching", "0001_initial"),
    ("mentorships", "0006_mentorship_anonymised_at"),
    ("applications", None),
    ("bank", None),
    ("events", None),
]
MOVED = {
    "applications": [Application, ApplicationImport],
    "bank": [MentorProfile, MentorRequest, GuestInvitation],
    "events": [ProgrammeEvent, EventRegistration, Material],
}


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state([node for node in targets if node[1] is not None]).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def one_of_each(world):
    programme = ProgrammeFactory(owner=world.org, state="running")
    mentee = Application.objects.create(
        programme=programme, employee=world.employee, role="mentee", goals="x", consent_at=timezone.now()
    )
    mentor = Application.objects.create(
        programme=programme, employee=world.colleague, role="mentor", goals="y", consent_at=timezone.now()
    )
    theme = programme.themes.create(name="Perehdytys")
    mentee.themes.add(theme)
    ApplicationImport.objects.create(programme=programme, filename="lomake.csv", content=b"a;b")
    profile = MentorProfileFactory(employee=EmployeeFactory(organisation=world.org, unit=world.employee.unit))
    request = MentorRequest.objects.create(mentee=world.employee, mentor=profile, message="Hei")
    GuestInvitation.objects.create(
        mentee=world.employee, name="Ulla Ulkopuolinen", email="ulla@example.fi", employer="Naapuri", reason="z"
    )
    start = timezone.now() + datetime.timedelta(days=7)
    event = ProgrammeEvent.objects.create(
        programme=programme, title="Koulutus", starts_at=start, ends_at=start + datetime.timedelta(hours=2)
    )
    EventRegistration.objects.create(event=event, employee=world.employee)
    Material.objects.create(programme=programme, title="Opas", link="https://example.fi/opas")
    Match.objects.create(programme=programme, mentee=mentee, mentor=mentor)
    mentorship = mentorship_of(world.org, world.employee, world.colleague, programme=programme)
    Mentorship.objects.filter(pk=mentorship.pk).update(bank_request=request)
    return mentorship


@pytest.mark.django_db(transaction=True)
def test_moving_the_models_keeps_every_row_and_the_keys_to_them(world):
    mentorship = one_of_each(world)
    counts = {model._meta.db_table: model.objects.count() for models in MOVED.values() for model in models}
    assert all(counts.values()), counts
    try:
        old = migrate(BEFORE_THE_MOVE)
        for models in MOVED.values():
            for model in models:
                historical = old.get_model("programmes", model.__name__)
                assert historical._meta.db_table == model._meta.db_table
                assert historical.objects.count() == counts[model._meta.db_table]
        old_match = old.get_model("matching", "Match").objects.get()
        assert old_match.mentee.employee_id == world.employee.pk
    finally:
        new = migrate(latest())
    for app, models in MOVED.items():
        for model in models:
            assert new.get_model(app, model.__name__).objects.count() == counts[model._meta.db_table]
    assert Match.objects.get().mentee.themes.get().name == "Perehdytys"
    assert Mentorship.objects.get(pk=mentorship.pk).bank_request.message == "Hei"


@pytest.mark.django_db(transaction=True)
def test_the_content_types_follow_the_models(world):
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    new_label = ContentType.objects.get_for_model(MentorProfile)
    assert new_label.app_label == "bank"
    try:
        migrate(BEFORE_THE_MOVE)
        assert ContentType.objects.filter(app_label="programmes", model="mentorprofile").exists()
        assert not ContentType.objects.filter(app_label="bank", model="mentorprofile").exists()
    finally:
        migrate(latest())
        ContentType.objects.clear_cache()
    assert ContentType.objects.get(app_label="bank", model="mentorprofile").pk == new_label.pk
