"""A programme's health at a glance, for its coordinators: pairs that have not met for a while,
agreements and checkpoints left waiting (and for whom), bank requests about to expire — each with a
nudge e-mail to the people concerned, sent at most once a day. Dates and names only: nothing of what
the participants wrote."""

import datetime
from collections import defaultdict
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mentorbank.bank.models import MentorRequest
from mentorbank.core import audit
from mentorbank.core.refusals import Refused
from mentorbank.mentorships.models import Agreement, Approval, Meeting, Member, Mentorship
from mentorbank.notifications.service import notify
from mentorbank.organisations.models import OrganisationRole
from mentorbank.programmes.models import Programme

from .models import Nudge

EXPIRING_WITHIN_DAYS = 3
OPEN_STATES = (Mentorship.AGREEING, Mentorship.ACTIVE, Mentorship.PAUSED)


@dataclass
class Recipient:
    user: Any
    organisation: Any
    path: str  # where the reminder sends them


@dataclass
class Concern:
    kind: str
    target_id: int
    title: str  # who: the pair, or the mentee and the mentor asked
    since: datetime.date
    waiting_for: list[str]  # names, with what they are waited for as
    recipients: list[Recipient] = field(default_factory=list)
    url: str = ""  # the coordinator's "open"
    reminded_today: bool = False


class HealthRefused(Refused):
    messages = {
        "nothing_to_remind": gettext_lazy("This no longer waits for anyone: nothing to remind of."),
        "reminded_today": gettext_lazy("A reminder about this was already sent today. Try again tomorrow."),
    }


def current_members(path: str = "members") -> Prefetch:
    return Prefetch(path, Member.objects.current().select_related("employee__user", "employee__organisation"))


def pair_title(mentorship: Mentorship) -> str:
    return " – ".join(m.employee.full_name for m in mentorship.members.all())


def detail_path(mentorship: Mentorship, organisation: Any) -> str:
    return reverse("mentorships:detail", args=[organisation.slug, mentorship.pk])


def participants(mentorship: Mentorship, done: Collection[int] = ()) -> list[Recipient]:
    """The current members, but those (employee ids) who have done their part."""
    return [
        Recipient(m.employee.user, m.employee.organisation, detail_path(mentorship, m.employee.organisation))
        for m in mentorship.members.all()
        if m.employee_id not in done
    ]


def quiet_pairs(programme: Programme, now: datetime.datetime) -> list[Concern]:
    """Active pairs whose last held meeting (or start, before any) is more than the programme's weeks ago."""
    cut = now - datetime.timedelta(weeks=programme.quiet_after_weeks)
    found = (
        Mentorship.objects.filter(programme=programme, state=Mentorship.ACTIVE)
        .annotate(last=Max("meetings__starts_at", filter=Q(meetings__state=Meeting.HELD)))
        .filter(Q(last__lt=cut) | Q(last__isnull=True, created_at__lt=cut))
        .prefetch_related(current_members())
        .order_by("pk")
    )
    return [
        Concern(
            Nudge.QUIET,
            m.pk,
            pair_title(m),
            timezone.localdate(m.last or m.created_at),
            [member.employee.full_name for member in m.members.all()],
            participants(m),
            detail_path(m, programme.owner),
        )
        for m in found
    ]


def waiting_agreements(programme: Programme, now: datetime.datetime) -> list[Concern]:
    """Agreements waiting for acceptance or approval longer than the programme's days, and for whom."""
    cut = now - datetime.timedelta(days=programme.waiting_after_days)
    found = (
        Agreement.objects.filter(
            mentorship__programme=programme,
            mentorship__state__in=OPEN_STATES,
            state__in=[Agreement.ACCEPTING, Agreement.APPROVING],
        )
        .annotate(last_accepted=Max("acceptances__accepted_at"))
        .select_related("mentorship")
        .prefetch_related(
            current_members("mentorship__members"),
            "acceptances",
            Prefetch(
                "approvals",
                Approval.objects.filter(state=Approval.WAITING).select_related(
                    "approver__user", "approver__organisation", "participant", "organisation"
                ),
            ),
        )
        .order_by("pk")
    )
    waiting = [a for a in found if waiting_since(a) < cut]
    hr_of = hr_by_organisation({ap.organisation for a in waiting for ap in a.approvals.all() if ap.kind == Approval.HR})
    return [agreement_concern(a, hr_of, programme) for a in waiting]


def waiting_since(agreement: Agreement) -> datetime.datetime:
    """Approvals wait from the last acceptance, acceptances from the version's making."""
    accepted = getattr(agreement, "last_accepted", None)
    return accepted if agreement.state == Agreement.APPROVING and accepted else agreement.created_at


def hr_by_organisation(organisations: set[Any]) -> dict[int, list[Any]]:
    found: dict[int, list[Any]] = defaultdict(list)
    roles = OrganisationRole.objects.filter(organisation__in=organisations, role=OrganisationRole.HR)
    for role in roles.select_related("user"):
        found[role.organisation_id].append(role.user)
    return found


def agreement_concern(agreement: Agreement, hr_of: dict[int, list[Any]], programme: Programme) -> Concern:
    mentorship = agreement.mentorship
    since = waiting_since(agreement)
    concern = Concern(
        Nudge.AGREEMENT,
        mentorship.pk,
        pair_title(mentorship),
        timezone.localdate(since),
        [],
        url=detail_path(mentorship, programme.owner),
    )
    if agreement.state == Agreement.ACCEPTING:
        accepted = {a.employee_id for a in agreement.acceptances.all()}
        concern.recipients = participants(mentorship, accepted)
        concern.waiting_for = [
            _("%(name)s (to accept)") % {"name": m.employee.full_name}
            for m in mentorship.members.all()
            if m.employee_id not in accepted
        ]
        return concern
    for approval in agreement.approvals.all():
        if approval.kind == Approval.SUPERVISOR and approval.approver:
            organisation = approval.approver.organisation
            path = reverse("home:approvals", args=[organisation.slug])
            concern.recipients.append(Recipient(approval.approver.user, organisation, path))
            concern.waiting_for.append(
                _("%(name)s (supervisor of %(participant)s)")
                % {"name": approval.approver.full_name, "participant": name_of(approval.participant)}
            )
        elif approval.kind == Approval.HR:
            path = reverse("home:approvals", args=[approval.organisation.slug])
            concern.recipients += [Recipient(u, approval.organisation, path) for u in hr_of[approval.organisation_id]]
            concern.waiting_for.append(_("HR of %(organisation)s") % {"organisation": approval.organisation.name})
    return concern


def name_of(employee: Any) -> str:
    return employee.full_name if employee else "–"


def unanswered_checkpoints(programme: Programme, now: datetime.datetime) -> list[Concern]:
    """Checkpoints due (the agreed first meetings held) that someone has left unanswered for longer
    than the programme's days."""
    needed = programme.checkpoint_after_meetings
    if not needed:
        return []
    cut = now - datetime.timedelta(days=programme.waiting_after_days)
    held = Q(meetings__state=Meeting.HELD)
    found = (
        Mentorship.objects.filter(programme=programme, state__in=OPEN_STATES, checkpoint_passed_at__isnull=True)
        .annotate(held=Count("meetings", filter=held), last=Max("meetings__starts_at", filter=held))
        .filter(held__gte=needed, last__lt=cut)
        .prefetch_related(current_members(), "checkpoint_answers")
        .order_by("pk")
    )
    concerns = []
    for m in found:
        answered = {a.employee_id for a in m.checkpoint_answers.all()}
        late = [member for member in m.members.all() if member.employee_id not in answered]
        concerns.append(
            Concern(
                Nudge.CHECKPOINT,
                m.pk,
                pair_title(m),
                timezone.localdate(m.last),
                [member.employee.full_name for member in late],
                participants(m, answered),
                detail_path(m, programme.owner),
            )
        )
    return concerns


def expiring_requests(programme: Programme, now: datetime.datetime) -> list[Concern]:
    """Bank requests of the programme still waiting for the mentor, expiring within a few days."""
    lifetime = datetime.timedelta(days=settings.BANK_EXPIRE_AFTER_DAYS)
    soon = now + datetime.timedelta(days=EXPIRING_WITHIN_DAYS) - lifetime
    found = (
        MentorRequest.objects.filter(programme=programme, state=MentorRequest.PENDING, created_at__lt=soon)
        .select_related("mentee", "mentor__employee__user", "mentor__employee__organisation")
        .order_by("created_at", "pk")
    )
    concerns = []
    for item in found:
        mentor = item.mentor.employee
        path = reverse("bank:bank_requests", args=[mentor.organisation.slug])
        concerns.append(
            Concern(
                Nudge.REQUEST,
                item.pk,
                _("%(mentee)s asked %(mentor)s") % {"mentee": item.mentee.full_name, "mentor": mentor.full_name},
                timezone.localdate(item.created_at + lifetime),  # the day it expires
                [_("%(name)s (to answer)") % {"name": mentor.full_name}],
                [Recipient(mentor.user, mentor.organisation, path)],
                reverse("bank:bank_profile", args=[programme.owner.slug, item.mentor_id]),
            )
        )
    return concerns


FINDERS: dict[str, Callable[[Programme, datetime.datetime], list[Concern]]] = {
    Nudge.QUIET: quiet_pairs,
    Nudge.AGREEMENT: waiting_agreements,
    Nudge.CHECKPOINT: unanswered_checkpoints,
    Nudge.REQUEST: expiring_requests,
}


def health(programme: Programme, now: datetime.datetime | None = None) -> list[dict[str, Any]]:
    """Every kind of concern with its list, each concern marked when it was reminded of today."""
    now = now or timezone.now()
    reminded = set(
        Nudge.objects.filter(programme=programme, sent_on=timezone.localdate(now)).values_list("kind", "target_id")
    )
    labels = dict(Nudge.KINDS)
    result = []
    for kind, find in FINDERS.items():
        concerns = find(programme, now)
        for concern in concerns:
            concern.reminded_today = (kind, concern.target_id) in reminded
        result.append({"kind": kind, "label": labels[kind], "since_label": SINCE_LABELS[kind], "concerns": concerns})
    return result


SINCE_LABELS = {
    Nudge.QUIET: gettext_lazy("Last met"),
    Nudge.AGREEMENT: gettext_lazy("Waiting since"),
    Nudge.CHECKPOINT: gettext_lazy("Due since"),
    Nudge.REQUEST: gettext_lazy("Expires on"),
}


def remind(*, programme: Programme, kind: str, target_id: int, actor: Any, origin: str | None = None) -> int:
    """E-mail the people one concern waits for; refused when it no longer waits or was reminded of
    today. The number of people told."""
    now = timezone.now()
    concern = (
        next((c for c in FINDERS[kind](programme, now) if c.target_id == target_id), None) if kind in FINDERS else None
    )
    if concern is None or not concern.recipients:
        raise HealthRefused("nothing_to_remind")
    try:
        with transaction.atomic():
            Nudge.objects.create(
                programme=programme, kind=kind, target_id=target_id, sent_by=actor, recipients=len(concern.recipients)
            )
    except IntegrityError:
        raise HealthRefused("reminded_today") from None
    for recipient in concern.recipients:
        notify(
            user=recipient.user,
            template=f"health_{kind}",
            organisation=recipient.organisation,
            context={"programme": programme, "concern": concern, "path": recipient.path},
        )
    audit.record(
        actor=actor,
        action="programme.nudge",
        organisation=programme.owner,
        origin=origin,
        details={"programme": programme.pk, "kind": kind, "target": target_id, "recipients": len(concern.recipients)},
    )
    return len(concern.recipients)
