"""Writes on a programme's events and materials, and who may see them."""

from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from mentorbank.core import audit
from mentorbank.core.refusals import Refused
from mentorbank.events.event_forms import EventForm, MaterialForm
from mentorbank.events.models import EventRegistration, Material, ProgrammeEvent
from mentorbank.notifications.service import notify
from mentorbank.organisations.models import Employee
from mentorbank.programmes.models import Programme


class EventRefused(Refused):
    messages = {
        "full": _("The event is full."),
        "past": _("The event is over."),
        "not_for_you": _("This event is not for your role in the programme."),
    }


def participants(programme: Programme, audience: str = "all") -> QuerySet[Employee]:
    """Employees with an active application of the audience's role."""
    roles = {"all": ["mentor", "mentee", "both"], "mentors": ["mentor", "both"], "mentees": ["mentee", "both"]}
    return Employee.objects.filter(
        applications__programme=programme,
        applications__withdrawn_at__isnull=True,
        applications__role__in=roles[audience],
    ).distinct()


def is_participant(programme: Programme, employee: Employee | None) -> bool:
    return employee is not None and programme.applications.active().filter(employee=employee).exists()


def supervises_participant(programme: Programme, employee: Employee | None) -> bool:
    return employee is not None and programme.applications.active().filter(employee__supervisor=employee).exists()


@transaction.atomic
def event_save(*, programme: Programme, form: EventForm, actor: Any, origin: str | None = None) -> ProgrammeEvent:
    creating = form.instance.pk is None
    event = form.save(commit=False)
    event.programme = programme
    event.save()
    audit.record(
        actor=actor,
        action="event.saved",
        organisation=programme.owner,
        origin=origin,
        details={"programme": programme.pk},
    )
    if creating:
        for employee in participants(programme, event.audience).select_related("user", "organisation"):
            notify(
                user=employee.user,
                template="event_invitation",
                organisation=employee.organisation,
                context={"event": event, "programme": programme, "employee": employee},
            )
    return event


@transaction.atomic
def register(*, event: ProgrammeEvent, employee: Employee) -> EventRegistration:
    locked = ProgrammeEvent.objects.select_for_update().get(pk=event.pk)
    if locked.is_past:
        raise EventRefused("past")
    if not participants(locked.programme, locked.audience).filter(pk=employee.pk).exists():
        raise EventRefused("not_for_you")
    existing = locked.registrations.filter(employee=employee).first()
    if existing:
        return existing
    if locked.capacity is not None and locked.registrations.count() >= locked.capacity:
        raise EventRefused("full")
    return EventRegistration.objects.create(event=locked, employee=employee)


def unregister(*, event: ProgrammeEvent, employee: Employee) -> None:
    if event.is_past:
        raise EventRefused("past")
    event.registrations.filter(employee=employee).delete()


@transaction.atomic
def mark_attendance(*, event: ProgrammeEvent, attended_ids: set[int], actor: Any, origin: str | None = None) -> None:
    for registration in event.registrations.select_for_update():
        attended = registration.pk in attended_ids
        if registration.attended != attended:
            registration.attended = attended
            registration.save(update_fields=["attended"])
    audit.record(
        actor=actor,
        action="event.attendance",
        organisation=event.programme.owner,
        origin=origin,
        details={"programme": event.programme_id, "attended": len(attended_ids)},
    )


@transaction.atomic
def material_save(*, programme: Programme, form: MaterialForm, actor: Any, origin: str | None = None) -> Material:
    material = form.save(commit=False)
    material.programme = programme
    form.attach_file(material)
    material.save()
    audit.record(
        actor=actor,
        action="material.saved",
        organisation=programme.owner,
        origin=origin,
        details={"programme": programme.pk},
    )
    return material


def trained_employee_ids(employee_ids: list[int]) -> set[int]:
    """Who of these has attended a mentor training of any programme."""
    return set(
        EventRegistration.objects.filter(
            employee_id__in=employee_ids, attended=True, event__kind="training"
        ).values_list("employee_id", flat=True)
    )


def visible_materials(programme: Programme, employee: Employee | None, coordinates: bool) -> QuerySet[Material]:
    materials = programme.materials.defer("content")
    if coordinates or is_participant(programme, employee):
        return materials
    if supervises_participant(programme, employee):
        return materials.filter(for_supervisors=True)
    return materials.none()
