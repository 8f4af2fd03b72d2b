"""Pages that steer a mentorship's course: state changes, continuing, people joining and leaving."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentorbank.core.http import origin_of
from mentorbank.organisations.access import OrganisationRequest, organisation_view

from . import course
from .access import access_mentorship, coordinates, steers
from .forms import EndForm, MemberForm
from .views import back_to

DONE = {
    "pause": lambda: _("The mentorship is paused."),
    "resume": lambda: _("The mentorship continues."),
    "complete": lambda: _("The mentorship is completed. Thank you!"),
    "end": lambda: _("The mentorship was ended. Everyone was told."),
}


@require_POST
@organisation_view()
def mentorship_state(request: OrganisationRequest, mentorship_id: int, action: str) -> HttpResponse:
    mentorship, relation = access_mentorship(request.membership, mentorship_id)
    if action not in course.TRANSITIONS or not steers(request.membership, mentorship, relation):
        raise PermissionDenied
    form = EndForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        course.change_state(
            mentorship=mentorship, action=action, reason=reason, actor=request.user, origin=origin_of(request)
        )
    except course.StateRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, DONE[action]())
    return back_to(request, mentorship)


@require_POST
@organisation_view()
def mentorship_continue(request: OrganisationRequest, mentorship_id: int) -> HttpResponse:
    mentorship, relation = access_mentorship(request.membership, mentorship_id)
    if not steers(request.membership, mentorship, relation):
        raise PermissionDenied
    try:
        new = course.continue_for_another_period(mentorship=mentorship, actor=request.user, origin=origin_of(request))
    except course.StateRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(
            request,
            _("Version %(version)s for the next period waits for everyone's acceptance.") % {"version": new.version},
        )
    return back_to(request, mentorship)


@require_POST
@organisation_view()
def member_leave(request: OrganisationRequest, mentorship_id: int, member_id: int) -> HttpResponse:
    membership = request.membership
    mentorship, relation = access_mentorship(membership, mentorship_id)
    member = mentorship.members.current().filter(pk=member_id).select_related("employee").first()
    own = member is not None and membership.employee is not None and member.employee_id == membership.employee.pk
    if member is None or not (own or coordinates(membership, mentorship)):
        raise PermissionDenied
    try:
        course.leave(member=member, actor=request.user, origin=origin_of(request))
    except course.StateRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("%(name)s left the mentorship.") % {"name": member.employee.full_name})
    if own:
        return redirect("mentorships:list", request.organisation.slug)
    return back_to(request, mentorship)


@organisation_view()
def member_add(request: OrganisationRequest, mentorship_id: int) -> HttpResponse:
    membership = request.membership
    mentorship, _relation = access_mentorship(membership, mentorship_id)
    if not coordinates(membership, mentorship):
        raise PermissionDenied
    search = request.GET.get("q", "").strip()[:100]
    form = MemberForm(request.POST or None, organisation=membership.organisation, search=search)
    if request.method == "POST" and form.is_valid():
        try:
            course.add_member(
                mentorship=mentorship,
                employee=form.cleaned_data["employee"],
                role=form.cleaned_data["role"],
                actor=request.user,
                origin=origin_of(request),
            )
        except course.StateRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("Added. The agreement has a new version for everyone to accept."))
            return back_to(request, mentorship)
    context = {"mentorship": mentorship, "form": form, "search": search}
    return render(request, "mentorships/member_add.html", context)
