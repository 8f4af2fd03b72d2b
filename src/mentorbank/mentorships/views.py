"""Pages of mentorships and their agreements; what each viewer sees is decided in access.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentorbank.core import audit
from mentorbank.core.http import origin_of
from mentorbank.core.pagination import paginate, query_without_page
from mentorbank.organisations.access import OrganisationRequest, organisation_view

from . import course, followup, notes, services
from .access import PARTICIPANT, access_mentorship, coordinates, goals_shown_to, steers, visible_mentorships
from .forms import AgreementForm, CheckpointForm, EndForm, InsightForm, NoteForm, SendBackForm
from .models import Agreement, Approval, Mentorship


def back_to(request: OrganisationRequest, mentorship: Mentorship) -> HttpResponse:
    return redirect("mentorships:detail", request.organisation.slug, mentorship.pk)


@organisation_view()
def mentorship_list(request: OrganisationRequest) -> HttpResponse:
    membership = request.membership
    mentorships = visible_mentorships(membership).select_related("programme").order_by("-created_at", "-pk")
    state = request.GET.get("state", "")
    if state in dict(Mentorship.STATES):
        mentorships = mentorships.filter(state=state)
    page = paginate(request, mentorships.prefetch_related("members__employee"), 25)
    return render(
        request,
        "mentorships/list.html",
        {"page": page, "query": query_without_page(request), "states": Mentorship.STATES, "state": state},
    )


@organisation_view()
def mentorship_detail(request: OrganisationRequest, mentorship_id: int) -> HttpResponse:
    membership = request.membership
    mentorship, relation = access_mentorship(membership, mentorship_id)
    members = list(mentorship.members.current().select_related("employee__unit"))
    agreement = services.current_agreement(mentorship)
    record_read(request, mentorship, relation)
    shown = goals_shown_to(request.membership, relation, members)
    context = {
        "mentorship": mentorship,
        "relation": relation,
        "members": members,
        "agreement": agreement,
        "goals": [(m, agreement.goals_of(m.employee)) for m in members if m.employee_id in shown],
        "accepted": set(agreement.acceptances.values_list("employee_id", flat=True)),
        "my_approvals": waiting_approvals(request, agreement),
        "send_back_form": SendBackForm(),
        "current_employee_id": membership.employee.pk if membership.employee else None,
        "coordinates": coordinates(membership, mentorship),
        "steers": steers(membership, mentorship, relation),
        "end_form": EndForm(),
        "meetings": meetings_shown(mentorship, relation, members, membership),
        # notes are for participants alone: nobody else's page ever gets them
        "notes": notes.readable(mentorship) if relation == PARTICIPANT else [],
        "note_form": NoteForm() if relation == PARTICIPANT else None,
        "checkpoint_form": CheckpointForm()
        if relation == PARTICIPANT and followup.checkpoint_due(mentorship)
        else None,
        "checkpoint_answered": mentorship.checkpoint_answers.filter(employee=membership.employee).exists()
        if membership.employee
        else False,
        "insight_form": InsightForm(units=followup.shareable_units(mentorship)) if relation == PARTICIPANT else None,
        "supervises_someone": any(
            membership.employee and m.employee.supervisor_id == membership.employee.pk for m in members
        ),
    }
    return render(request, "mentorships/detail.html", context)


def meetings_shown(mentorship: Mentorship, relation: str, members: list, membership) -> list:
    """All meetings; a supervisor sees the working time of their own staff only."""
    items = list(mentorship.meetings.prefetch_related("times__employee"))
    employee = membership.employee
    staff = {m.employee_id for m in members if employee and m.employee.supervisor_id == employee.pk}
    for meeting in items:
        times = list(meeting.times.all())
        meeting.shown_times = times if relation != "supervisor" else [t for t in times if t.employee_id in staff]
    return items


def record_read(request: OrganisationRequest, mentorship: Mentorship, relation: str) -> None:
    """A supervisor's or HR's read of someone's mentorship goes to the audit log."""
    if relation != PARTICIPANT:
        audit.record(
            actor=request.user,
            action="mentorship.viewed",
            organisation=request.membership.organisation,
            details={"mentorship": mentorship.pk, "as": relation},
            origin=origin_of(request),
        )


def waiting_approvals(request: OrganisationRequest, agreement: Agreement) -> list[Approval]:
    """The approvals of this agreement the viewer may give now."""
    membership = request.membership
    if agreement.state != Agreement.APPROVING:
        return []
    waiting = agreement.approvals.filter(state=Approval.WAITING).select_related("participant")
    return [a for a in waiting if can_approve(membership, a)]


def can_approve(membership, approval: Approval) -> bool:
    if approval.kind == Approval.SUPERVISOR:
        return membership.employee is not None and approval.approver_id == membership.employee.pk
    return membership.is_hr and approval.organisation_id == membership.organisation.pk


@organisation_view()
def agreement_edit(request: OrganisationRequest, mentorship_id: int) -> HttpResponse:
    mentorship, relation = access_mentorship(request.membership, mentorship_id)
    if relation != PARTICIPANT:
        raise PermissionDenied
    agreement = services.current_agreement(mentorship)
    if agreement.state not in services.EDITABLE:
        messages.error(request, services.AgreementRefused("not_editable").message)
        return back_to(request, mentorship)
    members = list(mentorship.members.current().select_related("employee"))
    form = AgreementForm(request.POST or None, instance=agreement, members=members)
    if request.method == "POST" and form.is_valid():
        new = services.edit_agreement(agreement=agreement, terms=form.terms, goals=form.goals, actor=request.user)
        if new.version != agreement.version:
            messages.success(
                request, _("Saved as version %(version)s. Everyone accepts it again.") % {"version": new.version}
            )
        else:
            messages.success(request, _("The agreement was saved."))
        return back_to(request, mentorship)
    return render(
        request, "mentorships/agreement_form.html", {"mentorship": mentorship, "form": form, "agreement": agreement}
    )


@require_POST
@organisation_view()
def agreement_accept(request: OrganisationRequest, mentorship_id: int) -> HttpResponse:
    membership = request.membership
    mentorship, relation = access_mentorship(membership, mentorship_id)
    if relation != PARTICIPANT:
        raise PermissionDenied
    agreement = services.current_agreement(mentorship)
    try:
        services.accept(
            agreement=agreement, employee=membership.own_employee(), actor=request.user, origin=origin_of(request)
        )
    except services.AgreementRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("You accepted the agreement."))
    return back_to(request, mentorship)


@require_POST
@organisation_view()
def agreement_send_back(request: OrganisationRequest, mentorship_id: int) -> HttpResponse:
    membership = request.membership
    mentorship, relation = access_mentorship(membership, mentorship_id)
    agreement = services.current_agreement(mentorship)
    if relation != PARTICIPANT and not waiting_approvals(request, agreement):
        raise PermissionDenied
    form = SendBackForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the reason for sending the agreement back."))
        return back_to(request, mentorship)
    try:
        services.send_back(
            agreement=agreement, reason=form.cleaned_data["reason"], actor=request.user, origin=origin_of(request)
        )
    except services.AgreementRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("The agreement was sent back. The participants were told why."))
    return back_to(request, mentorship)


@require_POST
@organisation_view()
def approval_give(request: OrganisationRequest, mentorship_id: int, approval_id: int) -> HttpResponse:
    membership = request.membership
    mentorship, _relation = access_mentorship(membership, mentorship_id)
    agreement = services.current_agreement(mentorship)
    approval = next((a for a in waiting_approvals(request, agreement) if a.pk == approval_id), None)
    if approval is None:
        raise PermissionDenied
    try:
        services.approve(approval=approval, actor=request.user, origin=origin_of(request))
    except services.AgreementRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("Approved."))
    return back_to(request, mentorship)


@organisation_view()
def agreement_print(request: OrganisationRequest, mentorship_id: int) -> HttpResponse:
    """Every version with its acceptances and approvals, for printing or saving as PDF."""
    mentorship, relation = access_mentorship(request.membership, mentorship_id)
    agreements = mentorship.agreements.prefetch_related(
        "acceptances__employee", "approvals__participant", "approvals__decided_by"
    ).order_by("-version")
    record_read(request, mentorship, relation)
    members = list(mentorship.members.select_related("employee__unit"))
    shown = goals_shown_to(request.membership, relation, members)
    versions = [
        (agreement, [(m.employee, agreement.goals_of(m.employee)) for m in members if m.employee_id in shown])
        for agreement in agreements
    ]
    return render(
        request,
        "mentorships/print.html",
        {"mentorship": mentorship, "versions": versions, "members": members, "relation": relation},
    )


@require_POST
@organisation_view()
def note_add(request: OrganisationRequest, mentorship_id: int) -> HttpResponse:
    membership = request.membership
    mentorship, relation = access_mentorship(membership, mentorship_id)
    if relation != PARTICIPANT:
        raise PermissionDenied
    form = NoteForm(request.POST)
    if form.is_valid():
        notes.add(mentorship=mentorship, author=membership.own_employee(), text=form.cleaned_data["text"])
        messages.success(request, _("The note was saved. Only the participants can read it."))
    else:
        messages.error(request, _("Write the note first (at most 5,000 characters)."))
    return redirect(reverse("mentorships:detail", args=[request.organisation.slug, mentorship.pk]) + "#notes")


@require_POST
@organisation_view()
def note_delete(request: OrganisationRequest, mentorship_id: int, note_id: int) -> HttpResponse:
    membership = request.membership
    mentorship, relation = access_mentorship(membership, mentorship_id)
    note = mentorship.notes.filter(pk=note_id, author=membership.employee).first() if relation == PARTICIPANT else None
    if note is None:
        raise PermissionDenied
    note.delete()
    messages.success(request, _("The note was removed."))
    return redirect(reverse("mentorships:detail", args=[request.organisation.slug, mentorship.pk]) + "#notes")


@require_POST
@organisation_view()
def checkpoint_answer(request: OrganisationRequest, mentorship_id: int) -> HttpResponse:
    membership = request.membership
    mentorship, relation = access_mentorship(membership, mentorship_id)
    if relation != PARTICIPANT:
        raise PermissionDenied
    form = CheckpointForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether to continue."))
        return back_to(request, mentorship)
    try:
        outcome = followup.answer(
            mentorship=mentorship,
            employee=membership.own_employee(),
            go_on=form.cleaned_data["go_on"],
            reason=form.cleaned_data["reason"],
            actor=request.user,
            origin=origin_of(request),
        )
    except course.StateRefused:
        messages.error(request, _("That cannot be done in the mentorship's present state."))
    else:
        messages.success(request, CHECKPOINT_OUTCOMES[outcome]())
    return back_to(request, mentorship)


CHECKPOINT_OUTCOMES = {
    "ended": lambda: _("The mentorship ends here. Thank you for your honest answer."),
    "passed": lambda: _("Everyone wants to continue: the mentorship goes on."),
    "waiting": lambda: _("Thank you. The others have not answered yet."),
}


@require_POST
@organisation_view()
def insight_share(request: OrganisationRequest, mentorship_id: int) -> HttpResponse:
    membership = request.membership
    mentorship, relation = access_mentorship(membership, mentorship_id)
    if relation != PARTICIPANT:
        raise PermissionDenied
    form = InsightForm(request.POST, units=followup.shareable_units(mentorship))
    if form.is_valid():
        followup.share(
            mentorship=mentorship,
            author=membership.own_employee(),
            text=form.cleaned_data["text"],
            units=list(form.cleaned_data["units"]),
            actor=request.user,
            origin=origin_of(request),
        )
        messages.success(request, _("Shared with the units' supervisors."))
    else:
        messages.error(request, _("Write the idea and choose at least one unit."))
    return back_to(request, mentorship)


@organisation_view("decide_for_staff")
def insights(request: OrganisationRequest) -> HttpResponse:
    """A supervisor's list of ideas shared with their units; they mark them discussed."""
    membership = request.membership
    shared = followup.insights_for_supervisor(membership.own_employee())
    if request.method == "POST":
        chosen = request.POST.get("insight", "")
        insight = shared.filter(pk=int(chosen)).first() if chosen.isdigit() else None
        if insight is None:
            raise PermissionDenied
        followup.mark_discussed(insight=insight, actor=request.user, origin=origin_of(request))
        messages.success(request, _("Marked discussed."))
        return redirect("mentorships:insights", request.organisation.slug)
    page = paginate(request, shared.prefetch_related("units"), 25)
    return render(request, "mentorships/insights.html", {"page": page, "query": query_without_page(request)})
