"""Mentors from outside the organisation: asked by a mentee, approved by HR, invited as guests."""

from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from mentorbank.accounts.links import set_password_path
from mentorbank.accounts.models import User, normalise_email
from mentorbank.bank.models import GuestInvitation
from mentorbank.core import audit
from mentorbank.notifications.service import notify
from mentorbank.organisations.models import Employee, OrganisationRole


@transaction.atomic
def guest_ask(*, mentee: Employee, data: dict[str, Any], actor: Any, origin: str | None = None) -> GuestInvitation:
    invitation = GuestInvitation.objects.create(
        mentee=mentee,
        name=data["name"],
        email=normalise_email(data["email"]),
        employer=data["employer"],
        reason=data["reason"],
    )
    audit.record(actor=actor, action="guest.asked", organisation=mentee.organisation, subject=mentee, origin=origin)
    for user in OrganisationRole.hr_users(mentee.organisation):
        notify(
            user=user,
            template="guest_approval_needed",
            organisation=mentee.organisation,
            context={"invitation": invitation, "mentee": mentee},
        )
    return invitation


@transaction.atomic
def guest_decide(
    *, invitation: GuestInvitation, approve: bool, reason: str, actor: Any, origin: str | None = None
) -> None:
    locked = GuestInvitation.objects.select_for_update().select_related("mentee__organisation").get(pk=invitation.pk)
    if locked.state != GuestInvitation.WAITING:
        return
    locked.hr_reason, locked.hr_decided_by, locked.hr_decided_at = reason, actor, timezone.now()
    locked.state = GuestInvitation.APPROVED if approve else GuestInvitation.DECLINED
    if approve:
        locked.guest = User.objects.filter(email=locked.email).first() or User.objects.create(
            email=locked.email, full_name=locked.name, password=make_password(None)
        )
    locked.save()
    mentee = locked.mentee
    audit.record(
        actor=actor,
        action="guest.decided",
        organisation=mentee.organisation,
        subject=mentee,
        origin=origin,
        details={"decision": locked.state},
    )
    notify(user=mentee.user, template="guest_decided", organisation=mentee.organisation, context={"invitation": locked})
    if approve and locked.guest is not None:
        send_guest_invitation(locked)


def send_guest_invitation(invitation: GuestInvitation) -> None:
    guest = invitation.guest
    if guest is None:
        raise ValueError("a guest invitation is sent once its guest account exists")
    link = set_password_path(guest)
    notify(
        user=guest,
        template="guest_invitation",
        organisation=invitation.mentee.organisation,
        context={"invitation": invitation, "link": link},
    )


@transaction.atomic
def guest_answer(*, invitation: GuestInvitation, accept: bool, actor: Any, origin: str | None = None) -> None:
    locked = GuestInvitation.objects.select_for_update().select_related("mentee__organisation").get(pk=invitation.pk)
    if locked.state != GuestInvitation.APPROVED:
        return
    locked.state = GuestInvitation.ACCEPTED if accept else GuestInvitation.REFUSED
    locked.save(update_fields=["state"])
    audit.record(
        actor=actor,
        action="guest.answered",
        organisation=locked.mentee.organisation,
        subject=locked.mentee,
        origin=origin,
        details={"decision": locked.state},
    )
    notify(
        user=locked.mentee.user,
        template="guest_answered",
        organisation=locked.mentee.organisation,
        context={"invitation": locked},
    )
