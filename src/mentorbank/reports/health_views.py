"""The health panel's reminder: a coordinator nudges the people one concern waits for."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from mentorbank.core.http import origin_of
from mentorbank.organisations.access import OrganisationRequest, organisation_view
from mentorbank.programmes.access import access_programme

from .health import HealthRefused
from .health import remind as send_reminder


@organisation_view("manage_programmes")
@require_POST
def remind(request: OrganisationRequest, programme_id: int) -> HttpResponse:
    programme = access_programme(request.membership, programme_id, manage=True)
    try:
        target = int(request.POST.get("target", ""))
    except ValueError:
        target = 0
    try:
        told = send_reminder(
            programme=programme,
            kind=request.POST.get("kind", ""),
            target_id=target,
            actor=request.user,
            origin=origin_of(request),
        )
    except HealthRefused as refused:
        messages.error(request, refused.message)
    else:
        sent = ngettext("A reminder went to %(n)s person.", "A reminder went to %(n)s people.", told)
        messages.success(request, sent % {"n": told})
    return redirect("programmes:detail", org_slug=request.organisation.slug, programme_id=programme.pk)
