"""Everything Mentor Bank holds on a person, as one machine-readable document (GDPR art. 15 and 20).

Secrets are left out (password hash, key and token digests, the two-factor key); private notes the
person wrote are included in plain text; survey answers are not, because nothing links them to anyone."""

from collections.abc import Set as AbstractSet
from typing import Any

from django.core import serializers
from django.db.models import Q, QuerySet
from django.utils import timezone

from mentorbank.accounts.models import ApiToken
from mentorbank.applications.models import Application
from mentorbank.bank.models import GuestInvitation, MentorProfile, MentorRequest
from mentorbank.core.jsonable import plain
from mentorbank.core.models import AccessibilityFeedback, AuditEvent
from mentorbank.events.models import EventRegistration
from mentorbank.mentorships import notes
from mentorbank.mentorships.models import (
    Acceptance,
    Agreement,
    CalendarFeed,
    CheckpointAnswer,
    Insight,
    Meeting,
    MeetingTime,
    Member,
    Note,
    SubstituteRequest,
    TimeException,
)
from mentorbank.organisations.models import Employee, OrganisationRole
from mentorbank.surveys.models import Invitation

SECRET_FIELDS = {"password", "key_hash", "token_hash", "reminder_token_hash", "ciphertext", "search_text"}


def rows(queryset: QuerySet, *, leave_out: AbstractSet[str] = frozenset()) -> list[dict[str, Any]]:
    """Each row as {id, field: value} with related rows by id, secrets left out."""
    found = []
    for item in serializers.serialize("python", queryset):
        fields = {k: plain(v) for k, v in item["fields"].items() if k not in SECRET_FIELDS | leave_out}
        found.append({"id": item["pk"], **fields})
    return found


def personal_data(user: Any) -> dict[str, Any]:
    employees = Employee.objects.filter(user=user)
    mine = list(employees.values_list("pk", flat=True))
    mentorship_ids = list(Member.objects.filter(employee__in=mine).values_list("mentorship_id", flat=True))
    return {
        "generated_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "name": user.full_name,
            "language": user.language,
            "date_joined": plain(user.date_joined),
            "last_login": plain(user.last_login),
            "two_factor_sign_in": user.totpdevice_set.filter(confirmed=True).exists(),
            "calendar_feed": CalendarFeed.objects.filter(user=user).exists(),
        },
        "employments": rows(employees),
        "roles": rows(OrganisationRole.objects.filter(user=user)),
        "api_tokens": rows(ApiToken.objects.filter(user=user)),
        "applications": rows(Application.objects.filter(employee__in=mine)),
        "mentor_profiles": rows(MentorProfile.objects.filter(employee__in=mine)),
        "mentor_requests": rows(MentorRequest.objects.filter(Q(mentee__in=mine) | Q(mentor__employee__in=mine))),
        "guest_invitations": rows(GuestInvitation.objects.filter(mentee__in=mine)),
        "event_registrations": rows(EventRegistration.objects.filter(employee__in=mine)),
        "mentorship_memberships": rows(Member.objects.filter(employee__in=mine)),
        "agreements": agreements(mentorship_ids, mine),
        "acceptances": rows(Acceptance.objects.filter(employee__in=mine)),
        "meetings": rows(Meeting.objects.filter(mentorship_id__in=mentorship_ids)),
        "working_time": rows(MeetingTime.objects.filter(employee__in=mine)),
        "extra_time_allowed": rows(TimeException.objects.filter(employee__in=mine)),
        "substitutes": rows(SubstituteRequest.objects.filter(employee__in=mine)),
        "private_notes": [
            {"id": note.pk, "mentorship": note.mentorship_id, "created_at": plain(note.created_at), "text": text}
            for note, text in ((n, notes.decrypt(n.ciphertext)) for n in Note.objects.filter(author__in=mine))
        ],
        "checkpoint_answers": rows(CheckpointAnswer.objects.filter(employee__in=mine)),
        "shared_insights": rows(Insight.objects.filter(author__in=mine)),
        "survey_invitations": rows(Invitation.objects.filter(employee__in=mine)),
        "accessibility_feedback": rows(AccessibilityFeedback.objects.filter(sender=user)),
        "who_viewed_or_changed_my_data": [
            {"at": plain(e.at), "action": e.action, "by": e.actor_label, "organisation": e.organisation_id}
            for e in AuditEvent.objects.filter(subject__in=mine).order_by("at")
        ],
        "not_included": (
            "Survey answers are stored without any link to the person who answered, so they cannot be "
            "found or given out. Passwords, keys and link secrets are stored only as digests."
        ),
    }


def agreements(mentorship_ids: list[int], mine: list[int]) -> list[dict[str, Any]]:
    """Each agreement's terms, with only this person's own goals."""
    found = rows(Agreement.objects.filter(mentorship_id__in=mentorship_ids), leave_out={"goals"})
    goals = dict(Agreement.objects.filter(mentorship_id__in=mentorship_ids).values_list("pk", "goals"))
    for row in found:
        row["my_goals"] = [g for pk in mine for g in goals[row["id"]].get(str(pk), [])]
    return found
