"""Changes to people and units move the organisation's people_version (see
kept); the HR import's bulk writes, which send no signals, move it themselves."""

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .kept import people_changed
from .models import Employee, Unit


@receiver([post_save, post_delete], sender=Employee)
@receiver([post_save, post_delete], sender=Unit)
def people_or_units_changed(sender: Any, instance: Employee | Unit, **kwargs: Any) -> None:
    people_changed(instance.organisation_id)
