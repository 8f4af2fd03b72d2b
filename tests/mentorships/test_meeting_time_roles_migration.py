"""The migration that records each working time's role fills the rows written before it."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from ..factories import ProgrammeFactory, mentorship_of

BEFORE = [("mentorships", "0008_substitute_name_and_minutes")]
AFTER = [("mentorships", "0009_meeting_time_role")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_existing_times_get_their_persons_role_in_the_mentorship(world):
    mentorship = mentorship_of(world.org, world.employee, world.colleague, programme=ProgrammeFactory(owner=world.org))
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        apps = migrate(BEFORE)
        Meeting = apps.get_model("mentorships", "Meeting")
        MeetingTime = apps.get_model("mentorships", "MeetingTime")
        meeting = Meeting.objects.create(
            mentorship_id=mentorship.pk, starts_at=timezone.now() - datetime.timedelta(days=1), minutes=60, state="held"
        )
        for person in (world.employee, world.colleague, world.supervisor):  # the supervisor is no member
            MeetingTime.objects.create(meeting=meeting, employee_id=person.pk, minutes=60)
        apps = migrate(AFTER)
        roles = dict(apps.get_model("mentorships", "MeetingTime").objects.values_list("employee_id", "role"))
        assert roles == {world.employee.pk: "mentee", world.colleague.pk: "mentor", world.supervisor.pk: ""}
    finally:
        migrate(latest)
