"""API for the reports' aggregated figures and survey results, with the pages' permissions and
the same anonymity rule: survey figures only for groups of at least the threshold."""

import datetime
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.errors import HttpError

from mentorbank.programmes.access import access_programme
from mentorbank.reports.figures import Filters, activity, coverage, supply_and_demand
from mentorbank.surveys import results

from .common import member
from .schemas import ErrorOut

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


@router.get(
    "/organisations/{slug}/reports", response={200: dict[str, Any], 400: ErrorOut, 403: ErrorOut, 404: ErrorOut}
)
def get_reports(
    request: HttpRequest,
    slug: str,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    programme: int | None = None,
    unit: int | None = None,
    profession_group: int | None = None,
) -> Any:
    """Coverage, supply and demand and activity for the organisation (HR and organisation admins)."""
    membership = member(request, slug, "view_programmes")
    today = datetime.date.today()
    start = start or today.replace(month=1, day=1)
    end = end or today
    if end < start:
        raise HttpError(400, "end must not be before start")
    if programme is not None:
        access_programme(membership, programme)
    filters = Filters(membership.organisation, start, end, programme, unit, profession_group)
    doing = activity(filters)
    return {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "coverage": coverage(filters),
        "supply_and_demand": supply_and_demand(filters),
        "activity": {**doing, "by_state": [[str(label), count] for label, count in doing["by_state"]]},
    }


@router.get(
    "/organisations/{slug}/programmes/{programme_id}/surveys/{survey_id}/results",
    response={200: SurveyResultOut, 403: ErrorOut, 404: ErrorOut},
)
def get_survey_results(
    request: HttpRequest,
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
