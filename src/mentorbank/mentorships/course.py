"""A mentorship's course: pause, resume, complete, end early, continue for another period,
people joining and leaving a group."""

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mentorbank.accounts.models import User
from mentorbank.bank.models import MentorRequest
from mentorbank.core import audit
from mentorbank.core.refusals import Refused
from mentorbank.notifications.service import notify
from mentorbank.organisations.models import Employee

from .models import Agreement, Member, Mentorship
from .services import EDITABLE, current_agreement, current_people, default_terms


class StateRefused(Refused):
    messages = {
        "wrong_state": gettext_lazy("That cannot be done in the mentorship's present state."),
        "reason_needed": gettext_lazy("Write the reason for ending the mentorship early."),
        "not_a_group": gettext_lazy("Participants can be added to open groups only."),
        "already_member": gettext_lazy("This person already takes part."),
        "already_left": gettext_lazy("This person has already left."),
    }


TRANSITIONS = {
    "pause": ((Mentorship.ACTIVE,), Mentorship.PAUSED),
    "resume": ((Mentorship.PAUSED,), Mentorship.ACTIVE),
    "complete": ((Mentorship.ACTIVE, Mentorship.PAUSED), Mentorship.COMPLETED),
    "end": ((Mentorship.AGREEING, Mentorship.ACTIVE, Mentorship.PAUSED), Mentorship.ENDED),
}


@transaction.atomic
def change_state(
    *, mentorship: Mentorship, action: str, reason: str = "", actor: User, origin: str | None = None
) -> Mentorship:
    """Pause, resume, complete or end early (with a reason). Everyone in it is told."""
    mentorship = Mentorship.objects.select_for_update().get(pk=mentorship.pk)
    allowed_from, target = TRANSITIONS[action]
    if mentorship.state not in allowed_from:
        raise StateRefused("wrong_state")
    if action == "end" and not reason.strip():
        raise StateRefused("reason_needed")
    mentorship.state = target
    fields = ["state"]
    if target in (Mentorship.COMPLETED, Mentorship.ENDED):
        mentorship.ended_at, mentorship.ended_by, mentorship.end_reason = timezone.now(), actor, reason
        fields += ["ended_at", "ended_by", "end_reason"]
        if mentorship.bank_request_id:  # the mentor's place in the bank is free again
            MentorRequest.objects.filter(pk=mentorship.bank_request_id).update(released_at=timezone.now())
    mentorship.save(update_fields=fields)
    audit.record(
        actor=actor,
        action=f"mentorship.{action}",
        organisation=mentorship.organisation,
        details={"mentorship": mentorship.pk},
        origin=origin,
    )
    for person in current_people(mentorship):
        notify(
            user=person.user,
            template="mentorship_state_changed",
            context={"mentorship": mentorship, "employee": person, "reason": reason},
            organisation=person.organisation,
        )
    return mentorship


def new_version_from(agreement: Agreement, actor: Any, **changes: Any) -> Agreement:
    """A copy of the agreement as the next version, waiting for everyone's acceptance."""
    fields = {
        f.name: getattr(agreement, f.name)
        for f in Agreement._meta.concrete_fields
        if f.name
        not in ("id", "version", "state", "created_at", "created_by", "returned_reason", "returned_by", "returned_at")
    }
    fields.update(changes)
    latest = agreement.mentorship.agreements.latest("version")
    if agreement.state in (*EDITABLE, Agreement.APPROVING):  # an approved version stays in the history as it was
        agreement.state = Agreement.SUPERSEDED
        agreement.save(update_fields=["state"])
    return Agreement.objects.create(**fields, version=latest.version + 1, created_by=actor)


@transaction.atomic
def continue_for_another_period(*, mentorship: Mentorship, actor: User, origin: str | None = None) -> Agreement:
    """The pair continues: a new version starting the day after the current end, for the
    programme's duration (a year by default), to be accepted and approved like the first."""
    mentorship = Mentorship.objects.select_for_update().get(pk=mentorship.pk)
    agreement = current_agreement(mentorship)
    if mentorship.state not in (Mentorship.ACTIVE, Mentorship.PAUSED) or agreement.state != Agreement.APPROVED:
        raise StateRefused("wrong_state")
    starts = agreement.ends_on + datetime.timedelta(days=1)
    months = default_terms(mentorship.programme, starts)["ends_on"]
    audit.record(
        actor=actor,
        action="mentorship.continued",
        organisation=mentorship.organisation,
        details={"mentorship": mentorship.pk},
        origin=origin,
    )
    return new_version_from(agreement, actor, starts_on=starts, ends_on=months)


@transaction.atomic
def add_member(
    *, mentorship: Mentorship, employee: Employee, role: str, actor: User, origin: str | None = None
) -> Member:
    """Someone joins a group: the agreement names its parties, so a new version follows."""
    mentorship = Mentorship.objects.select_for_update().get(pk=mentorship.pk)
    if not mentorship.is_open or not mentorship.is_group:
        raise StateRefused("not_a_group")
    if mentorship.members.current().filter(employee=employee).exists():
        raise StateRefused("already_member")
    member = Member.objects.create(mentorship=mentorship, employee=employee, role=role)
    new_version_from(current_agreement(mentorship), actor)
    audit.record(
        actor=actor,
        action="mentorship.member_added",
        organisation=mentorship.organisation,
        subject=employee,
        details={"mentorship": mentorship.pk},
        origin=origin,
    )
    notify(
        user=employee.user,
        template="agreement_waiting",
        context={"mentorship": mentorship, "employee": employee},
        organisation=employee.organisation,
    )
    return member


@transaction.atomic
def leave(*, member: Member, actor: User, origin: str | None = None) -> None:
    """A participant leaves; the row stays for the history. With fewer than two left, it ends."""
    member = Member.objects.select_for_update().select_related("mentorship").get(pk=member.pk)
    if member.left_at is not None:
        raise StateRefused("already_left")
    member.left_at = timezone.now()
    member.save(update_fields=["left_at"])
    mentorship = member.mentorship
    audit.record(
        actor=actor,
        action="mentorship.member_left",
        organisation=mentorship.organisation,
        subject=member.employee,
        details={"mentorship": mentorship.pk},
        origin=origin,
    )
    remaining = mentorship.members.current()
    if mentorship.is_open and (remaining.count() < 2 or not remaining.filter(role__in=["mentor", "peer"]).exists()):
        mentorship.state, mentorship.ended_at, mentorship.ended_by = Mentorship.ENDED, timezone.now(), actor
        mentorship.end_reason = mentorship.end_reason or _("Not enough participants left.")
        mentorship.save(update_fields=["state", "ended_at", "ended_by", "end_reason"])
