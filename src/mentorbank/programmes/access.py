from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from mentorbank.organisations.access import Membership

from .models import Programme


def programmes_of(membership: Membership):  # type: ignore[no-untyped-def]
    """Programmes the organisation owns or takes part in."""
    organisation = membership.organisation
    return Programme.objects.filter(Q(owner=organisation) | Q(participating_organisations=organisation)).distinct()


def access_programme(membership: Membership, programme_id: int, *, manage: bool = False) -> Programme:
    """A programme of the member's organisation: its coordinators (HR of the owner)
    manage it; HR and admins of participating organisations and the committee read it."""
    programme = programmes_of(membership).select_related("owner").filter(pk=programme_id).first()
    if programme is None:
        raise Http404
    coordinates = membership.organisation.pk == programme.owner_id and membership.can("manage_programmes")
    if manage:
        if not coordinates:
            raise PermissionDenied
        return programme
    user = membership.employee.user if membership.employee else None
    on_committee = user is not None and programme.committee_members.filter(pk=user.pk).exists()
    if coordinates or membership.can("view_programmes") or on_committee:
        return programme
    raise PermissionDenied
