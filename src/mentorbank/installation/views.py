"""The installation admin's pages: the organisations of this installation, new ones with their first
admin, more admins, and who shares programmes with whom."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from mentorbank.accounts.http import AuthenticatedRequest
from mentorbank.core.http import origin_of
from mentorbank.core.pagination import paginate, query_without_page
from mentorbank.organisations.models import Organisation, OrganisationRole
from mentorbank.programmes.models import Partnership

from . import services
from .forms import AdminForm, OrganisationForm


def installation_admin_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @login_required
    @wraps(view)
    def checked(request: AuthenticatedRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_installation_admin:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return checked


@installation_admin_view
def organisations(request: AuthenticatedRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    found = Organisation.objects.annotate(
        admins=Count("roles", filter=Q(roles__role=OrganisationRole.ADMIN), distinct=True)
    ).order_by("name")
    if query:
        found = found.filter(Q(name__icontains=query) | Q(business_id__icontains=query) | Q(slug__icontains=query))
    return render(
        request,
        "installation/organisations.html",
        {"page": paginate(request, found, 25), "q": query, "query": query_without_page(request)},
    )


@installation_admin_view
def organisation_create(request: AuthenticatedRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation = services.organisation_create(
            data=form.cleaned_data, actor=request.user, origin=origin_of(request)
        )
        messages.success(
            request,
            _("%(name)s was created. Its admin %(email)s was told by e-mail how to sign in.")
            % {"name": organisation.name, "email": form.cleaned_data["admin_email"]},
        )
        return redirect("installation:organisation", slug=organisation.slug)
    return render(request, "installation/organisation_form.html", {"form": form})


@installation_admin_view
def organisation_detail(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    form = AdminForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.admin_add(
            organisation=organisation,
            email=form.cleaned_data["admin_email"],
            name=form.cleaned_data["admin_name"],
            actor=request.user,
            origin=origin_of(request),
        )
        messages.success(
            request, _("%(email)s is an admin of the organisation.") % {"email": form.cleaned_data["admin_email"]}
        )
        return redirect("installation:organisation", slug=organisation.slug)
    partnerships = (
        Partnership.objects.filter(Q(programme__owner=organisation) | Q(organisation=organisation))
        .select_related("programme__owner", "organisation")
        .order_by("-invited_at")[:50]
    )
    return render(
        request,
        "installation/organisation.html",
        {
            "organisation": organisation,
            "admins": organisation.roles.filter(role=OrganisationRole.ADMIN).select_related("user"),
            "partnerships": partnerships,
            "form": form,
        },
    )
