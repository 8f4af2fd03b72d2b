from typing import Any

from django.contrib import messages
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentorbank.bank import banking
from mentorbank.bank.bank_forms import (
    AnswerForm,
    BankSearchForm,
    ColleagueRequestForm,
    MentorProfileForm,
    MentorRequestForm,
    ProgrammeChoiceMixin,
    ProposalForm,
)
from mentorbank.bank.bank_programmes import programmes_for_requests
from mentorbank.bank.bank_search import attach_load_and_training, mark_matches, search, visible_profiles
from mentorbank.bank.models import MentorProfile, MentorRequest
from mentorbank.bank.panels import panels_of
from mentorbank.core.http import origin_of
from mentorbank.core.pagination import paginate_counted, query_without_page
from mentorbank.organisations.access import OrganisationRequest, organisation_view
from mentorbank.organisations.models import Employee
from mentorbank.programmes.rules import rules_summary


@organisation_view()
def bank(request: OrganisationRequest) -> HttpResponse:
    employee = request.membership.own_employee()
    form = BankSearchForm(request.GET or None, organisation=employee.organisation)
    filters = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "text": data["q"],
            "theme": data["theme"],
            "competence": data["competence"].pk if data["competence"] else None,
            "profession_group": data["profession_group"],
            "language": data["language"],
            "unit": data["unit"].pk if data["unit"] else None,
            "remote": data["remote"],
        }
    page = paginate_counted(request, search(employee, **filters), 20)
    attach_load_and_training(page.object_list)
    mark_matches(page.object_list, filters.get("text", ""))
    return render(
        request,
        "bank/bank.html",
        {
            "form": form,
            "page": page,
            "query": query_without_page(request),
            "own_profile": MentorProfile.objects.filter(employee=employee).first(),
            "panels": panels_of(employee, request.GET),
        },
    )


@organisation_view()
def bank_profile(request: OrganisationRequest, profile_id: int) -> HttpResponse:
    employee = request.membership.own_employee()
    profile = visible_profiles(employee).select_related("employee", "employee__unit").filter(pk=profile_id).first()
    if profile is None:
        raise Http404
    form, rules = request_form(MentorRequestForm, request, employee)
    if request.method == "POST" and form.is_valid():
        try:
            banking.request_send(
                mentee=employee,
                mentor=profile,
                message=form.cleaned_data["message"],
                programme=form.chosen_programme(),
                actor=request.user,
                origin=origin_of(request),
            )
        except banking.BankRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("Your request was sent. The mentor answers in the mentor bank."))
            return redirect("bank:bank_requests", org_slug=request.organisation.slug)
    attach_load_and_training([profile])
    proposal_form = None
    if request.membership.is_supervisor:
        proposal_form = ProposalForm(supervisor=employee)
    return render(
        request,
        "bank/bank_profile.html",
        {"profile": profile, "form": form, "rules": rules, "load": profile.load, "proposal_form": proposal_form},
    )


def request_form(
    form_class: type[ProgrammeChoiceMixin], request: OrganisationRequest, employee: Employee
) -> tuple[Any, list[tuple[str, list[str], bool]]]:
    """The request form with its choice of programme, and the rules of each choice for the page to say."""
    programmes = programmes_for_requests(employee)
    outside = employee.organisation.bank_requests_outside_programmes
    form = form_class(request.POST or None, programmes=programmes, outside_allowed=outside)
    rules = [(programme.name, rules_summary(programme), True) for programme in programmes]
    if outside:
        rules.append((_("Outside any programme"), rules_summary(None), False))
    return form, rules


@require_POST
@organisation_view("decide_for_staff")
def bank_propose(request: OrganisationRequest, profile_id: int) -> HttpResponse:
    """A supervisor suggests this mentor to a staff member, under the programme the staff member's
    request would belong to (the first one open to them, or outside where allowed)."""
    supervisor = request.membership.own_employee()
    profile = get_object_or_404(MentorProfile.objects.select_related("employee"), pk=profile_id)
    form = ProposalForm(request.POST, supervisor=supervisor)
    if not form.is_valid():
        messages.error(request, _("Choose the staff member and write a message."))
        return redirect("bank:bank_profile", org_slug=request.organisation.slug, profile_id=profile.pk)
    mentee = form.cleaned_data["staff_member"]
    try:
        banking.request_propose(
            supervisor=supervisor,
            mentee=mentee,
            mentor=profile,
            message=form.cleaned_data["message"],
            programme=banking.chosen_programme(mentee, None),
            actor=request.user,
            origin=origin_of(request),
        )
    except banking.BankRefused as refused:
        messages.error(request, refused.message)
        return redirect("bank:bank_profile", org_slug=request.organisation.slug, profile_id=profile.pk)
    messages.success(
        request,
        _("Your suggestion was sent to %(name)s, who confirms it before it goes to the mentor.") % {"name": mentee},
    )
    return redirect("bank:bank", org_slug=request.organisation.slug)


@require_POST
@organisation_view()
def proposal_answer(request: OrganisationRequest, request_id: int) -> HttpResponse:
    employee = request.membership.own_employee()
    mentor_request = get_object_or_404(employee.mentor_requests, pk=request_id)
    try:
        banking.proposal_answer(
            mentor_request=mentor_request,
            confirm=request.POST.get("decision") == "confirm",
            actor=request.user,
            origin=origin_of(request),
        )
    except banking.BankRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("Your answer was saved."))
    return redirect("bank:bank_requests", org_slug=request.organisation.slug)


@organisation_view()
def bank_me(request: OrganisationRequest) -> HttpResponse:
    """Join the bank as a mentor, change the profile, or pause it."""
    employee = request.membership.own_employee()
    profile = MentorProfile.objects.filter(employee=employee).first()
    form = MentorProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        banking.profile_save(employee=employee, form=form, actor=request.user, origin=origin_of(request))
        messages.success(request, _("Your mentor profile was saved."))
        return redirect("bank:bank", org_slug=request.organisation.slug)
    suggestions = employee.organisation.competences.values_list("name", flat=True)[:500]
    return render(request, "bank/bank_me.html", {"form": form, "profile": profile, "suggestions": suggestions})


@organisation_view()
def bank_requests(request: OrganisationRequest) -> HttpResponse:
    employee = request.membership.own_employee()
    mine = employee.mentor_requests.select_related("mentor__employee", "programme", "proposed_by")
    proposed = mine.filter(state=MentorRequest.PROPOSED).order_by("-created_at")
    sent = mine.exclude(state=MentorRequest.PROPOSED).order_by("-created_at")[:50]
    received = (
        MentorRequest.objects.filter(mentor__employee=employee)
        .select_related("mentee", "mentee__unit", "programme")
        .order_by("state", "-created_at")[:50]
    )
    return render(
        request,
        "bank/bank_requests.html",
        {"sent": sent, "proposed": proposed, "received": received, "answer_form": AnswerForm()},
    )


@require_POST
@organisation_view()
def bank_answer(request: OrganisationRequest, request_id: int) -> HttpResponse:
    employee = request.membership.own_employee()
    mentor_request = get_object_or_404(MentorRequest, pk=request_id, mentor__employee=employee)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            banking.request_answer(
                mentor_request=mentor_request,
                accept=form.cleaned_data["decision"] == "accept",
                answer=form.cleaned_data["answer"],
                actor=request.user,
                origin=origin_of(request),
            )
        except banking.BankRefused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, _("Your answer was sent."))
    else:
        messages.error(request, _("Choose whether you accept or decline."))
    return redirect("bank:bank_requests", org_slug=request.organisation.slug)


@require_POST
@organisation_view()
def bank_cancel(request: OrganisationRequest, request_id: int) -> HttpResponse:
    employee = request.membership.own_employee()
    mentor_request = get_object_or_404(employee.mentor_requests, pk=request_id)
    try:
        banking.request_cancel(mentor_request=mentor_request, actor=request.user, origin=origin_of(request))
    except banking.BankRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("Your request was cancelled."))
    return redirect("bank:bank_requests", org_slug=request.organisation.slug)


@require_POST
@organisation_view("decide_for_staff")
def bank_request_decide(request: OrganisationRequest, request_id: int) -> HttpResponse:
    """A supervisor approves (or declines) the time use of an accepted mentor request."""
    membership = request.membership
    supervisor = membership.own_employee()
    mentor_request = get_object_or_404(
        MentorRequest.objects.filter(Q(mentee__supervisor=supervisor) | Q(mentor__employee__supervisor=supervisor)),
        pk=request_id,
    )
    try:
        banking.request_supervisor_decide(
            mentor_request=mentor_request,
            supervisor=supervisor,
            approve=request.POST.get("decision") == "approve",
            actor=request.user,
            origin=origin_of(request),
        )
    except banking.BankRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("Your decision was saved."))
    return redirect("home:approvals", org_slug=request.organisation.slug)


@organisation_view()
def bank_ask_colleague(request: OrganisationRequest) -> HttpResponse:
    """Ask someone who is not in the bank: a colleague of one's own or a partner organisation."""
    employee = request.membership.own_employee()
    form, rules = request_form(ColleagueRequestForm, request, employee)
    if request.method == "POST" and form.is_valid():
        try:
            banking.request_colleague(
                mentee=employee,
                email=form.cleaned_data["email"],
                message=form.cleaned_data["message"],
                programme=form.chosen_programme(),
                actor=request.user,
                origin=origin_of(request),
            )
        except banking.BankRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("Your request was sent. Your colleague answers in the mentor bank."))
            return redirect("bank:bank_requests", org_slug=request.organisation.slug)
    return render(request, "bank/bank_ask_colleague.html", {"form": form, "rules": rules})
