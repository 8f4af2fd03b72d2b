"""The checkpoint after the first meetings, and insights shared with the participants' units."""

from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from mentorbank.accounts.models import User
from mentorbank.core import audit
from mentorbank.notifications.service import notify
from mentorbank.organisations.models import Employee, Unit

from .course import StateRefused, change_state
from .models import CheckpointAnswer, Insight, Meeting, Mentorship
from .services import current_people


def checkpoint_due(mentorship: Mentorship) -> bool:
    """The agreed number of first meetings has been held and the checkpoint not yet passed."""
    needed = mentorship.programme.checkpoint_after_meetings if mentorship.programme else None
    if not needed or mentorship.checkpoint_passed_at or not mentorship.is_open:
        return False
    return mentorship.meetings.filter(state=Meeting.HELD).count() >= needed


def ask_at_checkpoint(mentorship: Mentorship) -> None:
    """Called when a meeting is recorded: on the meeting that reaches the number, ask everyone."""
    needed = mentorship.programme.checkpoint_after_meetings if mentorship.programme else None
    if needed and mentorship.meetings.filter(state=Meeting.HELD).count() == needed:
        for person in current_people(mentorship):
            notify(
                user=person.user,
                template="checkpoint_due",
                context={"mentorship": mentorship, "employee": person, "meeting_count": needed},
                organisation=person.organisation,
            )


@transaction.atomic
def answer(
    *, mentorship: Mentorship, employee: Employee, go_on: bool, reason: str, actor: User, origin: str | None = None
) -> str:
    """Record one answer; one "no" ends the mentorship, everyone's "yes" passes the checkpoint.
    Returns "ended", "passed" or "waiting"."""
    mentorship = Mentorship.objects.select_for_update().get(pk=mentorship.pk)
    if not checkpoint_due(mentorship):
        raise StateRefused("wrong_state")
    CheckpointAnswer.objects.update_or_create(
        mentorship=mentorship, employee=employee, defaults={"wants_to_continue": go_on, "answered_at": timezone.now()}
    )
    if not go_on:
        change_state(
            mentorship=mentorship,
            action="end",
            reason=reason.strip() or _("At the checkpoint a participant chose not to continue."),
            actor=actor,
            origin=origin,
        )
        return "ended"
    yes = set(mentorship.checkpoint_answers.filter(wants_to_continue=True).values_list("employee_id", flat=True))
    if all(person.pk in yes for person in current_people(mentorship)):
        mentorship.checkpoint_passed_at = timezone.now()
        mentorship.save(update_fields=["checkpoint_passed_at"])
        return "passed"
    return "waiting"


def share(
    *, mentorship: Mentorship, author: Employee, text: str, units: list[Unit], actor: User, origin: str | None = None
) -> Insight:
    insight = Insight.objects.create(mentorship=mentorship, author=author, text=text)
    insight.units.set(units)
    audit.record(
        actor=actor,
        action="insight.shared",
        organisation=mentorship.organisation,
        details={"mentorship": mentorship.pk},
        origin=origin,
    )
    return insight


def shareable_units(mentorship: Mentorship) -> QuerySet[Unit]:
    """The participants' own units: where an insight can go."""
    return Unit.objects.filter(employees__mentorship_memberships__mentorship=mentorship).distinct()


def insights_for_supervisor(supervisor: Employee) -> QuerySet[Insight]:
    """Insights shared with the supervisor's own unit or the units of their staff."""
    units = Unit.objects.filter(Q(pk=supervisor.unit_id) | Q(employees__supervisor=supervisor)).values("pk")
    return Insight.objects.filter(units__in=units).distinct().select_related("author", "discussed_by")


def mark_discussed(*, insight: Insight, actor: User, origin: str | None = None) -> Any:
    insight.discussed_at, insight.discussed_by = timezone.now(), actor
    insight.save(update_fields=["discussed_at", "discussed_by"])
    return insight
