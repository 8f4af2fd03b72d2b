from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from mentorbank.organisations.access import Membership, membership_for
from mentorbank.organisations.models import Organisation


def member(request: HttpRequest, slug: str, capability: str | None = None) -> Membership:
    """The caller's membership of the organisation in the path: 404 when not theirs, 403 without the role."""
    organisation = Organisation.objects.filter(slug=slug).first()
    membership = membership_for(request.auth, organisation) if organisation else None  # type: ignore[attr-defined]
    if membership is None:
        raise Http404
    if capability is not None and not membership.can(capability):
        raise PermissionDenied
    return membership


def own_employee(request: HttpRequest, slug: str):  # type: ignore[no-untyped-def]
    employee = member(request, slug).employee
    if employee is None:
        raise PermissionDenied
    return employee
