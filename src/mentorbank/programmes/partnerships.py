"""Consortium programmes: the owner invites another organisation; its HR accepts or declines, and may
leave before the programme runs. Each step is audited and told to the other side's HR by e-mail."""

from typing import Any

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentorbank.core import audit
from mentorbank.core.refusals import Refused
from mentorbank.notifications.service import notify
from mentorbank.organisations.models import Organisation, OrganisationRole
from mentorbank.programmes.models import Partnership, Programme

# Sent inside the transaction when an organisation leaves a programme, with programme and
# organisation: the apps above act on it (its staff's applications are withdrawn).
partner_left = Signal()

STARTED = (Programme.RUNNING, Programme.CLOSED)


class PartnershipRefused(Refused):
    messages = {
        "owner": _("The owner organisation takes part in its own programme already."),
        "already": _("This organisation has already been invited or takes part."),
        "closed": _("Organisations cannot be invited into a closed programme."),
        "not_waiting": _("This invitation has already been answered or withdrawn."),
        "not_partner": _("Your organisation does not take part in this programme."),
        "started": _("The programme is already running: an organisation can no longer leave it."),
    }


@transaction.atomic
def invite(*, programme: Programme, organisation: Organisation, actor: Any, origin: str | None = None) -> Partnership:
    """Invite an organisation (again, after it declined, left or the invitation was withdrawn)."""
    if organisation.pk == programme.owner_id:
        raise PartnershipRefused("owner")
    if programme.state == Programme.CLOSED:
        raise PartnershipRefused("closed")
    partnership, created = Partnership.objects.select_for_update().get_or_create(
        programme=programme, organisation=organisation, defaults={"invited_by": actor}
    )
    if not created:
        if partnership.state in (Partnership.INVITED, Partnership.ACCEPTED):
            raise PartnershipRefused("already")
        partnership.state, partnership.invited_by, partnership.invited_at = Partnership.INVITED, actor, timezone.now()
        partnership.decided_by = partnership.decided_at = None
        partnership.save()
    record(partnership, "partnership.invited", actor, origin, programme.owner)
    tell_hr(organisation, "partnership_invited", partnership)
    return partnership


@transaction.atomic
def answer(*, partnership: Partnership, accept: bool, actor: Any, origin: str | None = None) -> Partnership:
    """The invited organisation's HR accepts (its staff may then apply) or declines."""
    locked = Partnership.objects.select_for_update().select_related("programme").get(pk=partnership.pk)
    if locked.state != Partnership.INVITED:
        raise PartnershipRefused("not_waiting")
    if accept and locked.programme.state == Programme.CLOSED:
        raise PartnershipRefused("closed")
    decide(locked, Partnership.ACCEPTED if accept else Partnership.DECLINED, actor)
    if accept:
        locked.programme.participating_organisations.add(locked.organisation_id)
    record(locked, "partnership.accepted" if accept else "partnership.declined", actor, origin, locked.organisation)
    tell_hr(locked.programme.owner, "partnership_answered", locked)
    return locked


@transaction.atomic
def leave(*, partnership: Partnership, actor: Any, origin: str | None = None) -> Partnership:
    """A partner leaves before the programme runs: it no longer takes part, its staff's applications
    are withdrawn, and its people leave the matching committee."""
    locked = Partnership.objects.select_for_update().select_related("programme").get(pk=partnership.pk)
    programme = locked.programme
    if locked.state != Partnership.ACCEPTED:
        raise PartnershipRefused("not_partner")
    if programme.state in STARTED:
        raise PartnershipRefused("started")
    decide(locked, Partnership.LEFT, actor)
    programme.participating_organisations.remove(locked.organisation_id)
    remaining = [programme.owner_id, *programme.participating_organisations.values_list("pk", flat=True)]
    programme.committee_members.remove(*programme.committee_members.exclude(employments__organisation__in=remaining))
    partner_left.send(sender=Programme, programme=programme, organisation=locked.organisation)
    record(locked, "partnership.left", actor, origin, locked.organisation)
    tell_hr(programme.owner, "partnership_answered", locked)
    return locked


@transaction.atomic
def withdraw(*, partnership: Partnership, actor: Any, origin: str | None = None) -> Partnership:
    """The owner takes back an invitation that has not been answered."""
    locked = Partnership.objects.select_for_update().select_related("programme").get(pk=partnership.pk)
    if locked.state != Partnership.INVITED:
        raise PartnershipRefused("not_waiting")
    decide(locked, Partnership.WITHDRAWN, actor)
    record(locked, "partnership.withdrawn", actor, origin, locked.programme.owner)
    return locked


def decide(partnership: Partnership, state: str, actor: Any) -> None:
    partnership.state, partnership.decided_by, partnership.decided_at = state, actor, timezone.now()
    partnership.save(update_fields=["state", "decided_by", "decided_at"])


def record(partnership: Partnership, action: str, actor: Any, origin: str | None, organisation: Organisation) -> None:
    audit.record(
        actor=actor,
        action=action,
        organisation=organisation,
        origin=origin,
        details={"programme": partnership.programme_id, "organisation": partnership.organisation_id},
    )


def tell_hr(organisation: Organisation, template: str, partnership: Partnership) -> None:
    for user in OrganisationRole.hr_users(organisation):
        notify(
            user=user,
            template=template,
            organisation=organisation,
            context={"partnership": partnership, "programme": partnership.programme, "organisation": organisation},
        )
