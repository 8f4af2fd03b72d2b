"""Writes on the mentor bank: profiles, requests, answers, approvals and housekeeping."""

import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from mentorbank.applications.models import Application
from mentorbank.bank.bank_programmes import mentor_may_serve, programmes_for_requests
from mentorbank.bank.bank_search import index_profile, visible_profiles
from mentorbank.bank.models import MentorProfile, MentorRequest
from mentorbank.core import audit
from mentorbank.core.refusals import Refused
from mentorbank.notifications.service import notify
from mentorbank.organisations.models import Employee
from mentorbank.programmes.models import Competence, Programme

# Sent inside the transaction when both supervisors have approved an accepted request's time use,
# with mentor_request and actor: mentorships (a floor above the bank) start the pair's mentorship.
time_use_approved = Signal()


class BankRefused(Refused):
    messages = {
        "self": _("You cannot ask yourself."),
        "not_visible": _("This mentor is not in your mentor bank."),
        "unavailable": _("This mentor is not taking new mentees right now."),
        "too_many": ngettext_lazy(
            "You already have %(limit)s open request. Wait for the answer or cancel it first.",
            "You already have %(limit)s open requests. Wait for answers or cancel one first.",
            "limit",
        ),
        "duplicate": _("You have already asked this mentor; wait for the answer."),
        "full": _("You have no room for more mentees. Raise your capacity first if you want to accept."),
        "answered": _("This request has already been answered or it expired."),
        "no_colleague": _("Nobody of your organisation or its partner organisations has this work e-mail."),
        "programme_required": _(
            "Your organisation takes mentor-bank requests only under a programme, and none is open to you now."
        ),
        "programme_closed": _("This programme does not take mentor-bank requests from you now."),
        "mentor_outside_programme": _("This mentor cannot mentor you under this programme."),
        "not_staff": _("You can suggest a mentor only to your own staff."),
        "not_visible_to_staff": _("This mentor is not in your staff member's mentor bank."),
    }


@transaction.atomic
def profile_save(*, employee: Employee, form: Any, actor: Any, origin: str | None = None) -> MentorProfile:
    profile = form.save(commit=False)
    creating = profile.pk is None
    profile.employee = employee
    profile.in_bank = True
    profile.last_active_at = timezone.now()
    profile.save()
    profile.competences.set(Competence.named(employee.organisation, form.cleaned_data["competences_text"]))
    index_profile(profile)
    audit.record(
        actor=actor,
        action="bank.joined" if creating else "bank.profile_updated",
        organisation=employee.organisation,
        subject=employee,
        origin=origin,
    )
    return profile


@transaction.atomic
def request_send(
    *,
    mentee: Employee,
    mentor: MentorProfile,
    message: str,
    actor: Any,
    programme: Programme | None = None,
    origin: str | None = None,
    direct: bool = False,
) -> MentorRequest:
    """direct: the mentee named a colleague who is not (visible) in the bank. programme: the one whose
    rules the pair will follow; None only where the organisation allows requests outside programmes."""
    if mentor.employee_id == mentee.pk:
        raise BankRefused("self")
    if not direct and not visible_profiles(mentee).filter(pk=mentor.pk).exists():
        raise BankRefused("not_visible")
    if mentor.availability != MentorProfile.AVAILABLE:
        raise BankRefused("unavailable")
    check_programme(mentee, mentor, programme)
    check_room_for_a_request(mentee, mentor)
    created = MentorRequest.objects.create(mentee=mentee, mentor=mentor, message=message, programme=programme)
    audit.record(
        actor=actor,
        action="bank.requested",
        organisation=mentee.organisation,
        subject=mentee,
        origin=origin,
        details={"mentor": mentor.employee.personal_id, "programme": programme.pk if programme else None},
    )
    notify(
        user=mentor.employee.user,
        template="mentor_request_received",
        organisation=mentor.employee.organisation,
        context={"mentor_request": created, "mentee": mentee},
    )
    return created


def chosen_programme(mentee: Employee, programme_id: int | None, *, outside: bool = False) -> Programme | None:
    """The programme a caller named, or by default the first one open to the mentee; None when they
    chose to ask outside any programme (or there is none: the request's own check decides)."""
    if outside:
        return None
    available = programmes_for_requests(mentee)
    if programme_id is None:
        return available[0] if available else None
    for programme in available:
        if programme.pk == programme_id:
            return programme
    raise BankRefused("programme_closed")


@transaction.atomic
def request_propose(
    *,
    supervisor: Employee,
    mentee: Employee,
    mentor: MentorProfile,
    message: str,
    programme: Programme | None,
    actor: Any,
    origin: str | None = None,
) -> MentorRequest:
    """A supervisor suggests a mentor of the bank to a staff member (the bank as a supervisor's tool,
    seed 003); the request goes to the mentor only when the staff member confirms it."""
    if mentee.supervisor_id != supervisor.pk:
        raise BankRefused("not_staff")
    if mentor.employee_id == mentee.pk:
        raise BankRefused("self")
    if not visible_profiles(mentee).filter(pk=mentor.pk).exists():
        raise BankRefused("not_visible_to_staff")
    if mentor.availability != MentorProfile.AVAILABLE:
        raise BankRefused("unavailable")
    check_programme(mentee, mentor, programme)
    proposal = MentorRequest.objects.create(
        mentee=mentee,
        mentor=mentor,
        message=message,
        programme=programme,
        state=MentorRequest.PROPOSED,
        proposed_by=supervisor,
    )
    audit.record(
        actor=actor,
        action="bank.proposed",
        organisation=mentee.organisation,
        subject=mentee,
        origin=origin,
        details={"mentor": mentor.employee.personal_id, "by": supervisor.personal_id},
    )
    notify(
        user=mentee.user,
        template="mentor_request_proposed",
        organisation=mentee.organisation,
        context={"mentor_request": proposal, "mentee": mentee, "supervisor": supervisor, "mentor": mentor.employee},
    )
    return proposal


@transaction.atomic
def proposal_answer(
    *, mentor_request: MentorRequest, confirm: bool, actor: Any, origin: str | None = None
) -> MentorRequest:
    """The staff member confirms the supervisor's suggestion (it goes to the mentor as their own request,
    under the same checks) or declines it."""
    locked = (
        MentorRequest.objects.select_for_update().select_related("mentee", "mentor__employee").get(pk=mentor_request.pk)
    )
    if locked.state != MentorRequest.PROPOSED:
        raise BankRefused("answered")
    mentee, mentor = locked.mentee, locked.mentor
    if not confirm:
        locked.state = MentorRequest.CANCELLED
        locked.save(update_fields=["state"])
        return locked
    if mentor.availability != MentorProfile.AVAILABLE:
        raise BankRefused("unavailable")
    check_programme(mentee, mentor, locked.programme)
    check_room_for_a_request(mentee, mentor)
    locked.state, locked.created_at = MentorRequest.PENDING, timezone.now()
    locked.save(update_fields=["state", "created_at"])
    audit.record(actor=actor, action="bank.requested", organisation=mentee.organisation, subject=mentee, origin=origin)
    notify(
        user=mentor.employee.user,
        template="mentor_request_received",
        organisation=mentor.employee.organisation,
        context={"mentor_request": locked, "mentee": mentee},
    )
    return locked


def check_room_for_a_request(mentee: Employee, mentor: MentorProfile) -> None:
    """Not the same mentor twice, and no more open requests than allowed. The mentee's row is locked
    so that two quick submissions (or confirmations) cannot pass the limit together."""
    Employee.objects.select_for_update().filter(pk=mentee.pk).first()
    open_requests = mentee.mentor_requests.open()
    if open_requests.filter(mentor=mentor).exists():
        raise BankRefused("duplicate")
    if open_requests.count() >= settings.BANK_MAX_OPEN_REQUESTS:
        raise BankRefused("too_many", limit=settings.BANK_MAX_OPEN_REQUESTS)


def check_programme(mentee: Employee, mentor: MentorProfile, programme: Programme | None) -> None:
    if programme is None:
        if not mentee.organisation.bank_requests_outside_programmes:
            raise BankRefused("programme_required")
        return
    if programme.pk not in {p.pk for p in programmes_for_requests(mentee)}:
        raise BankRefused("programme_closed")
    if not mentor_may_serve(programme, mentee, mentor):
        raise BankRefused("mentor_outside_programme")


@transaction.atomic
def request_colleague(
    *,
    mentee: Employee,
    email: str,
    message: str,
    actor: Any,
    programme: Programme | None = None,
    origin: str | None = None,
) -> MentorRequest:
    """Ask a colleague of one's own or a partner organisation who is not in the bank."""
    from mentorbank.bank.bank_search import partner_organisations

    organisations = [mentee.organisation_id, *partner_organisations(mentee.organisation).values_list("pk", flat=True)]
    colleague = Employee.objects.filter(organisation__in=organisations, email=email.strip().lower()).first()
    if colleague is None:
        raise BankRefused("no_colleague")
    profile = MentorProfile.objects.filter(employee=colleague).first()
    if profile is None:
        profile = MentorProfile.objects.create(employee=colleague, introduction="", capacity=1, in_bank=False)
    elif profile.availability == MentorProfile.PAUSED:
        raise BankRefused("unavailable")
    return request_send(
        mentee=mentee, mentor=profile, message=message, actor=actor, programme=programme, origin=origin, direct=True
    )


@transaction.atomic
def request_answer(
    *, mentor_request: MentorRequest, accept: bool, answer: str, actor: Any, origin: str | None = None
) -> MentorRequest:
    """Accept or decline. The mentor's row is locked, so two acceptances at the same
    moment are counted one after the other and the capacity is never exceeded."""
    mentor = MentorProfile.objects.select_for_update().get(pk=mentor_request.mentor_id)
    locked = MentorRequest.objects.select_for_update().get(pk=mentor_request.pk)
    if locked.state != MentorRequest.PENDING:
        raise BankRefused("answered")
    load = mentor.requests.holding_capacity().count()
    if accept and load >= mentor.capacity:
        raise BankRefused("full")
    locked.state = MentorRequest.ACCEPTED if accept else MentorRequest.DECLINED
    locked.answer, locked.answered_at = answer, timezone.now()
    locked.save(update_fields=["state", "answer", "answered_at"])
    mentor.last_active_at = timezone.now()
    if accept and load + 1 >= mentor.capacity:
        mentor.availability = MentorProfile.FULL
    mentor.save(update_fields=["last_active_at", "availability"])
    employee = mentor.employee
    audit.record(
        actor=actor,
        action="bank.answered",
        organisation=employee.organisation,
        subject=locked.mentee,
        origin=origin,
        details={"decision": locked.state},
    )
    notify(
        user=locked.mentee.user,
        template="mentor_request_answered",
        organisation=locked.mentee.organisation,
        context={"mentor_request": locked, "mentor": employee},
    )
    if accept:
        for supervisor in {s for s in (locked.mentee.supervisor, employee.supervisor) if s is not None}:
            notify(
                user=supervisor.user,
                template="mentor_request_approval",
                organisation=supervisor.organisation,
                context={
                    "mentor_request": locked,
                    "mentor": employee,
                    "mentee": locked.mentee,
                    "supervisor": supervisor,
                },
            )
    return locked


@transaction.atomic
def request_cancel(*, mentor_request: MentorRequest, actor: Any, origin: str | None = None) -> None:
    locked = MentorRequest.objects.select_for_update().get(pk=mentor_request.pk)
    if locked.state != MentorRequest.PENDING:
        raise BankRefused("answered")
    locked.state = MentorRequest.CANCELLED
    locked.save(update_fields=["state"])
    audit.record(
        actor=actor,
        action="bank.cancelled",
        organisation=locked.mentee.organisation,
        subject=locked.mentee,
        origin=origin,
    )


@transaction.atomic
def request_supervisor_decide(
    *,
    mentor_request: MentorRequest,
    supervisor: Employee,
    approve: bool,
    actor: Any,
    origin: str | None = None,
) -> None:
    """The mentee's and the mentor's supervisors each approve the time use of an accepted request."""
    locked = (
        MentorRequest.objects.select_for_update().select_related("mentee", "mentor__employee").get(pk=mentor_request.pk)
    )
    decision = MentorRequest.APPROVED if approve else MentorRequest.REFUSED
    sides = []
    if locked.mentee.supervisor_id == supervisor.pk and locked.mentee_supervisor_approval == MentorRequest.WAITING:
        sides.append("mentee_supervisor_approval")
    if (
        locked.mentor.employee.supervisor_id == supervisor.pk
        and locked.mentor_supervisor_approval == MentorRequest.WAITING
    ):
        sides.append("mentor_supervisor_approval")
    if locked.state != MentorRequest.ACCEPTED or not sides:
        raise BankRefused("answered")
    for side in sides:
        setattr(locked, side, decision)
    locked.save(update_fields=sides)
    if approve:
        start_mentorship_when_approved(locked, actor)
    audit.record(
        actor=actor,
        action="bank.supervisor_decided",
        organisation=supervisor.organisation,
        subject=locked.mentee,
        origin=origin,
        details={"decision": decision},
    )


def start_mentorship_when_approved(locked: MentorRequest, actor: Any) -> None:
    """Once both supervisors (those there are) have approved the time use, the pair's mentorship
    starts with its agreement; those approvals carry over to it."""
    mentee, mentor = locked.mentee, locked.mentor.employee
    done = (MentorRequest.APPROVED,)
    mentee_ok = locked.mentee_supervisor_approval in done or mentee.supervisor_id is None
    mentor_ok = locked.mentor_supervisor_approval in done or mentor.supervisor_id is None
    if mentee_ok and mentor_ok:
        time_use_approved.send(sender=MentorRequest, mentor_request=locked, actor=actor)


def housekeeping(now: datetime.datetime | None = None) -> dict[str, int]:
    """Remind mentors of unanswered requests, expire old ones (freeing the mentee to ask
    someone else) and pause mentors who let requests expire again and again."""
    now = now or timezone.now()
    remind_before = now - datetime.timedelta(days=settings.BANK_REMIND_AFTER_DAYS)
    expire_before = now - datetime.timedelta(days=settings.BANK_EXPIRE_AFTER_DAYS)
    counts = {"reminded": 0, "expired": 0, "paused": 0}
    pending = MentorRequest.objects.open().select_related("mentor__employee__organisation", "mentee__organisation")
    for item in pending.filter(created_at__lt=expire_before):
        counts["expired"] += 1
        counts["paused"] += expire(item)
    for item in pending.filter(created_at__lt=remind_before, created_at__gte=expire_before, reminded_at__isnull=True):
        with transaction.atomic():
            if MentorRequest.objects.filter(pk=item.pk, reminded_at__isnull=True).update(reminded_at=now):
                counts["reminded"] += 1
                notify(
                    user=item.mentor.employee.user,
                    template="mentor_request_reminder",
                    organisation=item.mentor.employee.organisation,
                    context={"mentor_request": item},
                )
    return counts


@transaction.atomic
def expire(item: MentorRequest) -> int:
    """Expire one request; 1 when its mentor was paused for it."""
    if not MentorRequest.objects.filter(pk=item.pk, state=MentorRequest.PENDING).update(state=MentorRequest.EXPIRED):
        return 0
    mentor = MentorProfile.objects.select_for_update().get(pk=item.mentor_id)
    mentor.expired_requests += 1
    paused = mentor.expired_requests >= settings.BANK_PAUSE_AFTER_EXPIRED and mentor.availability != mentor.PAUSED
    if paused:
        mentor.availability = MentorProfile.PAUSED
    mentor.save(update_fields=["expired_requests", "availability"])
    notify(
        user=item.mentee.user,
        template="mentor_request_expired",
        organisation=item.mentee.organisation,
        context={"mentor_request": item},
    )
    if paused:
        notify(
            user=mentor.employee.user,
            template="mentor_paused",
            organisation=mentor.employee.organisation,
            context={"mentor": mentor},
        )
    return int(paused)


def invite_alumni_to_the_bank(programme: Programme) -> None:
    """When a cohort ends, its mentees are invited to become mentors themselves."""
    mentees = (
        Application.objects.active()
        .filter(programme=programme, role__in=[Application.MENTEE, Application.BOTH])
        .exclude(employee__mentor_profile__isnull=False)
        .select_related("employee__user", "employee__organisation")
    )
    for application in mentees:
        employee = application.employee
        notify(
            user=employee.user,
            template="alumni_invitation",
            organisation=employee.organisation,
            context={"programme": programme, "employee": employee},
        )
