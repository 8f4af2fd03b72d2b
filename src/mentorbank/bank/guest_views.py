from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentorbank.accounts.http import AuthenticatedRequest
from mentorbank.applications.application_forms import DecisionForm
from mentorbank.bank import guests
from mentorbank.bank.bank_forms import GuestAskForm
from mentorbank.bank.models import GuestInvitation
from mentorbank.core.http import origin_of
from mentorbank.organisations.access import OrganisationRequest, organisation_view


@organisation_view()
def ask_outside(request: OrganisationRequest) -> HttpResponse:
    employee = request.membership.own_employee()
    form = GuestAskForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        guests.guest_ask(mentee=employee, data=form.cleaned_data, actor=request.user, origin=origin_of(request))
        messages.success(request, _("Your wish was sent to HR. You will get a message when HR has decided."))
        return redirect("bank:bank_ask_outside", org_slug=request.organisation.slug)
    return render(
        request, "bank/bank_ask_outside.html", {"form": form, "invitations": employee.guest_invitations.all()}
    )


@organisation_view("manage_programmes")
def guest_requests(request: OrganisationRequest) -> HttpResponse:
    """HR decides on mentees' wishes for mentors from outside the organisation."""
    organisation = request.organisation
    items = GuestInvitation.objects.filter(mentee__organisation=organisation).select_related("mentee")
    return render(
        request,
        "bank/guest_requests.html",
        {
            "waiting": items.filter(state=GuestInvitation.WAITING),
            "decided": items.exclude(state=GuestInvitation.WAITING)[:50],
            "form": DecisionForm(),
        },
    )


@require_POST
@organisation_view("manage_programmes")
def guest_decide(request: OrganisationRequest, invitation_id: int) -> HttpResponse:
    organisation = request.organisation
    invitation = get_object_or_404(GuestInvitation, pk=invitation_id, mentee__organisation=organisation)
    form = DecisionForm(request.POST)
    if form.is_valid():
        guests.guest_decide(
            invitation=invitation,
            approve=form.cleaned_data["decision"] == "approved",
            reason=form.cleaned_data["reason"],
            actor=request.user,
            origin=origin_of(request),
        )
        messages.success(request, _("Your decision was saved."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("bank:guest_requests", org_slug=organisation.slug)


@login_required
def guest_home(request: AuthenticatedRequest) -> HttpResponse:
    """All that a guest mentor's account can see: the invitations addressed to it."""
    invitations = request.user.guest_invitations.select_related("mentee", "mentee__organisation").exclude(
        state__in=[GuestInvitation.WAITING, GuestInvitation.DECLINED]
    )
    if request.method == "POST":
        invitation = get_object_or_404(invitations, pk=request.POST.get("invitation"))
        guests.guest_answer(
            invitation=invitation,
            accept=request.POST.get("decision") == "accept",
            actor=request.user,
            origin=origin_of(request),
        )
        messages.success(request, _("Thank you. Your answer was sent."))
        return redirect("bank:guest_home")
    return render(request, "bank/guest_home.html", {"invitations": invitations})
