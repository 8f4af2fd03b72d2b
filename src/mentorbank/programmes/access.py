from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from mentorbank.organisations.access import Membership
from mentorbank.programmes.models import Programme, ProgrammeGuest


def programmes_of(membership: Membership):
    """Programmes the organisation owns or takes part in (for an outside guest: theirs only)."""
    if membership.guest_programmes:
        return Programme.objects.filter(pk__in=membership.guest_programmes, owner=membership.organisation)
    return Programme.objects.of_organisation(membership.organisation)


def guest_programmes(user: Any, organisation: Any) -> frozenset[int]:
    """The organisation's programmes the user is a current outside guest of (the organisations hook)."""
    ids = ProgrammeGuest.objects.filter(user=user, programme__owner=organisation, removed_at__isnull=True)
    return frozenset(ids.values_list("programme_id", flat=True))


def coordinates(membership: Membership, programme: Programme) -> bool:
    """The programme's coordinators are the HR coordinators of its owner organisation."""
    return membership.organisation.pk == programme.owner_id and membership.can("manage_programmes")


def on_committee(membership: Membership, programme: Programme) -> bool:
    user_id = membership.user_id
    return user_id is not None and programme.committee_members.filter(pk=user_id).exists()


def runs_events(membership: Membership, programme: Programme) -> bool:
    """The coordinators, and the programme's outside trainers and coaches (attendance, not set-up)."""
    return coordinates(membership, programme) or programme.pk in membership.guest_programmes


def sees_applications(membership: Membership, programme: Programme) -> bool:
    """Only the coordinators and the matching committee read a programme's applications."""
    return coordinates(membership, programme) or on_committee(membership, programme)


def partner_hr(membership: Membership, programme: Programme) -> bool:
    """HR of a participating organisation (not the owner): sees and approves its own staff only."""
    return membership.is_hr and membership.organisation.pk != programme.owner_id


def access_programme(membership: Membership, programme_id: int, *, manage: bool = False) -> Programme:
    """A programme of the member's organisation: its coordinators (HR of the owner)
    manage it; HR and admins of participating organisations and the committee read it."""
    programme = programmes_of(membership).select_related("owner").filter(pk=programme_id).first()
    if programme is None:
        raise Http404
    if manage:
        if not coordinates(membership, programme):
            raise PermissionDenied
        return programme
    if coordinates(membership, programme) or membership.can("view_programmes") or on_committee(membership, programme):
        return programme
    if programme.pk in membership.guest_programmes:
        return programme
    raise PermissionDenied
