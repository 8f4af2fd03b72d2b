"""A committee member's work: the programmes they review and the proposals waiting for them."""

from django.db.models import Count, Q

from mentorbank.organisations.access import Membership
from mentorbank.programmes.models import Programme

from .models import MatchingRun

SHOWN = 20


def programmes_to_review(membership: Membership) -> list[Programme]:
    """Programmes of this organisation (owned or shared) whose committee the member sits on, not closed,
    each with `runs_ready`: the finished runs nobody has published yet."""
    if membership.user_id is None:
        return []
    waiting = Q(matching_runs__state=MatchingRun.DONE, matching_runs__published_at__isnull=True)
    return list(
        Programme.objects.of_organisation(membership.organisation)
        .filter(committee_members=membership.user_id)
        .exclude(state=Programme.CLOSED)
        .annotate(runs_ready=Count("matching_runs", filter=waiting, distinct=True))
        .order_by("-created_at")[:SHOWN]
    )
