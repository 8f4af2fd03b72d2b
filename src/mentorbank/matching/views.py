"""The matching committee's pages: runs, the proposal, decisions on pairs, comparison, publishing.

Coordinators (HR of the owner organisation) and committee members see and steer matching;
only coordinators publish. Nobody else learns who was proposed with whom."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from mentorbank.core.http import origin_of
from mentorbank.core.pagination import paginate, query_without_page
from mentorbank.organisations.access import OrganisationRequest, organisation_view
from mentorbank.programmes.access import access_programme, coordinates, programmes_of, sees_applications
from mentorbank.programmes.models import Programme

from . import phases, services, staff
from .forms import CompareForm, DecideForm, PickForm, RunForm, StaffPairForm
from .models import MatchingRun, PairDecision
from .reasons import UNMATCHED, reason_text


def review_programme(request: OrganisationRequest, programme_id: int) -> Programme:
    programme = access_programme(request.membership, programme_id)
    if not sees_applications(request.membership, programme):
        raise PermissionDenied
    return programme


def run_of(programme: Programme, number: int) -> MatchingRun:
    return get_object_or_404(MatchingRun.objects.select_related("programme__owner"), programme=programme, number=number)


def go_to_run(request: OrganisationRequest, run: MatchingRun) -> HttpResponse:
    return redirect("matching:run", request.organisation.slug, run.programme_id, run.number)


@organisation_view(guests=True)
def runs(request: OrganisationRequest, programme_id: int) -> HttpResponse:
    programme = review_programme(request, programme_id)
    form = RunForm(request.POST or None, weights=services.default_weights(programme), programme=programme)
    if request.method == "POST" and form.is_valid():
        try:
            run = services.start_run(
                programme=programme,
                objective=form.cleaned_data["objective"],
                run_format=form.cleaned_data["format"],
                weights=form.weights,
                groups_per_mentor=form.cleaned_data["groups_per_mentor"],
                uneven_groups=form.cleaned_data["uneven_groups"],
                actor=request.user,
                origin=origin_of(request),
            )
        except services.MatchingRefused as refused:
            messages.error(request, refused.message)
        else:
            return go_to_run(request, run)
    decisions = programme.pair_decisions.select_related("mentee__employee", "mentor__employee", "decided_by")
    return render(
        request,
        "matching/runs.html",
        {
            "programme": programme,
            "form": form,
            "runs": paginate(request, programme.matching_runs.all(), 20),
            "decisions": decisions,
            "published": phases.fully_published(programme),
            "published_runs": programme.matching_runs.filter(published_at__isnull=False).order_by("published_at"),
            "coordinates": coordinates(request.membership, programme),
            "pick_form": PickForm(programme=programme),
            "compare_form": CompareForm(),
        },
    )


@organisation_view(guests=True)
def run_detail(request: OrganisationRequest, programme_id: int, number: int) -> HttpResponse:
    programme = review_programme(request, programme_id)
    run = run_of(programme, number)
    by_mentor = request.GET.get("view") == "mentors"
    rows = run.proposals.select_related(
        "mentee__employee__unit", "mentor__employee__unit", "second_mentor__employee__unit"
    )
    if by_mentor:
        rows = rows.filter(mentor__isnull=False).order_by("group", "mentor__employee__last_name", "mentor_id", "-score")
    else:
        rows = rows.order_by(F("score").desc(nulls_last=True), "pk")  # unmatched last
    page = paginate(request, rows, 50)
    for row in page.object_list:
        row.reason_texts = [reason_text(reason) for reason in row.reasons]
        row.unmatched_text = UNMATCHED.get(row.unmatched_reason, "")
    decided = dict(programme.pair_decisions.values_list("mentee_id", "kind").filter(kind=PairDecision.LOCK))
    return render(
        request,
        "matching/run.html",
        {
            "programme": programme,
            "run": run,
            "page": page,
            "query": query_without_page(request),
            "by_mentor": by_mentor,
            "locked_mentees": set(decided),
            "published": run.format in phases.published_formats(programme),
            "group_count": run.proposals.filter(mentor__isnull=False).values("group").distinct().count()
            if run.forms_groups
            else 0,
            "coordinates": coordinates(request.membership, programme),
        },
    )


@organisation_view(guests=True)
def run_progress(request: OrganisationRequest, programme_id: int, number: int) -> HttpResponse:
    """The progress indicator, polled by htmx while the run works; a finished run reloads the page."""
    run = run_of(review_programme(request, programme_id), number)
    response = render(request, "matching/progress.html", {"run": run, "programme": run.programme})
    if run.finished and request.htmx:
        response["HX-Refresh"] = "true"
    return response


@require_POST
@organisation_view(guests=True)
def pair_decide(request: OrganisationRequest, programme_id: int, number: int) -> HttpResponse:
    programme = review_programme(request, programme_id)
    run = run_of(programme, number)
    form = DecideForm(request.POST)
    if not form.is_valid():
        raise Http404
    row = get_object_or_404(
        run.proposals.select_related("mentee__employee", "mentor__employee"),
        pk=form.cleaned_data["proposal"],
        mentor__isnull=False,
    )
    if row.mentor is None:  # asked for above; this tells the type checker
        raise Http404
    try:
        services.decide(
            programme=programme,
            mentee=row.mentee,
            mentor=row.mentor,
            kind=form.cleaned_data["kind"],
            actor=request.user,
            origin=origin_of(request),
        )
    except services.MatchingRefused as refused:
        messages.error(request, refused.message)
    else:
        if form.cleaned_data["kind"] == PairDecision.LOCK:
            messages.success(request, _("The pair is locked: every new run keeps it."))
        else:
            messages.success(request, _("The pair is rejected: no new run proposes it again."))
    return go_to_run(request, run)


@require_POST
@organisation_view(guests=True)
def pair_swap(request: OrganisationRequest, programme_id: int, number: int) -> HttpResponse:
    programme = review_programme(request, programme_id)
    run = run_of(programme, number)
    chosen = [value for value in request.POST.getlist("swap") if value.isdigit()]
    rows = list(
        run.proposals.filter(pk__in=chosen, mentor__isnull=False).select_related("mentee__employee", "mentor__employee")
    )
    try:
        if len(rows) != 2:
            raise services.MatchingRefused("not_two_pairs")
        services.swap(run=run, first=rows[0], second=rows[1], actor=request.user, origin=origin_of(request))
    except services.MatchingRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(
            request,
            _("The mentors were swapped and both pairs locked. Run the matching again to see the effect on the rest."),
        )
    return go_to_run(request, run)


@organisation_view(guests=True)
def pair_pick(request: OrganisationRequest, programme_id: int) -> HttpResponse:
    programme = review_programme(request, programme_id)
    form = PickForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        try:
            services.decide(
                programme=programme,
                mentee=form.cleaned_data["mentee"],
                mentor=form.cleaned_data["mentor"],
                kind=PairDecision.LOCK,
                actor=request.user,
                origin=origin_of(request),
            )
        except services.MatchingRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("The pair is locked: every new run keeps it."))
            return redirect("matching:runs", request.organisation.slug, programme.pk)
    return render(request, "matching/pick.html", {"programme": programme, "form": form})


@require_POST
@organisation_view(guests=True)
def decision_undo(request: OrganisationRequest, programme_id: int, decision_id: int) -> HttpResponse:
    programme = review_programme(request, programme_id)
    decision = get_object_or_404(
        programme.pair_decisions.select_related("mentee__employee", "mentor__employee", "programme__owner"),
        pk=decision_id,
    )
    if phases.fully_published(programme):
        messages.error(request, services.MatchingRefused("already_published").message)
    else:
        services.undo_decision(decision=decision, actor=request.user, origin=origin_of(request))
        messages.success(request, _("The decision was undone."))
    return redirect("matching:runs", request.organisation.slug, programme.pk)


@organisation_view(guests=True)
def runs_compare(request: OrganisationRequest, programme_id: int) -> HttpResponse:
    programme = review_programme(request, programme_id)
    form = CompareForm(request.GET or None)
    context = {"programme": programme, "form": form}
    if form.is_valid():
        first = run_of(programme, form.cleaned_data["first"])
        second = run_of(programme, form.cleaned_data["second"])
        context.update({"first": first, "second": second, **services.compare(first, second)})
    return render(request, "matching/compare.html", context)


@require_POST
@organisation_view(guests=True)
def run_publish(request: OrganisationRequest, programme_id: int, number: int) -> HttpResponse:
    programme = review_programme(request, programme_id)
    if not coordinates(request.membership, programme):
        raise PermissionDenied
    run = run_of(programme, number)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the confirmation to publish."))
        return go_to_run(request, run)
    try:
        matches = services.publish(run=run, actor=request.user, origin=origin_of(request))
    except services.MatchingRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, published_message(run, matches))
    return go_to_run(request, run)


def published_message(run: MatchingRun, matches: list) -> str:
    if run.forms_groups:
        groups = len({m.group for m in matches})
        return ngettext(
            "Published: %(count)s group. Everyone was told by e-mail.",
            "Published: %(count)s groups. Everyone was told by e-mail.",
            groups,
        ) % {"count": groups}
    return ngettext(
        "Published: %(count)s pair. Everyone was told by e-mail.",
        "Published: %(count)s pairs. Everyone was told by e-mail.",
        len(matches),
    ) % {"count": len(matches)}


@organisation_view(guests=True)
def staff_pairs(request: OrganisationRequest, programme_id: int) -> HttpResponse:
    """A supervisor's page for forming pairs among their own staff, with the engine's suggestions."""
    supervisor = request.membership.employee
    if supervisor is None:
        raise PermissionDenied
    programme = staff.programmes_for_supervisor(supervisor).filter(pk=programme_id).first()
    if programme is None or not programmes_of(request.membership).filter(pk=programme.pk).exists():
        raise PermissionDenied
    form = StaffPairForm(request.POST or None, programme=programme, supervisor=supervisor)
    if request.method == "POST" and form.is_valid():
        try:
            staff.form_pair(
                programme=programme,
                supervisor=supervisor,
                mentee=form.cleaned_data["mentee"],
                mentor=form.cleaned_data["mentor"],
                actor=request.user,
                origin=origin_of(request),
            )
        except services.MatchingRefused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, _("The pair was formed. Both were told by e-mail."))
        return redirect("matching:staff", request.organisation.slug, programme.pk)
    proposal = staff.suggestions(programme, supervisor)
    applications = {str(a.pk): a for a in staff.staff_applications(programme, supervisor).prefetch_related(None)}
    suggested = [
        {
            "mentee": applications[pair.mentee],
            "mentor": applications[pair.mentor],
            "score": pair.score,
            "reasons": [reason_text({"code": r.code, "details": r.details}) for r in pair.reasons],
        }
        for pair in proposal.pairs
    ]
    formed = programme.matches.filter(mentee__employee__supervisor=supervisor).select_related(
        "mentee__employee", "mentor__employee"
    )
    return render(
        request,
        "matching/staff.html",
        {"programme": programme, "suggested": suggested, "form": form, "formed": formed},
    )
