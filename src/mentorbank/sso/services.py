"""Single sign-on with OpenID Connect (Authlib): each organisation's own provider; its people are
found by the work e-mail or the HR system's personal ID in the provider's claims."""

from typing import Any

import requests
from authlib.integrations.django_client import OAuth
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy

from mentorbank.accounts.models import User
from mentorbank.core import audit, crypto
from mentorbank.core.refusals import Refused
from mentorbank.organisations.models import Employee, SingleSignOn


class SignInRefused(Refused):
    messages = {
        # the provider vouched for someone the organisation has no employee record of
        "no_such_person": gettext_lazy("%(organisation)s has no one with this account in Mentor Bank. Ask your HR."),
        # the provider's answer did not hold (state, nonce, signature) or it said no
        "provider_failed": gettext_lazy("Signing in with your organisation's account did not succeed. Try again."),
        # the identity provider deactivated the person (SCIM): they no longer work there
        "deactivated": gettext_lazy(
            "%(organisation)s no longer lists you as working there, so you cannot sign in to its Mentor Bank. "
            "Ask your HR if this is wrong."
        ),
    }


def client_for(config: SingleSignOn) -> Any:
    oauth = OAuth()
    return oauth.register(
        name=f"organisation-{config.organisation_id}",
        client_id=config.client_id,
        client_secret=config.client_secret,
        server_metadata_url=config.issuer.rstrip("/") + "/.well-known/openid-configuration",
        client_kwargs={"scope": "openid email profile"},
    )


def end_session_endpoint(config: SingleSignOn) -> str | None:
    """Where the provider ends its own session (OpenID Connect RP-initiated logout), if it says; None
    when it does not support it or cannot be reached (signing out here must work regardless)."""
    try:
        metadata = client_for(config).load_server_metadata()
    except (requests.RequestException, ValueError):
        return None
    endpoint = metadata.get("end_session_endpoint")
    return str(endpoint) if endpoint else None


def employee_for(config: SingleSignOn, claims: dict[str, Any]) -> Employee:
    people = Employee.objects.filter(organisation=config.organisation_id, anonymised_at__isnull=True)
    if config.link_by == SingleSignOn.PERSONAL_ID:
        value = str(claims.get(config.personal_id_claim) or "")
        found = people.filter(personal_id=value).first() if value else None
    else:
        email = str(claims.get("email") or claims.get("preferred_username") or "")
        found = people.filter(email__iexact=email).first() if email else None
    if found is None:
        raise SignInRefused("no_such_person", organisation=config.organisation.name)
    if found.deactivated_at is not None:
        raise SignInRefused("deactivated", organisation=config.organisation.name)
    return found


def account_for(*, config: SingleSignOn, claims: dict[str, Any], origin: str | None = None) -> User:
    """The account of the person the provider vouched for (the view signs it in); an employee
    without an account gets one. An unknown person is refused and audited."""
    try:
        employee = employee_for(config, claims)
    except SignInRefused as refused:
        audit.record(
            actor=None,
            action="auth.sign_in_failed",
            organisation=config.organisation,
            details={"via": "single sign-on", "subject": str(claims.get("sub", "")), "reason": refused.code},
            origin=origin,
        )
        raise
    user = employee.user
    if user is None:
        user = User.objects.filter(email__iexact=employee.email).first() or User.objects.create_user(
            email=employee.email, password=None, full_name=employee.full_name
        )
        Employee.objects.filter(pk=employee.pk).update(user=user)
    return user


def passwords_refused(user: Any) -> bool:
    """True when every organisation the person works for signs them in with its own provider only."""
    employments = Employee.objects.filter(user=user, anonymised_at__isnull=True, deactivated_at__isnull=True)
    if not employments.exists():
        return False
    open_ = employments.filter(
        Q(organisation__single_sign_on__isnull=True)
        | Q(organisation__single_sign_on__enabled=False)
        | Q(organisation__single_sign_on__passwords_allowed=True)
    )
    return not open_.exists()


@transaction.atomic
def rotate_client_secrets() -> int:
    """Re-encrypt every saved client secret with the first key (with the notes, see rotate_note_keys)."""
    configs = SingleSignOn.objects.select_for_update().exclude(client_secret_ciphertext="")
    for config in configs:
        config.client_secret_ciphertext = crypto.rotate(config.client_secret_ciphertext)
        config.save(update_fields=["client_secret_ciphertext"])
    return len(configs)


def ways_in() -> list[tuple[str, str]]:
    """A sign-in button per organisation whose provider is on: its name and where signing in starts."""
    providers = SingleSignOn.objects.filter(enabled=True).select_related("organisation")
    return [
        (config.organisation.name, reverse("sso:start", args=[config.organisation.slug]))
        for config in providers.order_by("organisation__name")
    ]
