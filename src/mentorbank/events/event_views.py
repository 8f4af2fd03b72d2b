from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentorbank.core.downloads import stored_file_or_link
from mentorbank.core.http import origin_of
from mentorbank.events import eventing
from mentorbank.events.event_forms import EventForm, MaterialForm
from mentorbank.organisations.access import OrganisationRequest, organisation_view
from mentorbank.programmes.access import access_programme, coordinates, programmes_of, runs_events


def managed_programme(request: OrganisationRequest, programme_id: int):
    return access_programme(request.membership, programme_id, manage=True)


@organisation_view(guests=True)
def events(request: OrganisationRequest, programme_id: int) -> HttpResponse:
    """The coordinators set up the events; the programme's outside trainers and coaches see them."""
    programme = access_programme(request.membership, programme_id)
    if not runs_events(request.membership, programme):
        raise PermissionDenied
    manages = coordinates(request.membership, programme)
    form = EventForm(request.POST or None)
    if request.method == "POST" and not manages:
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        eventing.event_save(programme=programme, form=form, actor=request.user, origin=origin_of(request))
        messages.success(request, _("The event was added and the participants were invited."))
        return redirect("events:events", org_slug=request.organisation.slug, programme_id=programme.pk)
    items = programme.events.annotate(registered=Count("registrations"))
    return render(
        request,
        "events/events.html",
        {"programme": programme, "form": form if manages else None, "events": items, "manages": manages},
    )


@organisation_view(guests=True)
def event_detail(request: OrganisationRequest, programme_id: int, event_id: int) -> HttpResponse:
    """The registrations and attendance: kept by the coordinators or the programme's outside trainers."""
    programme = access_programme(request.membership, programme_id)
    if not runs_events(request.membership, programme):
        raise PermissionDenied
    event = get_object_or_404(programme.events, pk=event_id)
    if request.method == "POST":
        attended = {int(value) for value in request.POST.getlist("attended") if value.isdigit()}
        eventing.mark_attendance(event=event, attended_ids=attended, actor=request.user, origin=origin_of(request))
        messages.success(request, _("Attendance was saved."))
        return redirect(request.path)
    registrations = event.registrations.select_related("employee", "employee__unit")
    return render(
        request,
        "events/event_detail.html",
        {"programme": programme, "event": event, "registrations": registrations},
    )


@organisation_view("manage_programmes")
def event_delete(request: OrganisationRequest, programme_id: int, event_id: int) -> HttpResponse:
    programme = managed_programme(request, programme_id)
    event = get_object_or_404(programme.events, pk=event_id)
    if request.method == "POST":
        event.delete()
        messages.success(request, _("The event was removed."))
        return redirect("events:events", org_slug=request.organisation.slug, programme_id=programme.pk)
    return render(
        request,
        "programmes/confirm_delete.html",
        {"programme": programme, "thing": event.title, "back": "events:events"},
    )


@organisation_view("manage_programmes")
def materials(request: OrganisationRequest, programme_id: int) -> HttpResponse:
    programme = managed_programme(request, programme_id)
    form = MaterialForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        eventing.material_save(programme=programme, form=form, actor=request.user, origin=origin_of(request))
        messages.success(request, _("The material was added."))
        return redirect("events:materials", org_slug=request.organisation.slug, programme_id=programme.pk)
    return render(
        request,
        "events/materials.html",
        {"programme": programme, "form": form, "materials": programme.materials.defer("content")},
    )


@organisation_view("manage_programmes")
def material_delete(request: OrganisationRequest, programme_id: int, material_id: int) -> HttpResponse:
    programme = managed_programme(request, programme_id)
    material = get_object_or_404(programme.materials.defer("content"), pk=material_id)
    if request.method == "POST":
        material.delete()
        messages.success(request, _("The material was removed."))
        return redirect("events:materials", org_slug=request.organisation.slug, programme_id=programme.pk)
    return render(
        request,
        "programmes/confirm_delete.html",
        {"programme": programme, "thing": material.title, "back": "events:materials"},
    )


def programme_for_member(request: OrganisationRequest, programme_id: int):
    programme = programmes_of(request.membership).filter(pk=programme_id).first()
    if programme is None:
        raise Http404
    return programme


@organisation_view()
def participant_page(request: OrganisationRequest, programme_id: int) -> HttpResponse:
    """What a participant (or a participant's supervisor) sees of a programme: events and materials."""
    membership = request.membership
    programme = programme_for_member(request, programme_id)
    employee = membership.employee
    is_coordinator = coordinates(membership, programme)
    participant = eventing.is_participant(programme, employee)
    if not (is_coordinator or participant or eventing.supervises_participant(programme, employee)):
        raise PermissionDenied
    items = list(programme.events.all()) if participant or is_coordinator else []
    mine = (
        set(employee.event_registrations.filter(event__programme=programme).values_list("event_id", flat=True))
        if employee
        else set()
    )
    return render(
        request,
        "events/participant.html",
        {
            "programme": programme,
            "events": items,
            "registered": mine,
            "participant": participant,
            "materials": eventing.visible_materials(programme, employee, is_coordinator),
        },
    )


@require_POST
@organisation_view()
def event_register(request: OrganisationRequest, programme_id: int, event_id: int) -> HttpResponse:
    employee = request.membership.employee
    programme = programme_for_member(request, programme_id)
    event = get_object_or_404(programme.events, pk=event_id)
    if employee is None:
        raise PermissionDenied
    try:
        if request.POST.get("action") == "cancel":
            eventing.unregister(event=event, employee=employee)
            messages.success(request, _("Your registration was cancelled."))
        else:
            eventing.register(event=event, employee=employee)
            messages.success(request, _("You are registered."))
    except eventing.EventRefused as refused:
        messages.error(request, refused.message)
    return redirect("events:participant", org_slug=request.organisation.slug, programme_id=programme.pk)


@organisation_view()
def material_download(request: OrganisationRequest, programme_id: int, material_id: int) -> HttpResponse:
    membership = request.membership
    programme = programme_for_member(request, programme_id)
    visible = eventing.visible_materials(programme, membership.employee, coordinates(membership, programme))
    material = visible.filter(pk=material_id).first()
    if material is None:
        raise PermissionDenied
    return stored_file_or_link(material)
