"""The matching committee: who sits on it, and telling the people added that they do."""

from collections.abc import Iterable
from typing import Any

from mentorbank.notifications.service import notify

from .models import Programme


def committee_address(user: Any, programme: Programme) -> str:
    """The slug of the organisation through which this member opens the programme: the owner's if they
    work there (or are an outside guest), else their own employer's among the partners."""
    taking_part = {programme.owner_id, *programme.participating_organisations.values_list("pk", flat=True)}
    employers = {e.organisation_id: e.organisation for e in user.employments.select_related("organisation")}
    partners = [org for pk, org in employers.items() if pk in taking_part and pk != programme.owner_id]
    if programme.owner_id in employers or not partners:
        return programme.owner.slug
    return partners[0].slug


def tell_added(programme: Programme, users: Iterable[Any]) -> None:
    """Each newly added member learns what the committee does and where its work is."""
    for user in users:
        notify(
            user=user,
            template="committee_added",
            organisation=programme.owner,
            context={"programme": programme, "org_slug": committee_address(user, programme)},
        )
