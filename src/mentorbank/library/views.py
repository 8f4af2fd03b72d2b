from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from mentorbank.core.downloads import stored_file_or_link
from mentorbank.core.http import origin_of
from mentorbank.organisations.access import OrganisationRequest, organisation_view

from . import services
from .forms import LibraryItemForm
from .models import LibraryItem


@organisation_view()
def library(request: OrganisationRequest) -> HttpResponse:
    """The organisation's materials: what the viewer's audiences may read; HR also adds and removes."""
    membership = request.membership
    manages = membership.can("manage_programmes")
    form = LibraryItemForm(request.POST or None, request.FILES or None, organisation=request.organisation)
    if request.method == "POST":
        if not manages:
            raise Http404
        if form.is_valid():
            services.item_save(
                organisation=request.organisation, form=form, actor=request.user, origin=origin_of(request)
            )
            messages.success(request, _("The material was added."))
            return redirect("library:library", org_slug=request.organisation.slug)
    items = services.visible_items(membership).select_related("programme")
    return render(request, "library/library.html", {"items": items, "form": form if manages else None})


@organisation_view("manage_programmes")
def item_delete(request: OrganisationRequest, item_id: int) -> HttpResponse:
    item = get_object_or_404(LibraryItem.objects.defer("content"), organisation=request.organisation, pk=item_id)
    if request.method == "POST":
        services.item_delete(item=item, actor=request.user, origin=origin_of(request))
        messages.success(request, _("The material was removed."))
        return redirect("library:library", org_slug=request.organisation.slug)
    return render(request, "library/delete.html", {"item": item})


@organisation_view()
def item_download(request: OrganisationRequest, item_id: int) -> HttpResponse:
    item = services.visible_items(request.membership).filter(pk=item_id).first()
    if item is None:
        raise Http404
    return stored_file_or_link(item)
