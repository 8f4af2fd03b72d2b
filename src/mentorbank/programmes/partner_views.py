"""Pages of consortium programmes: the owner's coordinators invite organisations; the invited
organisation's HR answers and may leave before the programme runs."""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from mentorbank.core.forms import field_of
from mentorbank.core.http import origin_of
from mentorbank.organisations.access import OrganisationRequest, organisation_view
from mentorbank.organisations.models import Organisation
from mentorbank.programmes import partnerships
from mentorbank.programmes.access import access_programme
from mentorbank.programmes.models import Partnership, Programme


class InviteForm(forms.Form):
    organisation: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=gettext_lazy("Organisation to invite"), queryset=Organisation.objects.none()
    )

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        taken = programme.partnerships.filter(state__in=[Partnership.INVITED, Partnership.ACCEPTED])
        field_of(self, "organisation", forms.ModelChoiceField).queryset = Organisation.objects.exclude(
            pk=programme.owner_id
        ).exclude(pk__in=taken.values("organisation_id"))


@organisation_view("manage_programmes")
def programme_partners(request: OrganisationRequest, programme_id: int) -> HttpResponse:
    """The coordinators' view of the consortium: who is invited, who takes part, and a new invitation."""
    programme = access_programme(request.membership, programme_id, manage=True)
    form = InviteForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        try:
            partnerships.invite(
                programme=programme, organisation=organisation, actor=request.user, origin=origin_of(request)
            )
        except partnerships.PartnershipRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("%(name)s was invited. Its HR accepts or declines.") % {"name": organisation})
            return redirect("programmes:partners", org_slug=request.organisation.slug, programme_id=programme.pk)
    rows = programme.partnerships.select_related("organisation").order_by("organisation__name")
    return render(request, "programmes/partners.html", {"programme": programme, "form": form, "rows": rows})


@require_POST
@organisation_view("manage_programmes")
def partner_withdraw(request: OrganisationRequest, programme_id: int, partnership_id: int) -> HttpResponse:
    programme = access_programme(request.membership, programme_id, manage=True)
    partnership = get_object_or_404(programme.partnerships, pk=partnership_id)
    try:
        partnerships.withdraw(partnership=partnership, actor=request.user, origin=origin_of(request))
    except partnerships.PartnershipRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("The invitation was withdrawn."))
    return redirect("programmes:partners", org_slug=request.organisation.slug, programme_id=programme.pk)


@organisation_view("manage_programmes")
def invitations(request: OrganisationRequest) -> HttpResponse:
    """Programmes of other organisations that this organisation is invited to or takes part in."""
    rows = (
        Partnership.objects.filter(organisation=request.organisation)
        .exclude(state=Partnership.WITHDRAWN)
        .select_related("programme__owner")
        .order_by("-invited_at")
    )
    return render(request, "programmes/invitations.html", {"rows": rows})


@organisation_view("manage_programmes")
def invitation(request: OrganisationRequest, partnership_id: int) -> HttpResponse:
    """One invitation: what the programme is, and accept, decline or (before it runs) leave."""
    partnership = get_object_or_404(
        Partnership.objects.select_related("programme__owner").exclude(state=Partnership.WITHDRAWN),
        organisation=request.organisation,
        pk=partnership_id,
    )
    if request.method == "POST":
        decision = request.POST.get("decision")
        try:
            if decision == "leave":
                partnerships.leave(partnership=partnership, actor=request.user, origin=origin_of(request))
            else:
                partnerships.answer(
                    partnership=partnership,
                    accept=decision == "accept",
                    actor=request.user,
                    origin=origin_of(request),
                )
        except partnerships.PartnershipRefused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, _("Your answer was saved."))
        return redirect("programmes:invitations", org_slug=request.organisation.slug)
    return render(
        request,
        "programmes/invitation.html",
        {"partnership": partnership, "programme": partnership.programme, "started": partnerships.STARTED},
    )
