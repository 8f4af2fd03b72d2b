"""Writes on programmes: create, change, move on, copy — each audited."""

from typing import Any

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext_lazy

from mentorbank.core import audit
from mentorbank.core.refusals import Refused
from mentorbank.organisations.models import Organisation
from mentorbank.programmes import committee, partnerships
from mentorbank.programmes.forms import ProgrammeForm
from mentorbank.programmes.models import Programme, ProgrammeQuestion, Theme

# Sent inside the transaction when a programme closes, with programme: the apps above act on it
# (the mentor bank invites the cohort's mentees to become mentors).
programme_closed = Signal()


class TransitionRefused(Refused):
    messages = {
        "moved_on": gettext_lazy("The programme has already moved on. Check its state and try again."),
        "no_format": gettext_lazy("Choose at least one format before opening the applications."),
    }


@transaction.atomic
def programme_save(*, form: ProgrammeForm, actor: Any, origin: str | None = None) -> Programme:
    """Save the programme form with its themes and committee."""
    creating = form.instance.pk is None
    programme = form.save(commit=False)
    if creating:
        programme.owner = form.organisation
        programme.created_by = actor
    programme.save()
    form.save_m2m()
    guests = [g.user for g in programme.guests.filter(on_committee=True, removed_at__isnull=True)]
    before = set(programme.committee_members.all())
    # the committee as typed; outside guests on the committee stay until HR removes them as guests
    programme.committee_members.set({*form.cleaned_data["committee_emails"], *guests})
    committee.tell_committee(programme, set(programme.committee_members.all()) - before, "committee_added", {})
    set_themes(programme, form.cleaned_data["themes"])
    audit.record(
        actor=actor,
        action="programme.created" if creating else "programme.updated",
        organisation=programme.owner,
        origin=origin,
        details={"programme": programme.pk, "fields": [] if creating else form.changed_data},
    )
    return programme


def set_themes(programme: Programme, names: list[str]) -> None:
    programme.themes.exclude(name__in=names).delete()
    existing = set(programme.themes.values_list("name", flat=True))
    Theme.objects.bulk_create([Theme(programme=programme, name=name) for name in names if name not in existing])


@transaction.atomic
def programme_advance(*, programme: Programme, expected_state: str, actor: Any, origin: str | None = None) -> Programme:
    """Move the programme to the next state, only in order and only from the state the
    coordinator saw (a double click or a stale page moves nothing)."""
    locked = Programme.objects.select_for_update().get(pk=programme.pk)
    if locked.state != expected_state or locked.next_state is None:
        raise TransitionRefused("moved_on")
    if locked.state == Programme.DRAFT and not locked.formats:
        raise TransitionRefused("no_format")
    previous, locked.state = locked.state, locked.next_state
    if locked.state == Programme.CLOSED:
        locked.closed_at = timezone.now()  # the retention rule counts from here
    locked.save(update_fields=["state", "closed_at"])
    audit.record(
        actor=actor,
        action="programme.state_changed",
        organisation=locked.owner,
        origin=origin,
        details={"programme": locked.pk, "from": previous, "to": locked.state},
    )
    if locked.state == Programme.CLOSED:
        programme_closed.send(sender=Programme, programme=locked)
    return locked


# A copy takes the whole form's configuration except the name, the cohort's dates and the
# organisations, units and groups (many-to-many, handled by programme_copy).
NOT_COPIED = {
    "name_fi",
    "application_opens",
    "application_closes",
    "participating_organisations",
    "eligible_units",
    "eligible_profession_groups",
}
COPIED_FIELDS = [field for field in ProgrammeForm.Meta.fields if field not in NOT_COPIED]


@transaction.atomic
def programme_copy(
    *, programme: Programme, organisation: Organisation, name_fi: str, actor: Any, origin: str | None = None
) -> Programme:
    """A new draft with the same configuration and no people: the next cohort, or the
    same programme in another organisation (then without the units and groups chosen)."""
    copy = Programme(
        owner=organisation,
        name_fi=name_fi,
        copied_from=programme,
        created_by=actor,
        **{field: getattr(programme, field) for field in COPIED_FIELDS},
    )
    same_organisation = organisation.pk == programme.owner_id
    if not same_organisation and copy.eligibility != Programme.ELIGIBLE_ALL:
        copy.eligibility = Programme.ELIGIBLE_ALL
    copy.save()
    if same_organisation:
        copy.eligible_units.set(programme.eligible_units.all())
        copy.eligible_profession_groups.set(programme.eligible_profession_groups.all())
    set_themes(copy, [theme.name for theme in programme.themes.all()])
    ProgrammeQuestion.objects.bulk_create(
        [
            ProgrammeQuestion(programme=copy, text=q.text, kind=q.kind, choices=q.choices, required=q.required)
            for q in programme.questions.all()
        ]
    )
    audit.record(
        actor=actor,
        action="programme.copied",
        organisation=organisation,
        origin=origin,
        details={"programme": copy.pk, "from_programme": programme.pk},
    )
    if same_organisation:  # the partners are invited to the next cohort; each accepts anew
        for partner in programme.participating_organisations.all():
            partnerships.invite(programme=copy, organisation=partner, actor=actor, origin=origin)
    return copy
