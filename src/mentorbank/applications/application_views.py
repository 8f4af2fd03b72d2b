from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from mentorbank.applications import applying
from mentorbank.applications.application_forms import ApplicationForm, DecisionForm
from mentorbank.applications.eligibility import open_programmes_for, refusal
from mentorbank.applications.models import VALUE_STATEMENTS, Application, ApplicationQuerySet
from mentorbank.core.http import origin_of
from mentorbank.core.pagination import paginate, query_without_page
from mentorbank.events.eventing import trained_employee_ids
from mentorbank.organisations.access import Membership, OrganisationRequest, organisation_view
from mentorbank.programmes.access import (
    access_programme,
    coordinates,
    partner_hr,
    programmes_of,
    sees_applications,
)
from mentorbank.programmes.models import Programme


@organisation_view()
def mentoring(request: OrganisationRequest) -> HttpResponse:
    """An employee's own page: programmes open to them and their applications."""
    employee = request.membership.own_employee()
    applications = employee.applications.select_related("programme").order_by("-created_at")
    applied = {a.programme_id for a in applications if not a.is_withdrawn}
    open_programmes = [p for p in open_programmes_for(employee) if p.pk not in applied]
    return render(
        request, "applications/mentoring.html", {"open_programmes": open_programmes, "applications": applications}
    )


@organisation_view()
def apply(request: OrganisationRequest, programme_id: int) -> HttpResponse:
    employee = request.membership.own_employee()
    programme = programmes_of(request.membership).filter(pk=programme_id).first()
    if programme is None:
        raise Http404
    application = employee.applications.filter(programme=programme).first()
    reason = refusal(programme, employee)
    if reason:
        return render(
            request,
            "applications/apply_refused.html",
            {"programme": programme, "reason": reason, "application": application},
            status=403,
        )
    form = ApplicationForm(request.POST or None, instance=application, programme=programme, employee=employee)
    if request.method == "POST" and form.is_valid():
        try:
            applying.application_save(form=form, actor=request.user, origin=origin_of(request))
        except applying.ApplicationRefused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(
                request, _("Your application was saved. You can change it until the application period closes.")
            )
        return redirect("applications:mentoring", org_slug=request.organisation.slug)
    suggestions = employee.organisation.competences.values_list("name", flat=True)[:500]
    return render(
        request,
        "applications/apply.html",
        {
            "programme": programme,
            "form": form,
            "application": application,
            "suggestions": suggestions,
            "value_fields": [form[f"value_{key}"] for key, _s in VALUE_STATEMENTS],
            "question_fields": [form[f"question_{q.pk}"] for q in form.questions],
        },
    )


@organisation_view()
def withdraw(request: OrganisationRequest, application_id: int) -> HttpResponse:
    employee = request.membership.own_employee()
    application = get_object_or_404(
        employee.applications.select_related("programme"), pk=application_id, withdrawn_at__isnull=True
    )
    if request.method == "POST":
        applying.application_withdraw(application=application, actor=request.user, origin=origin_of(request))
        messages.success(request, _("Your application was withdrawn."))
        return redirect("applications:mentoring", org_slug=request.organisation.slug)
    return render(request, "applications/withdraw.html", {"application": application})


@organisation_view("decide_for_staff")
def decide(request: OrganisationRequest, application_id: int) -> HttpResponse:
    """The supervisor decides on their own staff member's participation."""
    membership = request.membership
    application = get_object_or_404(
        Application.objects.awaiting_supervisor(membership.own_employee()).select_related("employee", "programme"),
        pk=application_id,
    )
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decide_and_report(request, application, form, applying.supervisor_decide)
        return redirect("home:approvals", org_slug=request.organisation.slug)
    return render(request, "applications/decide.html", {"application": application, "form": form})


def decide_and_report(request: HttpRequest, application: Application, form: DecisionForm, decide_fn) -> None:
    approve = form.cleaned_data["decision"] == "approved"
    try:
        decide_fn(
            application=application,
            approve=approve,
            reason=form.cleaned_data["reason"],
            actor=request.user,
            origin=origin_of(request),
        )
    except applying.ApplicationRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("Participation approved.") if approve else _("Participation declined."))


@organisation_view(guests=True)
def programme_applications(request: OrganisationRequest, programme_id: int) -> HttpResponse:
    """The programme's coordinators and matching committee see its applications; HR of a partner
    organisation sees its own staff's."""
    membership = request.membership
    programme = access_programme(membership, programme_id)
    applications = (
        visible_applications(membership, programme)
        .active()
        .select_related("employee", "employee__unit", "employee__profession_group")
        .prefetch_related("themes")
    )
    role = request.GET.get("role", "")
    if role in {"mentor", "mentee"}:
        applications = applications.filter(role__in=[role, Application.BOTH])
    page = paginate(request, applications.order_by("employee__last_name", "employee__first_name"), 50)
    trained = trained_employee_ids([a.employee_id for a in page.object_list])
    for application in page.object_list:
        application.trained = application.employee_id in trained
    return render(
        request,
        "applications/applications.html",
        {
            "programme": programme,
            "page": page,
            "role": role,
            "query": query_without_page(request),
            "coordinates": coordinates(membership, programme),
        },
    )


@organisation_view(guests=True)
def programme_application(request: OrganisationRequest, programme_id: int, application_id: int) -> HttpResponse:
    membership = request.membership
    programme = access_programme(membership, programme_id)
    application = get_object_or_404(
        visible_applications(membership, programme).select_related("employee", "employee__unit", "preferred_mentor"),
        pk=application_id,
    )
    decides = decides_for_hr(membership, application)
    form = DecisionForm(request.POST or None)
    if request.method == "POST":
        if not decides or application.hr_decision != Application.PENDING:
            raise PermissionDenied
        if form.is_valid():
            decide_and_report(request, application, form, applying.hr_decide)
            return redirect(
                "applications:applications",
                org_slug=request.organisation.slug,
                programme_id=programme.pk,
            )
    values = [(statement, application.values.get(key)) for key, statement in VALUE_STATEMENTS]
    answers = [(q.text, application.answers.get(str(q.pk), "")) for q in programme.questions.all()]
    return render(
        request,
        "applications/application.html",
        {
            "programme": programme,
            "application": application,
            "values": values,
            "answers": answers,
            "form": form,
            "decides": decides,
        },
    )


def visible_applications(membership: Membership, programme: Programme) -> ApplicationQuerySet:
    """All of them for the coordinators and the committee; a partner organisation's HR its own staff's."""
    if sees_applications(membership, programme):
        return Application.objects.filter(programme=programme)
    if partner_hr(membership, programme):
        return Application.objects.filter(programme=programme, employee__organisation=membership.organisation)
    raise PermissionDenied


def decides_for_hr(membership: Membership, application: Application) -> bool:
    """Each organisation's HR approves its own staff's participation (a consortium's too)."""
    return membership.is_hr and application.employee.organisation_id == membership.organisation.pk
