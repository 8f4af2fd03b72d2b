"""Creating mentorships and the life of their agreement: draft, accept, send back, new version, approve."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mentorbank.accounts.models import User
from mentorbank.core import audit
from mentorbank.core.dates import add_months
from mentorbank.core.refusals import Refused
from mentorbank.notifications.service import notify
from mentorbank.organisations.models import Employee, Organisation, OrganisationRole
from mentorbank.programmes.formats import Format
from mentorbank.programmes.models import Programme
from mentorbank.programmes.rules import working_time_text

from .models import Acceptance, Agreement, Approval, Member, Mentorship

EDITABLE = (Agreement.ACCEPTING, Agreement.RETURNED)


class AgreementRefused(Refused):
    messages = {
        "not_editable": gettext_lazy(
            "The agreement can no longer be changed: it is waiting for approvals or approved."
        ),
        "not_accepting": gettext_lazy("This version of the agreement is not waiting for acceptance."),
        "goals_missing": gettext_lazy("Write at least one goal for each mentee before accepting."),
        "not_approving": gettext_lazy("This approval has already been given or is no longer needed."),
        "not_open": gettext_lazy("Only an agreement that is being accepted or approved can be sent back."),
    }


def default_terms(programme: Programme | None, today: datetime.date) -> dict[str, Any]:
    months = programme.duration_months if programme and programme.duration_kind == "months" else 12
    return {
        "starts_on": today,
        "ends_on": add_months(today, months or 12),
        "meeting_every_weeks": programme.meeting_every_weeks if programme else 4,
        "meeting_minutes": programme.meeting_minutes if programme else 60,
        "working_time": working_time_text(programme),
        "confidentiality": _(
            "What is said in the meetings stays between us. Notes are private to the participants; "
            "supervisors and HR see only participation, goals, meeting dates and time used."
        ),
        "ending": _(
            "The mentorship ends at the end date, unless we agree to continue. Any of us may end it "
            "earlier by telling the others and the programme coordinator, with a reason."
        ),
    }


@transaction.atomic
def create_mentorship(
    *,
    organisation: Organisation,
    programme: Programme | None,
    format: str,
    source: str,
    members: Iterable[tuple[Employee, str]],
    actor: Any,
    announce: bool = True,
) -> Mentorship:
    """A new mentorship with its members and a first agreement drafted from the programme's defaults.
    `announce=False` when the caller tells the participants itself (publishing a matching)."""
    mentorship = Mentorship.objects.create(organisation=organisation, programme=programme, format=format, source=source)
    Member.objects.bulk_create([Member(mentorship=mentorship, employee=e, role=role) for e, role in members])
    with translation.override(organisation.default_language):  # the agreement's text: the organisation's language
        terms = default_terms(programme, timezone.localdate())
    Agreement.objects.create(mentorship=mentorship, version=1, created_by=actor, **terms)
    if not announce:
        return mentorship
    for member in mentorship.members.select_related("employee__user", "employee__organisation"):
        notify(
            user=member.employee.user,
            template="agreement_waiting",
            context={"mentorship": mentorship, "employee": member.employee},
            organisation=member.employee.organisation,
        )
    return mentorship


def create_from_matches(*, programme: Programme, matches: list[Any], peer: bool, actor: Any) -> list[Mentorship]:
    """Mentorships for published matches: one per pair, one per group (its mentor or two co-mentors
    and its members). Each match row carries mentee, mentor, second_mentor and group."""
    groups: dict[Any, list[Any]] = {}
    for match in matches:
        groups.setdefault(match.group if match.group is not None else (Format.PAIR, match.pk), []).append(match)
    created = []
    for rows in groups.values():
        first = rows[0]
        if peer:
            members, format = [(first.mentee.employee, Member.PEER), (first.mentor.employee, Member.PEER)], Format.PEER
        else:
            leaders = [a for a in (first.mentor, first.second_mentor) if a is not None]
            members = [(a.employee, Member.MENTOR) for a in leaders] + [
                (r.mentee.employee, Member.MENTEE) for r in rows
            ]
            format = (
                Format.PAIR if first.group is None else (Format.CO_MENTORING if len(leaders) == 2 else Format.GROUP)
            )
        created.append(
            create_mentorship(
                organisation=programme.owner,
                programme=programme,
                format=format,
                source="matching" if first.run_id else "supervisor",
                members=members,
                actor=actor,
                announce=False,
            )
        )
    return created


def create_from_bank_request(*, mentor_request: Any, actor: Any) -> Mentorship:
    """A mentorship for an accepted and approved mentor-bank request (once)."""
    existing = Mentorship.objects.filter(bank_request=mentor_request).first()
    if existing:
        return existing
    mentee, mentor = mentor_request.mentee, mentor_request.mentor.employee
    programme = mentor_request.programme  # its rules apply as to matched pairs; None: the general rules
    in_pairs = programme is not None and Format.PAIR in programme.formats
    mentorship = create_mentorship(
        organisation=programme.owner if programme else mentee.organisation,
        programme=programme,
        format=Format.PAIR if in_pairs else Format.INDIVIDUAL,
        source="bank",
        members=[(mentor, Member.MENTOR), (mentee, Member.MENTEE)],
        actor=actor,
    )
    mentorship.bank_request = mentor_request
    mentorship.save(update_fields=["bank_request"])
    return mentorship


def current_agreement(mentorship: Mentorship) -> Agreement:
    return mentorship.agreements.exclude(state=Agreement.SUPERSEDED).latest("version")


def current_people(mentorship: Mentorship) -> list[Employee]:
    return [m.employee for m in mentorship.members.current().select_related("employee")]


@transaction.atomic
def edit_agreement(
    *, agreement: Agreement, terms: dict[str, Any], goals: dict[str, list[str]], actor: Any
) -> Agreement:
    """Change the terms or goals. Once anyone has accepted (or it was sent back), the change is
    a new version that everyone accepts again; the old one is kept."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.state not in EDITABLE:
        raise AgreementRefused("not_editable")
    if agreement.acceptances.exists() or agreement.state == Agreement.RETURNED:
        agreement.state = Agreement.SUPERSEDED
        agreement.save(update_fields=["state"])
        agreement = Agreement(
            mentorship=agreement.mentorship, version=agreement.version + 1, created_by=actor, goals=agreement.goals
        )
    for field, value in terms.items():
        setattr(agreement, field, value)
    agreement.goals = goals
    agreement.state = Agreement.ACCEPTING
    agreement.save()
    return agreement


@transaction.atomic
def accept(*, agreement: Agreement, employee: Employee, actor: User, origin: str | None = None) -> Agreement:
    agreement = Agreement.objects.select_for_update().select_related("mentorship").get(pk=agreement.pk)
    if agreement.state != Agreement.ACCEPTING:
        raise AgreementRefused("not_accepting")
    mentees = [m for m in agreement.mentorship.members.current() if m.has_goals]
    if not agreement.goals or not all(agreement.goals.get(str(m.employee_id)) for m in mentees):
        raise AgreementRefused("goals_missing")
    Acceptance.objects.get_or_create(agreement=agreement, employee=employee)
    audit.record(
        actor=actor,
        action="agreement.accepted",
        organisation=agreement.mentorship.organisation,
        subject=employee,
        details={"mentorship": agreement.mentorship_id, "version": agreement.version},
        origin=origin,
    )
    people = current_people(agreement.mentorship)
    accepted = set(agreement.acceptances.values_list("employee_id", flat=True))
    if all(person.pk in accepted for person in people):
        ask_for_approvals(agreement, people)
    return agreement


def ask_for_approvals(agreement: Agreement, people: list[Employee]) -> None:
    """Each participant's supervisor approves their time use; their organisation's HR approves where
    the programme says so, or for a participant with no supervisor."""
    mentorship = agreement.mentorship
    # supervisors who approved the time use of a mentor-bank request have approved this too
    carried = mentorship.bank_request_id is not None and agreement.version == 1
    approvals = [
        Approval(
            agreement=agreement,
            kind=Approval.SUPERVISOR,
            participant=person,
            approver_id=person.supervisor_id,
            organisation_id=person.organisation_id,
            state=Approval.APPROVED if carried else Approval.WAITING,
            decided_at=timezone.now() if carried else None,
        )
        for person in people
        if person.supervisor_id
    ]
    # each organisation's HR approves for its own staff (a consortium's partners too)
    hr_organisations = {p.organisation_id for p in people if not p.supervisor_id}
    if mentorship.programme and mentorship.programme.hr_approves_participation:
        hr_organisations |= {p.organisation_id for p in people}
    approvals += [Approval(agreement=agreement, kind=Approval.HR, organisation_id=o) for o in sorted(hr_organisations)]
    Approval.objects.bulk_create(approvals)
    agreement.state = Agreement.APPROVING
    agreement.save(update_fields=["state"])
    waiting = agreement.approvals.filter(state=Approval.WAITING)
    for approval in waiting.select_related("approver__user", "approver__organisation", "participant"):
        for user in approvers_of(approval):
            notify(
                user=user,
                template="agreement_approval_needed",
                context={"mentorship": mentorship, "approval": approval},
                organisation=approval.organisation,
            )
    if not waiting.exists():
        finish_approval(agreement)


def approvers_of(approval: Approval) -> list[Any]:
    if approval.kind == Approval.SUPERVISOR:
        return [approval.approver.user] if approval.approver and approval.approver.user else []
    return OrganisationRole.hr_users(approval.organisation)


@transaction.atomic
def approve(*, approval: Approval, actor: User, origin: str | None = None) -> Agreement:
    approval = Approval.objects.select_for_update().select_related("agreement__mentorship").get(pk=approval.pk)
    agreement = approval.agreement
    if agreement.state != Agreement.APPROVING or approval.state != Approval.WAITING:
        raise AgreementRefused("not_approving")
    approval.state, approval.decided_by, approval.decided_at = Approval.APPROVED, actor, timezone.now()
    approval.save(update_fields=["state", "decided_by", "decided_at"])
    audit.record(
        actor=actor,
        action="agreement.approved",
        organisation=agreement.mentorship.organisation,
        subject=approval.participant,
        details={"mentorship": agreement.mentorship_id, "version": agreement.version, "by": approval.kind},
        origin=origin,
    )
    if not agreement.approvals.filter(state=Approval.WAITING).exists():
        finish_approval(agreement)
    return agreement


def finish_approval(agreement: Agreement) -> None:
    """Everyone has accepted and approved: the mentorship runs on this version's dates."""
    agreement.state = Agreement.APPROVED
    agreement.save(update_fields=["state"])
    mentorship = agreement.mentorship
    if mentorship.state == Mentorship.AGREEING:
        mentorship.state = Mentorship.ACTIVE
    mentorship.started_on = mentorship.started_on or agreement.starts_on
    mentorship.ends_on = agreement.ends_on
    mentorship.save(update_fields=["state", "started_on", "ends_on"])
    for person in current_people(mentorship):
        notify(
            user=person.user,
            template="agreement_approved",
            context={"mentorship": mentorship, "employee": person},
            organisation=person.organisation,
        )


@transaction.atomic
def send_back(*, agreement: Agreement, reason: str, actor: User, origin: str | None = None) -> Agreement:
    """Anyone who reads the agreement to accept or approve it may send it back with a reason."""
    agreement = Agreement.objects.select_for_update().select_related("mentorship").get(pk=agreement.pk)
    if agreement.state not in (Agreement.ACCEPTING, Agreement.APPROVING):
        raise AgreementRefused("not_open")
    agreement.state = Agreement.RETURNED
    agreement.returned_reason, agreement.returned_by, agreement.returned_at = reason, actor, timezone.now()
    agreement.save(update_fields=["state", "returned_reason", "returned_by", "returned_at"])
    audit.record(
        actor=actor,
        action="agreement.returned",
        organisation=agreement.mentorship.organisation,
        details={"mentorship": agreement.mentorship_id, "version": agreement.version},
        origin=origin,
    )
    for person in current_people(agreement.mentorship):
        notify(
            user=person.user,
            template="agreement_returned",
            context={"mentorship": agreement.mentorship, "agreement": agreement, "employee": person},
            organisation=person.organisation,
        )
    return agreement
