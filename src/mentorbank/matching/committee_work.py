"""A committee member's work: the programmes they review and the proposals waiting for them."""

from mentorbank.organisations.access import Membership
from mentorbank.programmes.models import Programme

from .models import MatchingRun

SHOWN = 20


def programmes_to_review(membership: Membership) -> list[Programme]:
    """Programmes of this organisation (owned or shared) whose committee the member sits on, not closed,
    each with `runs_ready`: finished runs nobody has published, of a kind not yet published (two queries)."""
    if membership.user_id is None:
        return []
    programmes = list(
        Programme.objects.of_organisation(membership.organisation)
        .filter(committee_members=membership.user_id)
        .exclude(state=Programme.CLOSED)
        .order_by("-created_at")[:SHOWN]
    )
    runs = MatchingRun.objects.filter(programme__in=programmes, state=MatchingRun.DONE)
    finished = list(runs.values_list("programme_id", "format", "published_at"))
    published = {(programme, kind) for programme, kind, at in finished if at is not None}
    for programme in programmes:
        programme.runs_ready = sum(  # type: ignore[attr-defined]
            1 for pk, kind, at in finished if pk == programme.pk and at is None and (pk, kind) not in published
        )
    return programmes
