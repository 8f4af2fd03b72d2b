"""One helper to record who did what to whose data."""

from collections.abc import Iterable
from typing import Any

from .models import AuditEvent


def build(
    *,
    actor: Any,
    action: str,
    organisation: Any = None,
    subject: Any = None,
    details: dict[str, Any] | None = None,
    origin: str | None = None,
) -> AuditEvent:
    """An unsaved event, for bulk writes (imports). origin: the client's address, when a person acted."""
    actor = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    return AuditEvent(
        actor=actor,
        actor_label=actor.email if actor is not None else "",
        organisation=organisation,
        action=action,
        subject=subject,
        subject_label=f"{subject.full_name} ({subject.personal_id})" if subject is not None else "",
        details=details or {},
        ip_address=origin,
    )


def record(**kwargs: Any) -> AuditEvent:
    event = build(**kwargs)
    event.save()
    return event


def record_many(events: Iterable[AuditEvent]) -> None:
    AuditEvent.objects.bulk_create(list(events), batch_size=2000)
