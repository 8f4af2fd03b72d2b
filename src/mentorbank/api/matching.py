"""API for matching runs and their proposals: the same people as the committee's pages."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import Field

from mentorbank.core.http import origin_of
from mentorbank.matching import engine, services
from mentorbank.matching.models import MatchingRun
from mentorbank.matching.phases import run_formats
from mentorbank.programmes.access import access_programme, sees_applications
from mentorbank.programmes.formats import Format

from .common import ApiRequest, BoundedPageNumberPagination, member
from .schemas import ErrorOut, RefusalOut

router = Router(tags=["matching"])
PREFIX = "/organisations/{slug}/programmes/{programme_id}/matching/runs"


class RunOut(Schema):
    number: int
    format: str
    objective: str
    weights: dict[str, float]
    state: str
    progress: int
    error: str
    mentee_count: int
    mentor_count: int
    matched: int
    total_score: float
    min_score: float | None
    upper_bound: float | None
    seconds: float
    created_at: datetime.datetime
    published_at: datetime.datetime | None


class RunIn(Schema):
    format: str = Format.PAIR
    objective: str = "max_matched_then_score"
    weights: dict[str, float] = Field(default_factory=dict)


class ReasonOut(Schema):
    code: str
    details: list[str]


class ProposalOut(Schema):
    mentee_application: int = Field(alias="mentee_id")
    mentee_name: str = Field(alias="mentee.employee.full_name")
    mentor_application: int | None = Field(alias="mentor_id")
    second_mentor_application: int | None = Field(alias="second_mentor_id")
    group: int | None
    score: float | None
    reasons: list[ReasonOut]
    locked: bool
    unmatched_reason: str


def reviewed_programme(request: ApiRequest, slug: str, programme_id: int):
    membership = member(request, slug)
    programme = access_programme(membership, programme_id)
    if not sees_applications(membership, programme):
        raise PermissionDenied
    return programme


@router.get(PREFIX, response={200: list[RunOut], 403: ErrorOut, 404: ErrorOut})
@paginate(BoundedPageNumberPagination, page_size=50)
def list_runs(request: ApiRequest, slug: str, programme_id: int) -> Any:
    return reviewed_programme(request, slug, programme_id).matching_runs.all()


@router.post(PREFIX, response={202: RunOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: RefusalOut})
def start_run(request: ApiRequest, slug: str, programme_id: int, payload: RunIn) -> Any:
    """Start a run as a background task; poll the run for its progress."""
    programme = reviewed_programme(request, slug, programme_id)
    if payload.format not in dict(run_formats(programme)):
        raise HttpError(400, f"format must be one of {', '.join(dict(run_formats(programme)))}")
    if payload.objective not in engine.PAIR_OBJECTIVES:
        raise HttpError(400, f"objective must be one of {', '.join(engine.PAIR_OBJECTIVES)}")
    weights = {**engine.Weights().as_dict(), **payload.weights}
    try:
        engine.Weights(**weights).normalised()
    except (TypeError, ValueError) as error:
        raise HttpError(400, f"weights: {error}") from error
    run = services.start_run(
        programme=programme,
        objective=payload.objective,
        weights=weights,
        run_format=payload.format,
        actor=request.auth,
        origin=origin_of(request),
    )
    run.refresh_from_db()
    return 202, run


@router.get(PREFIX + "/{number}", response={200: RunOut, 403: ErrorOut, 404: ErrorOut})
def get_run(request: ApiRequest, slug: str, programme_id: int, number: int) -> Any:
    return get_object_or_404(reviewed_programme(request, slug, programme_id).matching_runs, number=number)


@router.get(PREFIX + "/{number}/proposals", response={200: list[ProposalOut], 403: ErrorOut, 404: ErrorOut})
@paginate(BoundedPageNumberPagination, page_size=100)
def list_proposals(request: ApiRequest, slug: str, programme_id: int, number: int) -> Any:
    run: MatchingRun = get_object_or_404(reviewed_programme(request, slug, programme_id).matching_runs, number=number)
    return run.proposals.select_related("mentee__employee").order_by("pk")
