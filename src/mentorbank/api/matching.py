"""API for matching runs and their proposals: the same people as the committee's pages."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from mentorbank.core.http import origin_of
from mentorbank.matching import engine, services
from mentorbank.matching.forms import RunForm
from mentorbank.matching.models import MatchingRun
from mentorbank.programmes.access import access_programme, sees_applications
from mentorbank.programmes.formats import Format

from .common import ApiRequest, BoundedPageNumberPagination, cleaned, member
from .schemas import ErrorOut, RefusalOut, ValidationErrorOut

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
    groups_per_mentor: int = 1
    uneven_groups: bool = False


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


@router.post(PREFIX, response={202: RunOut, 403: ErrorOut, 404: ErrorOut, 422: RefusalOut | ValidationErrorOut})
def start_run(request: ApiRequest, slug: str, programme_id: int, payload: RunIn) -> Any:
    """Start a run as a background task; poll the run for its progress. Checked by the page's own form:
    known criteria only, weights 0–10, a kind of run the programme has."""
    programme = reviewed_programme(request, slug, programme_id)
    unknown = sorted(set(payload.weights) - set(engine.CRITERIA))
    weights = {**engine.Weights().as_dict(), **payload.weights}
    form = RunForm(
        {
            "format": payload.format,
            "objective": payload.objective,
            "groups_per_mentor": payload.groups_per_mentor,
            "uneven_groups": payload.uneven_groups,
            **{f"weight_{name}": weights.get(name, 1.0) for name in engine.CRITERIA},
        },
        weights=weights,
        programme=programme,
    )
    form.is_valid()  # the form's own checks first; then ours join its errors
    if unknown:
        form.add_error(
            None,
            _("Unknown criteria: %(unknown)s. The criteria are: %(known)s.")
            % {"unknown": ", ".join(unknown), "known": ", ".join(engine.CRITERIA)},
        )
    data = cleaned(form)
    run = services.start_run(
        programme=programme,
        objective=data["objective"],
        weights=form.weights,
        run_format=data["format"],
        groups_per_mentor=data["groups_per_mentor"],
        uneven_groups=data["uneven_groups"],
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
