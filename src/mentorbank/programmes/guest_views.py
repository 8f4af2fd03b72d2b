"""The coordinators' page of a programme's outside trainers and coaches."""

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mentorbank.core.http import origin_of
from mentorbank.organisations.access import OrganisationRequest, organisation_view
from mentorbank.programmes import guests
from mentorbank.programmes.access import access_programme
from mentorbank.programmes.models import ProgrammeGuest


class GuestForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    email = forms.EmailField(label=gettext_lazy("E-mail"))
    employer = forms.CharField(
        label=gettext_lazy("Employer"), max_length=200, help_text=gettext_lazy("E.g. the coaching firm.")
    )
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=ProgrammeGuest.ROLES, widget=forms.RadioSelect)
    on_committee = forms.BooleanField(label=gettext_lazy("Sits on the matching committee"), required=False)


@organisation_view("manage_programmes")
def programme_guests(request: OrganisationRequest, programme_id: int) -> HttpResponse:
    programme = access_programme(request.membership, programme_id, manage=True)
    form = GuestForm(request.POST or None, initial={"role": ProgrammeGuest.TRAINER})
    if request.method == "POST" and form.is_valid():
        try:
            guests.guest_add(programme=programme, data=form.cleaned_data, actor=request.user, origin=origin_of(request))
        except guests.GuestRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("The guest was added and invited by e-mail."))
            return redirect("programmes:guests", org_slug=request.organisation.slug, programme_id=programme.pk)
    rows = programme.guests.filter(removed_at__isnull=True).select_related("user")
    return render(request, "programmes/guests.html", {"programme": programme, "form": form, "rows": rows})


@organisation_view("manage_programmes")
def guest_remove(request: OrganisationRequest, programme_id: int, guest_id: int) -> HttpResponse:
    programme = access_programme(request.membership, programme_id, manage=True)
    guest = get_object_or_404(programme.guests.filter(removed_at__isnull=True), pk=guest_id)
    if request.method == "POST":
        guests.guest_remove(guest=guest, actor=request.user, origin=origin_of(request))
        messages.success(request, _("The guest no longer sees the programme."))
        return redirect("programmes:guests", org_slug=request.organisation.slug, programme_id=programme.pk)
    return render(
        request,
        "programmes/confirm_delete.html",
        {"programme": programme, "thing": str(guest), "back": "programmes:guests"},
    )
