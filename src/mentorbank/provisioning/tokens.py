"""The organisation admin makes and revokes provisioning tokens; both are audited."""

from typing import Any

from django.db import transaction
from django.utils import timezone

from mentorbank.core import audit
from mentorbank.core.tokens import digest, note_use
from mentorbank.organisations.models import Organisation

from .models import ProvisioningToken


@transaction.atomic
def issue(
    *, organisation: Organisation, name: str, actor: Any, origin: str | None = None
) -> tuple[ProvisioningToken, str]:
    """The new token and its key, which is shown once and never stored."""
    key = ProvisioningToken.new_key()
    token = ProvisioningToken.objects.create(
        organisation=organisation, name=name, prefix=key[7:15], key_hash=digest(key), created_by=actor
    )
    audit.record(
        actor=actor,
        action="provisioning.token_created",
        organisation=organisation,
        details={"token": str(token)},
        origin=origin,
    )
    return token, key


@transaction.atomic
def revoke(*, token: ProvisioningToken, actor: Any, origin: str | None = None) -> None:
    if token.revoked_at is not None:
        return
    token.revoked_at, token.revoked_by = timezone.now(), actor
    token.save(update_fields=["revoked_at", "revoked_by"])
    audit.record(
        actor=actor,
        action="provisioning.token_revoked",
        organisation=token.organisation,
        details={"token": str(token)},
        origin=origin,
    )


def signed_in(key: str) -> ProvisioningToken | None:
    """The token a request's bearer key belongs to, its use noted (at most once a minute)."""
    token = ProvisioningToken.objects.find(key)
    if token is None:
        return None
    note_use(token, every_seconds=60)
    return token
