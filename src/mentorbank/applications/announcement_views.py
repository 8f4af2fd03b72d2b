"""Announcing an opened programme: a preview, who will receive it, and sending it once."""

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mentorbank.core.http import origin_of
from mentorbank.organisations.access import OrganisationRequest, organisation_view
from mentorbank.programmes.access import access_programme

from . import announcements
from .models import Announcement


class AnnouncementForm(forms.Form):
    message = forms.CharField(
        label=gettext_lazy("A word from you (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Added to the announcement in everyone's e-mail, as you write it."),
    )


@organisation_view("manage_programmes")
def announce(request: OrganisationRequest, programme_id: int) -> HttpResponse:
    """A preview of the e-mail and who will receive it; sending it (once) on confirmation."""
    programme = access_programme(request.membership, programme_id, manage=True)
    form = AnnouncementForm(request.POST or None)
    existing = Announcement.objects.filter(programme=programme).first()
    if request.method == "POST" and form.is_valid() and request.POST.get("confirm") == "send":
        try:
            announcements.announce(
                programme=programme, message=form.cleaned_data["message"], actor=request.user, origin=origin_of(request)
            )
        except announcements.AnnouncementRefused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, _("The announcement is on its way. It is sent in batches."))
        return redirect("applications:announce", org_slug=request.organisation.slug, programme_id=programme.pk)
    people = announcements.recipients(programme)
    sample = people.select_related("organisation").order_by("pk").first()  # anyone: not sorted by name
    preview = None
    if sample is not None and existing is None:
        draft = Announcement(programme=programme, message=form.data.get("message", "") if form.is_bound else "")
        context = {"programme": programme, "announcement": draft, "employee": sample, "site_url": ""}
        preview = {
            "subject": render_to_string("notifications/programme_announced_subject.txt", context).strip(),
            "body": render_to_string("notifications/programme_announced.txt", context),
        }
    return render(
        request,
        "applications/announce.html",
        {
            "programme": programme,
            "form": form,
            "count": people.count() if existing is None else existing.recipients,
            "existing": existing,
            "preview": preview,
        },
    )
