"""Secrets handed out in links and headers (API keys, calendar feeds, survey links) are stored
only as this digest, so a copy of the database does not hold a working secret."""

import hashlib
from typing import Any

from django.utils import timezone


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def note_use(token: Any, *, every_seconds: int) -> None:
    """Record when a stored token was last used (its `last_used_at`), at most once in `every_seconds`,
    so that a client calling often does not write a row on every request."""
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > every_seconds:
        type(token).objects.filter(pk=token.pk).update(last_used_at=now)
