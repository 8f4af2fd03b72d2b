from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from mentorbank.core.http import origin_of
from mentorbank.core.pagination import paginate, query_without_page
from mentorbank.organisations.access import Membership, OrganisationRequest, organisation_view
from mentorbank.organisations.models import Organisation, OrganisationRole
from mentorbank.programmes import services
from mentorbank.programmes.access import (
    access_programme,
    coordinates,
    partner_hr,
    programmes_of,
    runs_events,
    sees_applications,
)
from mentorbank.programmes.forms import ProgrammeCopyForm, ProgrammeForm, QuestionForm
from mentorbank.programmes.models import Partnership, Programme
from mentorbank.programmes.panels import panels_of


@organisation_view("view_programmes")
def programme_list(request: OrganisationRequest) -> HttpResponse:
    membership = request.membership
    programmes = programmes_of(membership).select_related("owner").annotate(theme_count=Count("themes"))
    state = request.GET.get("state", "")
    if state in dict(Programme.STATES):
        programmes = programmes.filter(state=state)
    search = request.GET.get("q", "").strip()
    if search:
        programmes = programmes.filter(
            Q(name_fi__icontains=search) | Q(name_sv__icontains=search) | Q(name_en__icontains=search)
        )
    page = paginate(request, programmes.order_by("-created_at", "-id"), 25)
    return render(
        request,
        "programmes/list.html",
        {
            "page": page,
            "states": Programme.STATES,
            "state": state,
            "search": search,
            "query": query_without_page(request),
            "invitations_waiting": Partnership.objects.filter(
                organisation=request.organisation, state=Partnership.INVITED
            ).count(),
        },
    )


@organisation_view("manage_programmes")
def programme_create(request: OrganisationRequest) -> HttpResponse:
    organisation = request.organisation
    form = ProgrammeForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        programme = services.programme_save(form=form, actor=request.user, origin=origin_of(request))
        messages.success(request, _("The programme was created as a draft."))
        return redirect("programmes:detail", org_slug=organisation.slug, programme_id=programme.pk)
    return render(request, "programmes/form.html", {"form": form, "programme": None})


@organisation_view(guests=True)
def programme_detail(request: OrganisationRequest, programme_id: int) -> HttpResponse:
    membership = request.membership
    programme = access_programme(membership, programme_id)
    can_manage = coordinates(membership, programme)
    return render(
        request,
        "programmes/detail.html",
        {
            "programme": programme,
            "can_manage": can_manage,
            "panels": panels_of(membership, programme, can_manage),
            "sees_applications": sees_applications(membership, programme) or partner_hr(membership, programme),
            "runs_events": runs_events(membership, programme),
            "application_count": applications_counted(membership, programme),
            "themes": programme.themes.all(),
            "committee": programme.committee_members.all(),
            "participants": programme.participating_organisations.all(),
            "units": programme.eligible_units.all(),
            "groups": programme.eligible_profession_groups.all(),
        },
    )


@organisation_view("manage_programmes")
def programme_edit(request: OrganisationRequest, programme_id: int) -> HttpResponse:
    organisation = request.organisation
    programme = access_programme(request.membership, programme_id, manage=True)
    if programme.state == Programme.CLOSED:
        messages.error(request, _("A closed programme cannot be changed. Copy it as the next cohort instead."))
        return redirect("programmes:detail", org_slug=organisation.slug, programme_id=programme.pk)
    form = ProgrammeForm(request.POST or None, instance=programme, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        services.programme_save(form=form, actor=request.user, origin=origin_of(request))
        messages.success(request, _("The changes were saved."))
        return redirect("programmes:detail", org_slug=organisation.slug, programme_id=programme.pk)
    return render(request, "programmes/form.html", {"form": form, "programme": programme})


@organisation_view("manage_programmes")
def programme_advance(request: OrganisationRequest, programme_id: int) -> HttpResponse:
    organisation = request.organisation
    programme = access_programme(request.membership, programme_id, manage=True)
    if programme.next_state is None:
        return redirect("programmes:detail", org_slug=organisation.slug, programme_id=programme.pk)
    if request.method == "POST":
        try:
            services.programme_advance(
                programme=programme,
                expected_state=request.POST.get("from", ""),
                actor=request.user,
                origin=origin_of(request),
            )
        except services.TransitionRefused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, _("The programme moved on."))
        return redirect("programmes:detail", org_slug=organisation.slug, programme_id=programme.pk)
    next_label = dict(Programme.STATES)[programme.next_state]
    return render(request, "programmes/advance.html", {"programme": programme, "next_label": next_label})


@organisation_view("manage_programmes")
def programme_copy(request: OrganisationRequest, programme_id: int) -> HttpResponse:
    organisation = request.organisation
    programme = access_programme(request.membership, programme_id, manage=True)
    targets = Organisation.objects.filter(roles__user=request.user, roles__role=OrganisationRole.HR).distinct()
    form = ProgrammeCopyForm(
        request.POST or None,
        organisations=targets,
        initial={"organisation": organisation, "name_fi": programme.name_fi},
    )
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["organisation"]
        copy = services.programme_copy(
            programme=programme,
            organisation=target,
            name_fi=form.cleaned_data["name_fi"],
            actor=request.user,
            origin=origin_of(request),
        )
        messages.success(request, _("The copy was created as a draft. No people were copied."))
        return redirect("programmes:detail", org_slug=target.slug, programme_id=copy.pk)
    return render(request, "programmes/copy.html", {"programme": programme, "form": form})


@organisation_view("manage_programmes")
def programme_questions(request: OrganisationRequest, programme_id: int) -> HttpResponse:
    """The programme's own extra questions on the application form."""
    organisation = request.organisation
    programme = access_programme(request.membership, programme_id, manage=True)
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        question = form.save(commit=False)
        question.programme = programme
        question.save()
        messages.success(request, _("The question was added to the application form."))
        return redirect("programmes:questions", org_slug=organisation.slug, programme_id=programme.pk)
    return render(
        request,
        "programmes/questions.html",
        {"programme": programme, "form": form, "questions": programme.questions.all()},
    )


@organisation_view("manage_programmes")
def programme_question_delete(request: OrganisationRequest, programme_id: int, question_id: int) -> HttpResponse:
    programme = access_programme(request.membership, programme_id, manage=True)
    question = get_object_or_404(programme.questions, pk=question_id)
    if request.method == "POST":
        question.delete()
        messages.success(request, _("The question was removed. Answers already given stay in the applications."))
        return redirect(
            "programmes:questions",
            org_slug=request.organisation.slug,
            programme_id=programme.pk,
        )
    return render(
        request,
        "programmes/confirm_delete.html",
        {"programme": programme, "thing": question.text, "back": "programmes:questions"},
    )


def applications_counted(membership: Membership, programme: Programme) -> int:
    """The active applications the viewer sees: all of them, or (partner HR) their own staff's."""
    active = programme.applications.exclude(withdrawn_at__isnull=False)
    if not sees_applications(membership, programme) and partner_hr(membership, programme):
        active = active.filter(employee__organisation=membership.organisation)
    return active.count()
