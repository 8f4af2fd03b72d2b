"""Writes on applications: submit or change, withdraw, and the approvals of participation."""

from functools import partial
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from mentorbank.applications.application_forms import ApplicationForm
from mentorbank.applications.models import Application
from mentorbank.core import audit
from mentorbank.core.refusals import Refused
from mentorbank.notifications.service import notify
from mentorbank.organisations.models import Employee
from mentorbank.programmes.models import Competence


class ApplicationRefused(Refused):
    messages = {
        "not_eligible": "%(reason)s",  # eligibility.refusal's reason, already in the reader's language
        "decided": gettext_lazy("Someone has already decided on this application, or it was withdrawn."),
    }


@transaction.atomic
def application_save(*, form: ApplicationForm, actor: Any, origin: str | None = None) -> Application:
    """Submit a new application (or one withdrawn earlier) or change an open one."""
    from mentorbank.applications.eligibility import refusal

    employee, programme = form.employee, form.programme
    reason = refusal(programme, employee)
    if reason:
        raise ApplicationRefused("not_eligible", reason=reason)
    application = form.save(commit=False)
    resubmitted = application.pk is None or application.withdrawn_at is not None
    application.programme, application.employee = programme, employee
    application.languages = form.cleaned_data["languages"]
    application.values = form.value_answers()
    application.answers = form.question_answers()
    application.preferred_mentor = form.cleaned_data["preferred_mentor_email"]
    if resubmitted:
        application.withdrawn_at = None
        application.consent_at = timezone.now()
        reset_approvals(application)
    application.save()
    form.save_m2m()
    application.excluded.set(form.cleaned_data["excluded_emails"])
    organisation = employee.organisation
    application.competences_offered.set(Competence.named(organisation, form.cleaned_data["competences_offered_text"]))
    application.competences_sought.set(Competence.named(organisation, form.cleaned_data["competences_sought_text"]))
    audit.record(
        actor=actor,
        action="application.submitted" if resubmitted else "application.updated",
        organisation=organisation,
        subject=employee,
        origin=origin,
        details={"programme": programme.pk, "role": application.role},
    )
    if resubmitted:
        send_submitted_notifications(application)
    return application


def reset_approvals(application: Application) -> None:
    has_supervisor = application.employee.supervisor_id is not None
    application.supervisor_decision = Application.PENDING if has_supervisor else Application.NOT_NEEDED
    needs_hr = application.programme.hr_approves_participation or not has_supervisor
    application.hr_decision = Application.PENDING if needs_hr else Application.NOT_NEEDED
    application.supervisor_reason = application.hr_reason = ""
    application.supervisor_decided_by = application.hr_decided_by = None
    application.supervisor_decided_at = application.hr_decided_at = None


def send_submitted_notifications(application: Application) -> None:
    employee = application.employee
    context = {"application": application, "programme": application.programme, "employee": employee}
    notify(user=employee.user, template="application_received", context=context, organisation=employee.organisation)
    if application.supervisor_decision == Application.PENDING and employee.supervisor is not None:
        notify(
            user=employee.supervisor.user,
            template="approval_needed",
            context=context,
            organisation=employee.organisation,
        )


@transaction.atomic
def application_withdraw(*, application: Application, actor: Any, origin: str | None = None) -> None:
    if application.withdrawn_at is not None:
        return
    application.withdrawn_at = timezone.now()
    application.save(update_fields=["withdrawn_at"])
    audit.record(
        actor=actor,
        action="application.withdrawn",
        organisation=application.employee.organisation,
        subject=application.employee,
        origin=origin,
        details={"programme": application.programme_id},
    )


@transaction.atomic
def participation_decide(
    *, application: Application, by: str, approve: bool, reason: str, actor: Any, origin: str | None = None
) -> None:
    """The supervisor's (by="supervisor") or HR's (by="hr") decision; each is made once."""
    locked = Application.objects.select_for_update().get(pk=application.pk)
    if getattr(locked, f"{by}_decision") != Application.PENDING or locked.withdrawn_at is not None:
        raise ApplicationRefused("decided")
    setattr(locked, f"{by}_decision", Application.APPROVED if approve else Application.DECLINED)
    setattr(locked, f"{by}_reason", reason)
    setattr(locked, f"{by}_decided_by", actor)
    setattr(locked, f"{by}_decided_at", timezone.now())
    locked.save()
    record_decision(locked, by, actor, origin)


supervisor_decide = partial(participation_decide, by="supervisor")
hr_decide = partial(participation_decide, by="hr")


def record_decision(application: Application, by: str, actor: Any, origin: str | None) -> None:
    employee = application.employee
    decision = getattr(application, f"{by}_decision")
    audit.record(
        actor=actor,
        action="application.decided",
        organisation=employee.organisation,
        subject=employee,
        origin=origin,
        details={"programme": application.programme_id, "by": by, "decision": decision},
    )
    notify(
        user=employee.user,
        template="approval_decided",
        organisation=employee.organisation,
        context={
            "application": application,
            "programme": application.programme,
            "by": by,
            "decision": decision,
            "reason": getattr(application, f"{by}_reason"),
        },
    )


def staff_in_programmes(supervisor: Employee):
    """Participation of a supervisor's own staff: who, where, as what, approved or not — no free text."""
    return (
        Application.objects.active()
        .filter(employee__supervisor=supervisor)
        .select_related("employee", "programme")
        .only(
            "role",
            "supervisor_decision",
            "hr_decision",
            "withdrawn_at",
            "created_at",
            "employee__first_name",
            "employee__last_name",
            "programme__name_fi",
            "programme__name_sv",
            "programme__name_en",
            "programme__state",
        )
        .order_by("employee__last_name", "employee__first_name")
    )


def withdraw_when_organisation_leaves(*, programme: Any, organisation: Any) -> int:
    """An organisation left a consortium programme: its staff's applications are withdrawn, and
    each applicant is told why. Returns how many."""
    applications = (
        Application.objects.active()
        .filter(programme=programme, employee__organisation=organisation)
        .select_related("employee__user", "employee__organisation")
    )
    count = 0
    for application in applications:
        application_withdraw(application=application, actor=None)
        notify(
            user=application.employee.user,
            template="application_withdrawn_organisation_left",
            organisation=organisation,
            context={"programme": programme, "employee": application.employee},
        )
        count += 1
    return count
