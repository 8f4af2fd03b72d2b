"""The public answer page behind each invitation's link, and the coordinators' survey pages."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentorbank.core.downloads import attachment
from mentorbank.notifications.service import language_of
from mentorbank.organisations.access import OrganisationRequest, organisation_view
from mentorbank.programmes.access import access_programme

from . import results, services
from .forms import AnswerForm, QuestionFormSet


def answer(request: HttpRequest, token: str) -> HttpResponse:
    """No sign-in: the secret link is the recipient's key. The page speaks the recipient's language."""
    try:
        invitation = services.invitation_for(token)
    except services.SurveyRefused as refused:
        return render(
            request,
            "surveys/closed.html",
            {"text": refused.message},
            status=410 if refused.code != "unknown" else 404,
        )
    employee = invitation.employee
    language = (
        language_of(employee.user, employee.organisation) if employee.user else employee.organisation.default_language
    )
    with translation.override(language):
        questions = list(invitation.survey.questions.all())
        form = AnswerForm(request.POST or None, questions=questions)
        if request.method == "POST" and form.is_valid():
            try:
                services.answer(token=token, answers=form.answers)
            except services.SurveyRefused as refused:
                return render(request, "surveys/closed.html", {"text": refused.message}, status=410)
            return render(
                request, "surveys/closed.html", {"text": _("Thank you! Your answers were saved anonymously.")}
            )
        response = render(
            request, "surveys/answer.html", {"survey": invitation.survey, "form": form, "language": language}
        )
    response["Cache-Control"] = "no-store"
    return response


@organisation_view()
def programme_surveys(request: OrganisationRequest, programme_id: int) -> HttpResponse:
    """Coordinators: the programme's surveys with response rates; remind those who have not answered."""
    programme = access_programme(request.membership, programme_id, manage=True)
    services.surveys_of(programme)
    return render(request, "surveys/list.html", {"programme": programme, "rows": services.response_rates(programme)})


@require_POST
@organisation_view()
def survey_remind(request: OrganisationRequest, programme_id: int, survey_id: int) -> HttpResponse:
    programme = access_programme(request.membership, programme_id, manage=True)
    survey = get_object_or_404(programme.surveys, pk=survey_id)
    count = services.remind(survey.invitations.all(), force=True)
    messages.success(request, _("Reminders sent: %(count)s. Each person is reminded once.") % {"count": count})
    return redirect("surveys:list", request.organisation.slug, programme.pk)


@organisation_view()
def survey_edit(request: OrganisationRequest, programme_id: int, survey_id: int) -> HttpResponse:
    programme = access_programme(request.membership, programme_id, manage=True)
    survey = get_object_or_404(programme.surveys, pk=survey_id)
    answered = survey.responses.exists()
    formset = QuestionFormSet(request.POST or None, instance=survey)
    if request.method == "POST":
        if answered:
            messages.error(request, _("This survey already has answers; its questions can no longer change."))
        elif formset.is_valid():
            formset.save()
            messages.success(request, _("The survey was saved."))
            return redirect("surveys:list", request.organisation.slug, programme.pk)
    return render(
        request,
        "surveys/edit.html",
        {"programme": programme, "survey": survey, "formset": formset, "answered": answered},
    )


@organisation_view()
def survey_results(request: OrganisationRequest, programme_id: int, survey_id: int) -> HttpResponse:
    """Coordinators: a survey's answers in groups of at least the threshold, optionally one unit or
    profession group; as a page with bars and numbers, or as CSV / XLSX."""
    programme = access_programme(request.membership, programme_id, manage=True)
    survey = get_object_or_404(programme.surveys.prefetch_related("questions"), pk=survey_id)
    organisation = request.organisation
    unit = request.GET.get("unit", "")
    group = request.GET.get("profession_group", "")
    result = results.results(
        survey,
        unit_id=int(unit) if unit.isdigit() else None,
        profession_group_id=int(group) if group.isdigit() else None,
    )
    wanted = request.GET.get("format", "")
    name = f"survey-{survey.pk}-results"
    if wanted == "csv":
        return attachment(results.as_csv(result), f"{name}.csv")
    if wanted == "xlsx":
        return attachment(results.as_xlsx(result), f"{name}.xlsx")
    return render(
        request,
        "surveys/results.html",
        {
            "programme": programme,
            "survey": survey,
            "result": result,
            "threshold": results.threshold(),
            "units": organisation.units.order_by("name"),
            "groups": organisation.profession_groups.order_by("name"),
            "unit": unit,
            "group": group,
            "query": request.GET.urlencode(),
        },
    )
