"""Setting up organisations: each with its first admin, who is told by e-mail how to sign in."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy

from mentorbank.accounts.links import set_password_path
from mentorbank.accounts.models import User
from mentorbank.core import audit
from mentorbank.core.refusals import Refused
from mentorbank.notifications.service import notify
from mentorbank.organisations.models import Organisation, OrganisationRole
from mentorbank.organisations.services import role_grant


class InstallationRefused(Refused):
    messages = {"not_installation_admin": gettext_lazy("Only an installation admin may do this.")}


def check_actor(actor: Any) -> None:
    if not getattr(actor, "is_installation_admin", False):
        raise InstallationRefused("not_installation_admin")


@transaction.atomic
def organisation_create(*, data: dict[str, Any], actor: User, origin: str | None = None) -> Organisation:
    """The organisation and its first admin, both audited in the new organisation's log."""
    check_actor(actor)
    organisation = Organisation.objects.create(
        name=data["name"], slug=data["slug"], business_id=data["business_id"], default_language=data["default_language"]
    )
    audit.record(
        actor=actor,
        action="organisation.created",
        organisation=organisation,
        origin=origin,
        details={"name": organisation.name, "business_id": organisation.business_id},
    )
    admin_add(organisation=organisation, email=data["admin_email"], name=data["admin_name"], actor=actor, origin=origin)
    return organisation


@transaction.atomic
def admin_add(*, organisation: Organisation, email: str, name: str, actor: User, origin: str | None = None) -> User:
    """An admin of the organisation: an existing account gets the role, a new address a new account;
    either way they are told by e-mail (a new account with a link to choose a password)."""
    check_actor(actor)
    user, created = User.objects.get_or_create(email=email, defaults={"full_name": name})
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    if role_grant(organisation=organisation, user=user, role=OrganisationRole.ADMIN, actor=actor, origin=origin):
        notify(
            user=user,
            template="organisation_admin_added",
            organisation=organisation,
            context={
                "organisation": organisation,
                "link": "" if user.has_usable_password() else set_password_path(user),
            },
        )
    return user
