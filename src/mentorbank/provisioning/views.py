"""The organisation admin's page for provisioning tokens: make one (its key shown once), see when each
was last used, revoke one after confirming."""

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from mentorbank.core.http import origin_of
from mentorbank.organisations.access import OrganisationRequest, organisation_view

from . import tokens
from .models import ProvisioningToken


class TokenForm(forms.ModelForm):
    class Meta:
        model = ProvisioningToken
        fields = ["name"]


@organisation_view("manage_roles")
def provisioning(request: OrganisationRequest) -> HttpResponse:
    organisation = request.organisation
    form = TokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        _token, new_key = tokens.issue(
            organisation=organisation, name=form.cleaned_data["name"], actor=request.user, origin=origin_of(request)
        )
        form = TokenForm()
    context = {
        "form": form,
        "new_key": new_key,
        "tokens": organisation.provisioning_tokens.select_related("created_by", "revoked_by"),
        "endpoint": request.build_absolute_uri(reverse("provisioning:scim_root", args=[organisation.slug])),
        "deactivated": organisation.employees.filter(deactivated_at__isnull=False, anonymised_at__isnull=True).count(),
    }
    return render(request, "provisioning/tokens.html", context)


@organisation_view("manage_roles")
def revoke(request: OrganisationRequest, provisioning_token_id: int) -> HttpResponse:
    token = get_object_or_404(
        request.organisation.provisioning_tokens, pk=provisioning_token_id, revoked_at__isnull=True
    )
    if request.method == "POST":
        tokens.revoke(token=token, actor=request.user, origin=origin_of(request))
        messages.success(request, _("The token was revoked. The identity provider can no longer use it."))
        return redirect("provisioning:tokens", org_slug=request.organisation.slug)
    return render(request, "provisioning/revoke.html", {"token": token})
