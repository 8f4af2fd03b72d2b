"""API for programmes, applications and the mentor bank; the pages' permission helpers."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from mentorbank.bank import banking
from mentorbank.bank.bank_search import attach_load_and_training, search, visible_profiles
from mentorbank.core.http import origin_of
from mentorbank.programmes.access import access_programme, programmes_of, sees_applications

from .common import ApiRequest, BoundedPageNumberPagination, member, own_employee
from .schemas import ErrorOut, RefusalOut

router = Router(tags=["programmes"])


class ProgrammeOut(Schema):
    id: int
    name: str
    name_fi: str
    name_sv: str
    name_en: str
    state: str
    owner: str = Field(alias="owner.slug")
    formats: list[str]
    eligibility: str
    application_opens: datetime.date | None
    application_closes: datetime.date | None
    matching_method: str
    duration_kind: str
    duration_months: int
    duration_meetings: int | None
    meeting_every_weeks: int
    meeting_minutes: int
    working_time_minutes: int | None
    working_time_period: str
    substitutes_arranged: bool
    compensation: str
    hr_approves_participation: bool


class ApplicationOut(Schema):
    id: int
    programme_id: int
    employee_id: int
    employee_name: str = Field(alias="employee.full_name")
    role: str
    status: str
    goals: str
    experience_years: int
    career_stage: str
    languages: list[str]
    meeting_mode: str
    cross_unit: str
    mentor_capacity: int
    supervisor_decision: str
    hr_decision: str
    created_at: datetime.datetime


class MyApplicationOut(Schema):
    id: int
    programme_id: int
    programme_name: str = Field(alias="programme.name")
    role: str
    status: str


class MentorOut(Schema):
    id: int
    name: str = Field(alias="employee.full_name")
    organisation: str = Field(alias="employee.organisation.slug")
    job_title: str = Field(alias="employee.job_title")
    unit: str = Field(alias="employee.unit.name")
    introduction: str
    competences: list[str]
    meeting_mode: str
    availability: str
    capacity: int
    load: int
    last_active_at: datetime.datetime

    @staticmethod
    def resolve_competences(obj: Any) -> list[str]:
        return [competence.name for competence in obj.competences.all()]


class MentorRequestIn(Schema):
    message: str = Field(min_length=1, max_length=2000)
    programme_id: int | None = Field(
        None, description="The programme whose rules the pair follows; by default the first one open to the mentee."
    )
    outside_programmes: bool = Field(
        False, description="Ask outside any programme (only where the organisation allows it)."
    )


class MentorRequestOut(Schema):
    id: int
    mentor_id: int
    programme_id: int | None
    state: str
    created_at: datetime.datetime


@router.get("/organisations/{slug}/programmes", response={200: list[ProgrammeOut], 403: ErrorOut, 404: ErrorOut})
@paginate(BoundedPageNumberPagination, page_size=50)
def list_programmes(request: ApiRequest, slug: str) -> Any:
    return programmes_of(member(request, slug, "view_programmes")).select_related("owner").order_by("-id")


@router.get(
    "/organisations/{slug}/programmes/{programme_id}", response={200: ProgrammeOut, 403: ErrorOut, 404: ErrorOut}
)
def get_programme(request: ApiRequest, slug: str, programme_id: int) -> Any:
    return access_programme(member(request, slug), programme_id)


@router.get(
    "/organisations/{slug}/programmes/{programme_id}/applications",
    response={200: list[ApplicationOut], 403: ErrorOut, 404: ErrorOut},
)
@paginate(BoundedPageNumberPagination, page_size=100)
def list_applications(request: ApiRequest, slug: str, programme_id: int) -> Any:
    membership = member(request, slug)
    programme = access_programme(membership, programme_id)
    if not sees_applications(membership, programme):
        raise PermissionDenied
    return programme.applications.active().select_related("employee").order_by("pk")


@router.get(
    "/organisations/{slug}/my/applications", response={200: list[MyApplicationOut], 403: ErrorOut, 404: ErrorOut}
)
def my_applications(request: ApiRequest, slug: str) -> Any:
    return own_employee(request, slug).applications.select_related("programme").order_by("-created_at")


@router.get(
    "/organisations/{slug}/bank", response={200: list[MentorOut], 403: ErrorOut, 404: ErrorOut}, tags=["mentor bank"]
)
@paginate(BoundedPageNumberPagination, page_size=20)
def search_bank(
    request: ApiRequest,
    slug: str,
    q: str = "",
    theme: str = "",
    competence: int | None = None,
    profession_group: str = "",
    language: str = "",
    unit: int | None = None,
    remote: bool = False,
) -> Any:
    employee = own_employee(request, slug)
    return LoadedProfiles(
        search(
            employee,
            text=q,
            theme=theme,
            competence=competence,
            profession_group=profession_group,
            language=language,
            unit=unit,
            remote=remote,
        )
    )


class LoadedProfiles:
    """A queryset whose slices carry each mentor's current load (one query a page)."""

    def __init__(self, queryset: Any) -> None:
        self.queryset = queryset

    def __len__(self) -> int:
        return self.queryset.count()

    def count(self) -> int:
        return self.queryset.count()

    def __getitem__(self, item: slice) -> list[Any]:
        profiles = list(self.queryset[item])
        attach_load_and_training(profiles)
        return profiles


@router.post(
    "/organisations/{slug}/bank/{profile_id}/requests",
    response={201: MentorRequestOut, 403: ErrorOut, 404: ErrorOut, 422: RefusalOut},
    tags=["mentor bank"],
)
def request_mentor(request: ApiRequest, slug: str, profile_id: int, payload: MentorRequestIn) -> Any:
    employee = own_employee(request, slug)
    profile = visible_profiles(employee).filter(pk=profile_id).select_related("employee").first()
    if profile is None:
        raise Http404
    programme = banking.chosen_programme(employee, payload.programme_id, outside=payload.outside_programmes)
    created = banking.request_send(
        mentee=employee,
        mentor=profile,
        message=payload.message,
        programme=programme,
        actor=request.auth,
        origin=origin_of(request),
    )
    return 201, created
