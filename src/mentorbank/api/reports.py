"""API for the reports' aggregated figures and survey results, with the pages' permissions and
the same anonymity rule: survey figures only for groups of at least the threshold."""

import datetime
from typing import Any, Literal

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from mentorbank.core.analytic import analytic_reads
from mentorbank.core.jsonable import plain
from mentorbank.organisations.access import Membership
from mentorbank.programmes.access import access_programme
from mentorbank.reports.figures import Filters
from mentorbank.reports.forms import ReportFilterForm, filters_from
from mentorbank.reports.sections import SECTIONS
from mentorbank.surveys import results

from .common import ApiRequest, cleaned, member
from .schemas import ErrorOut, ValidationErrorOut

router = Router(tags=["reports"])


class QuestionResultOut(Schema):
    question: str
    kind: str
    answered: int
    distribution: dict[int, int]
    mean: float | None


class SurveyResultOut(Schema):
    survey_id: int
    shown: bool
    threshold: int
    respondents: int | None  # None when too few to show
    questions: list[QuestionResultOut]


def report_filters(
    request: ApiRequest,
    slug: str,
    start: datetime.date | None,
    end: datetime.date | None,
    programme: int | None,
    unit: int | None,
    profession_group: int | None,
) -> tuple[Membership, Filters]:
    """The caller's membership (HR or organisation admin) and the filters, checked by the report pages'
    own form: a programme the caller sees, the organisation's own units and groups, the end after the start."""
    membership = member(request, slug, "view_programmes")
    chosen = {"start": start, "end": end, "programme": programme, "unit": unit, "profession_group": profession_group}
    form = ReportFilterForm({k: v for k, v in chosen.items() if v is not None}, membership=membership)
    cleaned(form)
    return membership, filters_from(form, membership)


@router.get(
    "/organisations/{slug}/reports",
    response={200: dict[str, Any], 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut},
)
def get_reports(
    request: ApiRequest,
    slug: str,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    programme: int | None = None,
    unit: int | None = None,
    profession_group: int | None = None,
) -> Any:
    """Coverage, supply and demand and activity for the organisation (HR and organisation admins)."""
    membership, filters = report_filters(request, slug, start, end, programme, unit, profession_group)
    with analytic_reads():
        sections = {
            name: plain(SECTIONS[key].build(filters, membership, None))
            for name, key in (("coverage", "coverage"), ("supply_and_demand", "supply"), ("activity", "activity"))
        }
    return {"start": filters.start.isoformat(), "end": filters.end.isoformat(), **sections}


@router.get(
    "/organisations/{slug}/reports/{section}",
    response={200: dict[str, Any], 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut},
)
def get_report_section(
    request: ApiRequest,
    slug: str,
    section: Literal["coverage", "supply", "activity", "costs", "outcomes", "insights"],
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    programme: int | None = None,
    unit: int | None = None,
    profession_group: int | None = None,
    page: int = 1,
) -> Any:
    """One section of the report, as on its page: survey figures only for groups of at least the
    threshold; insights without names, 25 a page."""
    membership, filters = report_filters(request, slug, start, end, programme, unit, profession_group)
    with analytic_reads():
        data = SECTIONS[section].build(filters, membership, max(page, 1))
    return {"section": section, "start": filters.start.isoformat(), "end": filters.end.isoformat(), **plain(data)}


@router.get(
    "/organisations/{slug}/programmes/{programme_id}/surveys/{survey_id}/results",
    response={200: SurveyResultOut, 403: ErrorOut, 404: ErrorOut},
)
def get_survey_results(
    request: ApiRequest,
    slug: str,
    programme_id: int,
    survey_id: int,
    unit: int | None = None,
    profession_group: int | None = None,
) -> Any:
    programme = access_programme(member(request, slug), programme_id, manage=True)
    survey = get_object_or_404(programme.surveys, pk=survey_id)
    found = results.results(survey, unit_id=unit, profession_group_id=profession_group)
    return {
        "survey_id": survey.pk,
        "shown": found.shown,
        "threshold": results.threshold(),
        "respondents": found.respondents if found.shown else None,
        "questions": [
            {
                "question": r.question.text,
                "kind": r.question.kind,
                "answered": r.answered,
                "distribution": r.distribution if r.question.kind == "scale" else {},
                "mean": r.mean,
            }
            for r in found.questions
        ],
    }
