"""The matching committee: who sits on it, and telling the people added that they do."""

from collections.abc import Iterable
from typing import Any

from mentorbank.notifications.service import notify

from .models import Programme


def committee_addresses(programme: Programme, users: Iterable[Any]) -> list[tuple[Any, str]]:
    """Each member with the slug of the organisation through which they open the programme: the owner's
    if they work there (or are an outside guest), else their own employer's among the partners."""
    taking_part = {programme.owner_id, *programme.participating_organisations.values_list("pk", flat=True)}
    addressed = []
    for user in users:
        employers = {e.organisation_id: e.organisation for e in user.employments.select_related("organisation")}
        partners = [org for pk, org in employers.items() if pk in taking_part and pk != programme.owner_id]
        own = programme.owner_id in employers or not partners
        addressed.append((user, programme.owner.slug if own else partners[0].slug))
    return addressed


def tell_committee(programme: Programme, users: Iterable[Any], template: str, context: dict[str, Any]) -> None:
    """Each member is told (added to the committee, a run ready), linked through their own address."""
    for user, slug in committee_addresses(programme, users):
        notify(
            user=user,
            template=template,
            organisation=programme.owner,
            context={**context, "programme": programme, "org_slug": slug},
        )
