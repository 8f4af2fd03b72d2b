"""Surveys for a programme: copies of the ready ones, invitations on the schedule, reminders, answers.

Anonymity: an invitation knows whom it was sent to and whether they answered; a response knows
only the survey, the respondent's unit and profession group and the day. Nothing joins them."""

import datetime
import secrets
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from mentorbank.core.dates import add_months
from mentorbank.core.refusals import Refused
from mentorbank.core.tokens import digest
from mentorbank.mentorships.models import Member, Mentorship
from mentorbank.notifications.service import notify
from mentorbank.organisations.models import Employee
from mentorbank.programmes.models import Programme

from .models import Answer, Invitation, Question, Response, Survey
from .ready import READY

VALID_DAYS = 30
REMIND_AFTER_DAYS = 7


class SurveyRefused(Refused):
    messages = {
        "unknown": gettext_lazy("This survey link is not valid."),
        "answered": gettext_lazy("This survey has already been answered. Thank you!"),
        "expired": gettext_lazy("This survey link has expired."),
    }


@transaction.atomic
def surveys_of(programme: Programme) -> list[Survey]:
    """The programme's surveys; the ready ones are copied in the first time (then editable)."""
    existing = {(s.kind, s.audience): s for s in programme.surveys.all()}
    for (kind, audience), (titles, questions) in READY.items():
        if (kind, audience) in existing:
            continue
        survey = Survey.objects.create(
            programme=programme,
            kind=kind,
            audience=audience,
            title_fi=titles[0],
            title_sv=titles[1],
            title_en=titles[2],
        )
        Question.objects.bulk_create(
            [
                Question(survey=survey, position=k, kind=q[0], text_fi=q[1], text_sv=q[2], text_en=q[3])
                for k, q in enumerate(questions)
            ]
        )
        existing[(kind, audience)] = survey
    return sorted(existing.values(), key=lambda s: (s.kind, s.audience))


def audience_of(member: Member) -> str:
    return "mentor" if member.role == Member.MENTOR else "mentee"


def invite(survey: Survey, member: Member, mentorship: Mentorship) -> bool:
    """One invitation per person, survey and mentorship; e-mailed with its secret link."""
    token = secrets.token_urlsafe(24)
    try:
        with transaction.atomic():
            Invitation.objects.create(
                survey=survey,
                employee=member.employee,
                mentorship=mentorship,
                token_hash=digest(token),
                expires_at=timezone.now() + datetime.timedelta(days=VALID_DAYS),
            )
            notify(
                user=member.employee.user,
                template="survey_invitation",
                context={"survey": survey, "link": f"{settings.SITE_URL}/s/{token}/", "days": VALID_DAYS},
                organisation=member.employee.organisation,
            )
    except IntegrityError:
        return False  # already invited
    return True


def due_kinds(mentorship: Mentorship, programme: Programme, today: datetime.date) -> list[str]:
    kinds = []
    if mentorship.checkpoint_passed_at or (
        mentorship.state == Mentorship.ENDED and mentorship.checkpoint_answers.exists()
    ):
        kinds.append("checkpoint")
    months = programme.follow_up_after_months
    if months and mentorship.started_on and add_months(mentorship.started_on, months) <= today:
        kinds.append("follow_up")
    ended = mentorship.state in (Mentorship.COMPLETED, Mentorship.ENDED) or (
        mentorship.ends_on is not None and mentorship.ends_on < today
    )
    if programme.final_survey and mentorship.started_on and ended:
        kinds.append("final")
    return kinds


def send_due(today: datetime.date | None = None) -> dict[str, int]:
    """Invite everyone whose survey is due by their programme's schedule, and remind once those
    who have not answered in a week. Safe to run again: nobody is invited or reminded twice."""
    today = today or timezone.localdate()
    invited = 0
    done = set(Invitation.objects.values_list("survey__kind", "employee_id", "mentorship_id"))  # skip, not retry
    mentorships = Mentorship.objects.filter(programme__isnull=False, started_on__isnull=False).select_related(
        "programme"
    )
    for mentorship in mentorships.iterator(chunk_size=500):
        programme = mentorship.programme
        if programme is None:  # the query keeps mentorships of a programme; this tells the type checker
            continue
        kinds = due_kinds(mentorship, programme, today)
        if not kinds:
            continue
        members = mentorship.members.select_related("employee__user", "employee__organisation")
        wanted = [(m, k) for m in members for k in kinds if (k, m.employee_id, mentorship.pk) not in done]
        if not wanted:
            continue
        surveys = {(s.kind, s.audience): s for s in surveys_of(programme)}
        for member, kind in wanted:
            invited += invite(surveys[(kind, audience_of(member))], member, mentorship)
    return {"invited": invited, "reminded": remind(Invitation.objects.all())}


def remind(invitations: Any, *, now: datetime.datetime | None = None, force: bool = False) -> int:
    """One reminder to each unanswered, unexpired invitation a week old (or at once, when a
    coordinator asks). The reminder has a link of its own; the first one keeps working."""
    now = now or timezone.now()
    waiting = invitations.filter(answered=False, reminded_at__isnull=True, expires_at__gt=now)
    if not force:
        waiting = waiting.filter(sent_at__lte=now - datetime.timedelta(days=REMIND_AFTER_DAYS))
    count = 0
    for invitation in waiting.select_related("survey", "employee__user", "employee__organisation"):
        token = secrets.token_urlsafe(24)
        with transaction.atomic():
            updated = Invitation.objects.filter(pk=invitation.pk, reminded_at__isnull=True).update(
                reminded_at=now, reminder_token_hash=digest(token)
            )
            if updated:
                notify(
                    user=invitation.employee.user,
                    template="survey_reminder",
                    context={"survey": invitation.survey, "link": f"{settings.SITE_URL}/s/{token}/"},
                    organisation=invitation.employee.organisation,
                )
                count += 1
    return count


def invitation_for(token: str) -> Invitation:
    hashed = digest(token)
    invitation = (
        Invitation.objects.select_related("survey__programme", "employee")
        .filter(Q(token_hash=hashed) | Q(reminder_token_hash=hashed))
        .first()
    )
    if invitation is None:
        raise SurveyRefused("unknown")
    if invitation.answered:
        raise SurveyRefused("answered")
    if invitation.expires_at <= timezone.now():
        raise SurveyRefused("expired")
    return invitation


@transaction.atomic
def answer(*, token: str, answers: dict[int, tuple[int | None, str]]) -> Response:
    """Save the answers without any link to the person; the invitation only learns it was answered."""
    invitation = invitation_for(token)
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.answered:
        raise SurveyRefused("answered")
    locked.answered = True
    locked.save(update_fields=["answered"])
    employee: Employee = invitation.employee
    response = Response.objects.create(
        survey=invitation.survey, unit_id=employee.unit_id, profession_group_id=employee.profession_group_id
    )
    Answer.objects.bulk_create(
        [Answer(response=response, question_id=q, scale=scale, text=text) for q, (scale, text) in answers.items()]
    )
    return response


def response_rates(programme: Programme) -> list[dict[str, Any]]:
    rows = programme.surveys.annotate(
        invited=Count("invitations", distinct=True),
        answered_count=Count("invitations", filter=Q(invitations__answered=True), distinct=True),
    )
    return [
        {
            "survey": s,
            "invited": s.invited,
            "answered": s.answered_count,
            "rate": round(100 * s.answered_count / s.invited) if s.invited else None,
        }
        for s in rows
    ]
