import csv
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentorbank.accounts.http import AuthenticatedRequest
from mentorbank.applications.eligibility import open_programmes_for
from mentorbank.core import audit
from mentorbank.core.http import origin_of
from mentorbank.core.models import FEEDBACK_ANSWER_DAYS
from mentorbank.core.pagination import paginate, query_without_page
from mentorbank.matching.committee_work import programmes_to_review
from mentorbank.mentorships import dashboard
from mentorbank.organisations.access import OrganisationRequest, audit_events_of, organisation_view, organisations_of
from mentorbank.programmes.access import programmes_of
from mentorbank.programmes.models import Programme

from . import feedback_mail
from .audit_actions import action_label, details_text
from .forms import AuditFilterForm, FeedbackForm
from .inbox import inbox_of

NEW_EMPLOYEE_DAYS = 183  # new employees (about six months) are told about mentoring


@login_required
def start(request: AuthenticatedRequest) -> HttpResponse:
    """Send the user to the organisation they used last."""
    organisations = organisations_of(request.user)
    last = request.user.last_organisation_id
    chosen = next((o for o in organisations if o.pk == last), organisations[0] if organisations else None)
    if chosen is None:
        if request.user.guest_invitations.exists():
            return redirect("bank:guest_home")
        guest_of = request.user.programme_guest_roles.filter(removed_at__isnull=True).select_related("programme__owner")
        role = guest_of.order_by("-added_at").first()
        if role is not None:  # an outside trainer or coach: straight to their programme
            return redirect("programmes:detail", org_slug=role.programme.owner.slug, programme_id=role.programme_id)
        if request.user.is_installation_admin:  # no organisation of their own: the installation's organisations
            return redirect("installation:organisations")
        return render(request, "home/no_organisation.html")
    return redirect("home:home", org_slug=chosen.slug)


@login_required
def switch_organisation(request: AuthenticatedRequest) -> HttpResponse:
    slug = request.GET.get("organisation", "")
    if any(o.slug == slug for o in organisations_of(request.user)):
        return redirect("home:home", org_slug=slug)
    return redirect("home:start")


@organisation_view()
def home(request: OrganisationRequest) -> HttpResponse:
    membership = request.membership
    organisation = request.organisation
    context: dict[str, Any] = {}
    employee = membership.employee
    if employee is not None:
        applications = list(employee.applications.active().select_related("programme").order_by("-created_at")[:5])
        applied = {a.programme_id for a in applications}
        context["my_applications"] = applications
        context["open_programmes"] = [p for p in open_programmes_for(employee) if p.pk not in applied]
        context["is_new_employee"] = bool(
            employee.start_date and (timezone.localdate() - employee.start_date).days <= NEW_EMPLOYEE_DAYS
        )
    if employee is not None:
        context.update(dashboard.participant_panel(employee))
    if membership.is_hr:
        context.update(dashboard.hr_panel(membership))
    if membership.is_supervisor and employee is not None:
        context.update(dashboard.supervisor_panel(employee))
        context["team"] = list(employee.reports.select_related("unit").order_by("last_name")[:10])
        context["team_size"] = employee.reports.count()
    context["committee_programmes"] = programmes_to_review(membership)
    if membership.is_supervisor or membership.is_hr:
        context["pending_approvals"] = inbox_of(membership).count()
    if membership.can("view_people"):
        context["employee_count"] = organisation.employees.count()
        context["unit_count"] = organisation.units.count()
        context["last_import"] = organisation.import_batches.first()
        context["programmes"] = list(
            programmes_of(membership).exclude(state=Programme.CLOSED).order_by("-created_at")[:5]
        )
    if membership.can("view_feedback"):
        open_feedback = organisation.accessibility_feedback.filter(answered_at__isnull=True)
        context["open_feedback"] = list(open_feedback.order_by("created_at")[:5])
        context["open_feedback_count"] = open_feedback.count()
    return render(request, "home/home.html", context)


def accessibility_statement(request: HttpRequest) -> HttpResponse:
    initial = {}
    if request.user.is_authenticated:
        initial = {"organisation": request.user.last_organisation_id, "email": request.user.email}
    form = FeedbackForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        feedback = form.save(commit=False)
        feedback.sender = request.user if request.user.is_authenticated else None
        with transaction.atomic():
            feedback.save()
            feedback_mail.tell_admins(feedback)
        messages.success(request, _("Thank you. Your feedback was sent; you will get an answer within 14 days."))
        return redirect("home:accessibility")
    return render(request, "home/accessibility.html", {"form": form, "answer_days": FEEDBACK_ANSWER_DAYS})


@organisation_view("view_feedback")
def feedback_list(request: OrganisationRequest) -> HttpResponse:
    items = request.organisation.accessibility_feedback.select_related("answered_by")
    status = request.GET.get("status", "open")
    if status == "open":
        items = items.filter(answered_at__isnull=True)
    page = paginate(request, items.order_by("answered_at", "created_at"), 25)
    return render(
        request,
        "home/feedback_list.html",
        {"page": page, "status": status, "answer_days": FEEDBACK_ANSWER_DAYS, "query": query_without_page(request)},
    )


@require_POST
@organisation_view("view_feedback")
def feedback_answered(request: OrganisationRequest, feedback_id: int) -> HttpResponse:
    feedback = get_object_or_404(
        request.organisation.accessibility_feedback,
        pk=feedback_id,
        answered_at__isnull=True,
    )
    feedback.answered_at = timezone.now()
    feedback.answered_by = request.user
    feedback.save(update_fields=["answered_at", "answered_by"])
    audit.record(
        actor=request.user,
        action="feedback.answered",
        organisation=request.organisation,
        details={"feedback": feedback.pk},
        origin=origin_of(request),
    )
    messages.success(request, _("The feedback is marked answered."))
    return redirect("home:feedback", org_slug=request.organisation.slug)


def filtered_audit_events(request: OrganisationRequest) -> tuple[AuditFilterForm, Any]:
    form = AuditFilterForm(request.GET or None)
    events = audit_events_of(request.organisation)
    if form.is_valid():
        data = form.cleaned_data
        if data["action"]:
            events = events.filter(action=data["action"])
        if data["who"]:
            events = events.filter(actor_label__icontains=data["who"])
        if data["whose"]:
            events = events.filter(Q(subject_label__icontains=data["whose"]))
        if data["date_from"]:
            events = events.filter(at__date__gte=data["date_from"])
        if data["date_to"]:
            events = events.filter(at__date__lte=data["date_to"])
    return form, events


@organisation_view("view_audit")
def audit_log(request: OrganisationRequest) -> HttpResponse:
    form, events = filtered_audit_events(request)
    page = paginate(request, events, 50)
    for event in page.object_list:
        event.action_text, event.details_text = action_label(event), details_text(event)
    return render(
        request,
        "home/audit_log.html",
        {"form": form, "page": page, "query": query_without_page(request)},
    )


class Echo:
    def write(self, value: str) -> str:
        return value


@organisation_view("view_audit")
def audit_export(request: OrganisationRequest) -> StreamingHttpResponse:
    _form, events = filtered_audit_events(request)
    audit.record(
        actor=request.user,
        action="audit.exported",
        organisation=request.organisation,
        details={"filters": request.GET.dict()},
        origin=origin_of(request),
    )
    writer = csv.writer(Echo())
    header = [_("Time"), _("Who"), _("Action"), _("Whose data"), _("Details"), _("IP address")]

    def rows() -> Any:
        yield "\ufeff" + writer.writerow(header)
        for event in events.iterator(chunk_size=2000):
            yield writer.writerow(
                [
                    timezone.localtime(event.at).isoformat(timespec="seconds"),
                    event.actor_label,
                    action_label(event),
                    event.subject_label,
                    details_text(event),
                    event.ip_address or "",
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="audit-log.csv"'
    return response
