"""Writes on the materials library, and who may read which items."""

from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet

from mentorbank.bank.models import MentorProfile
from mentorbank.core import audit
from mentorbank.mentorships.models import Member
from mentorbank.organisations.access import Membership
from mentorbank.organisations.models import Organisation

from .forms import LibraryItemForm
from .models import LibraryItem


@transaction.atomic
def item_save(
    *, organisation: Organisation, form: LibraryItemForm, actor: Any, origin: str | None = None
) -> LibraryItem:
    item = form.save(commit=False)
    item.organisation, item.uploaded_by = organisation, actor
    form.attach_file(item)
    item.save()
    audit.record(
        actor=actor, action="library.added", organisation=organisation, origin=origin, details={"item": item.pk}
    )
    return item


@transaction.atomic
def item_delete(*, item: LibraryItem, actor: Any, origin: str | None = None) -> None:
    audit.record(
        actor=actor,
        action="library.removed",
        organisation=item.organisation,
        origin=origin,
        details={"item": item.pk, "title": item.title},
    )
    item.delete()


def visible_items(membership: Membership) -> QuerySet[LibraryItem]:
    """HR sees the whole library; others the items for everyone and for the audiences they belong to."""
    items = LibraryItem.objects.filter(organisation=membership.organisation).defer("content")
    if membership.can("manage_programmes"):
        return items
    employee = membership.employee
    audience = Q(audience=LibraryItem.EVERYONE)
    if membership.is_supervisor:
        audience |= Q(audience=LibraryItem.SUPERVISORS)
    if employee is not None:
        current = Member.objects.current().filter(employee=employee)
        is_mentor = (
            MentorProfile.objects.filter(employee=employee, in_bank=True).exists()
            or current.filter(role=Member.MENTOR).exists()
        )
        if is_mentor:
            audience |= Q(audience=LibraryItem.MENTORS)
        programmes = current.exclude(mentorship__programme=None).values("mentorship__programme_id")
        audience |= Q(audience=LibraryItem.PARTICIPANTS, programme__in=programmes)
    return items.filter(audience)
