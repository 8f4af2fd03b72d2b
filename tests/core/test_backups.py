"""Backup and restore, on whichever database the suite runs on: what was backed up comes back,
what came after is gone."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from mentorbank.organisations.models import Employee

from ..factories import EmployeeFactory


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_the_database_as_it_was(world, tmp_path):
    kept = EmployeeFactory(organisation=world.org, unit=world.employee.unit, last_name="Varmuuskopioitu")
    archive = tmp_path / "mentorbank.backup"
    call_command("backup_database", str(archive))
    assert archive.stat().st_size > 0
    later = EmployeeFactory(organisation=world.org, unit=world.employee.unit, last_name="Myöhemmin")
    Employee.objects.filter(pk=kept.pk).update(last_name="Muutettu")
    call_command("restore_database", str(archive), "--yes")
    assert Employee.objects.get(pk=kept.pk).last_name == "Varmuuskopioitu"
    assert not Employee.objects.filter(pk=later.pk).exists()


def test_restoring_a_missing_file_says_so(tmp_path):
    with pytest.raises(CommandError, match="no such backup"):
        call_command("restore_database", str(tmp_path / "none.backup"), "--yes")
