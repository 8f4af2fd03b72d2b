"""Removing a person, and the retention rule, while keeping the statistics.

Removing (HR): the person's employee record keeps only its organisation, unit and profession group
(what the reports count); names, IDs, e-mail and free texts go; private notes and the mentor profile
are deleted; the account is closed unless the person still works for another organisation.

Retention (`apply_retention`, daily): RETENTION_MONTHS after a programme closed (or a mentorship outside
programmes ended), each participant's rows in it move to an anonymous stand-in of the same unit and
profession group, and the free texts go. The programme's figures stay; no one can tell who took part."""

import datetime
import uuid
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from mentorbank.accounts.models import ApiToken
from mentorbank.applications.models import Application
from mentorbank.bank.models import MentorProfile, MentorRequest
from mentorbank.core import audit
from mentorbank.core.models import AuditEvent
from mentorbank.events.models import EventRegistration
from mentorbank.mentorships.models import (
    Acceptance,
    Agreement,
    Approval,
    CalendarFeed,
    CheckpointAnswer,
    Insight,
    Meeting,
    MeetingTime,
    Member,
    Mentorship,
    Note,
    SubstituteRequest,
    TimeException,
)
from mentorbank.notifications.models import OutgoingEmail
from mentorbank.organisations.models import Employee, OrganisationRole
from mentorbank.programmes.models import Programme
from mentorbank.surveys.models import Invitation

APPLICATION_TEXTS = {"goals": "", "interests": "", "location": "", "values": {}, "answers": {}, "supervisor_reason": ""}


def removed_label(employee: Employee) -> str:
    return f"#{employee.pk}"


@transaction.atomic
def remove_person(employee: Employee, *, actor: Any, origin: str | None = None) -> None:
    """HR removes a person (GDPR art. 17): anonymised in place, statistics kept."""
    employee = Employee.objects.select_for_update().get(pk=employee.pk)
    user = employee.user
    Note.objects.filter(author=employee).delete()
    MentorProfile.objects.filter(employee=employee).delete()  # its requests go with it
    MentorRequest.objects.filter(mentee=employee).update(message="")
    Application.objects.filter(employee=employee).update(**APPLICATION_TEXTS)
    forget_goals(Agreement.objects.filter(mentorship__members__employee=employee), [employee.pk])
    Employee.objects.filter(supervisor=employee).update(supervisor=None)
    employee.first_name, employee.last_name = "–", removed_label(employee)
    employee.personal_id = f"removed-{employee.pk}"
    employee.email = f"removed-{employee.pk}@invalid.invalid"
    employee.job_title = employee.work_location = employee.languages = ""
    employee.start_date = employee.supervisor = employee.user = None
    employee.anonymised_at = timezone.now()
    employee.save()
    AuditEvent.objects.filter(subject=employee).update(subject_label=removed_label(employee))
    if user is not None:
        OrganisationRole.objects.filter(user=user, organisation=employee.organisation).delete()
        if not Employee.objects.filter(user=user).exists():
            close_account(user)
    audit.record(
        actor=actor, action="employee.removed", organisation=employee.organisation, subject=employee, origin=origin
    )


def close_account(user: Any) -> None:
    OutgoingEmail.objects.filter(recipient__iexact=user.email).delete()  # unsent ones would still go
    ApiToken.objects.filter(user=user).delete()
    CalendarFeed.objects.filter(user=user).delete()
    user.totpdevice_set.all().delete()
    OrganisationRole.objects.filter(user=user).delete()
    user.email = f"removed-{user.pk}@invalid.invalid"
    user.full_name = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()


def forget_goals(agreements: Any, employee_ids: list[int]) -> None:
    keys = {str(pk) for pk in employee_ids}
    for agreement in agreements.distinct():
        if keys & agreement.goals.keys():
            agreement.goals = {k: v for k, v in agreement.goals.items() if k not in keys}
            agreement.save(update_fields=["goals"])


def retention_cutoff(now: datetime.datetime | None = None) -> datetime.datetime:
    return (now or timezone.now()) - datetime.timedelta(days=round(30.44 * settings.RETENTION_MONTHS))


def apply_retention(now: datetime.datetime | None = None) -> dict[str, int]:
    """Anonymises the participants of every programme closed, and every mentorship outside programmes
    ended, more than RETENTION_MONTHS ago; each is done once, in its own transaction."""
    cutoff = retention_cutoff(now)
    done = {"programmes": 0, "mentorships": 0}
    for programme in Programme.objects.filter(closed_at__lt=cutoff, anonymised_at__isnull=True):
        retire(Mentorship.objects.filter(programme=programme), programme)
        done["programmes"] += 1
    loose = Mentorship.objects.filter(programme__isnull=True, ended_at__lt=cutoff, anonymised_at__isnull=True)
    for mentorship in loose:
        retire(Mentorship.objects.filter(pk=mentorship.pk), None)
        done["mentorships"] += 1
    return done


@transaction.atomic
def retire(mentorships: Any, programme: Programme | None) -> None:
    mentorship_ids = list(mentorships.values_list("pk", flat=True))
    people = set(Member.objects.filter(mentorship_id__in=mentorship_ids).values_list("employee_id", flat=True))
    applications = Application.objects.filter(programme=programme) if programme else Application.objects.none()
    people |= set(applications.values_list("employee_id", flat=True))
    stand_ins = {pk: stand_in_for(pk) for pk in people}
    Note.objects.filter(mentorship_id__in=mentorship_ids).delete()
    forget_goals(Agreement.objects.filter(mentorship_id__in=mentorship_ids), list(people))
    Meeting.objects.filter(mentorship_id__in=mentorship_ids).update(place="")
    Mentorship.objects.filter(pk__in=mentorship_ids).update(end_reason="", anonymised_at=timezone.now())
    applications.update(**APPLICATION_TEXTS)
    in_these = Q(mentorship_id__in=mentorship_ids)
    for old, new in stand_ins.items():
        for model, field, scope in (
            (Member, "employee", in_these),
            (Acceptance, "employee", Q(agreement__mentorship_id__in=mentorship_ids)),
            (Approval, "participant", Q(agreement__mentorship_id__in=mentorship_ids)),
            (CheckpointAnswer, "employee", in_these),
            (Insight, "author", in_these),
            (MeetingTime, "employee", Q(meeting__mentorship_id__in=mentorship_ids)),
            (SubstituteRequest, "employee", Q(meeting__mentorship_id__in=mentorship_ids)),
            (Invitation, "employee", in_these),
            (Application, "employee", Q(programme=programme) if programme else Q(pk__in=[])),
            (TimeException, "employee", Q(programme=programme) if programme else Q(pk__in=[])),
            (EventRegistration, "employee", Q(event__programme=programme) if programme else Q(pk__in=[])),
        ):
            model.objects.filter(scope, **{field: old}).update(**{field: new})
    if programme is not None:
        Programme.objects.filter(pk=programme.pk).update(anonymised_at=timezone.now())


def stand_in_for(employee_id: int) -> Employee:
    """An anonymous person of the same organisation, unit and profession group."""
    original = Employee.objects.get(pk=employee_id)
    tag = uuid.uuid4().hex[:12]
    return Employee.objects.create(
        organisation_id=original.organisation_id,
        unit_id=original.unit_id,
        profession_group_id=original.profession_group_id,
        personal_id=f"anonymous-{tag}",
        email=f"anonymous-{tag}@invalid.invalid",
        first_name="–",
        last_name="#",
        anonymised_at=timezone.now(),
    )
