"""One helper to record who did what to whose data."""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.http import HttpRequest

from .models import AuditEvent


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address: behind TRUSTED_PROXIES reverse proxies, the one the outermost of them saw
    (X-Forwarded-For, counted from the right, so a client cannot forge it); else the connection's."""
    if request is None:
        return None
    proxies = settings.TRUSTED_PROXIES
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or None


def build(
    *,
    actor: Any,
    action: str,
    organisation: Any = None,
    subject: Any = None,
    details: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
) -> AuditEvent:
    """An unsaved event, for bulk writes (imports)."""
    actor = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    return AuditEvent(
        actor=actor,
        actor_label=actor.email if actor is not None else "",
        organisation=organisation,
        action=action,
        subject=subject,
        subject_label=f"{subject.full_name} ({subject.personal_id})" if subject is not None else "",
        details=details or {},
        ip_address=client_ip(request),
    )


def record(**kwargs: Any) -> AuditEvent:
    event = build(**kwargs)
    event.save()
    return event


def record_many(events: Iterable[AuditEvent]) -> None:
    AuditEvent.objects.bulk_create(list(events), batch_size=2000)
