"""Changes to what the cost report reads: programme costs and profession groups' hourly costs,
each written to the audit log."""

from typing import Any

from django.db import transaction

from mentorbank.core import audit
from mentorbank.programmes.models import Programme

from .models import ProgrammeCost


def add_cost(programme: Programme, data: dict[str, Any], *, actor: Any, origin: str | None = None) -> ProgrammeCost:
    with transaction.atomic():
        cost = ProgrammeCost.objects.create(programme=programme, created_by=actor, **data)
        audit.record(
            actor=actor,
            action="cost.added",
            organisation=programme.owner,
            details={"programme": programme.pk, "cost": cost.pk, "amount": str(cost.amount)},
            origin=origin,
        )
    return cost


def remove_cost(cost: ProgrammeCost, *, actor: Any, origin: str | None = None) -> None:
    with transaction.atomic():
        audit.record(
            actor=actor,
            action="cost.removed",
            organisation=cost.programme.owner,
            details={"programme": cost.programme_id, "description": cost.description, "amount": str(cost.amount)},
            origin=origin,
        )
        cost.delete()


def save_hourly_costs(formset: Any, organisation: Any, *, actor: Any, origin: str | None = None) -> int:
    """Saves the changed groups; returns how many changed."""
    with transaction.atomic():
        changed = formset.save()
        if changed:
            audit.record(
                actor=actor,
                action="hourly_costs.changed",
                organisation=organisation,
                details={"groups": {g.name: str(g.hourly_cost) for g in changed}},
                origin=origin,
            )
    return len(changed)
