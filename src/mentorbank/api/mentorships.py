"""API for mentorships, their agreements, goals and meetings, with the pages' permissions.
Private notes have no endpoint at all."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from ninja import Router, Schema
from ninja.pagination import paginate

from mentorbank.core.http import origin_of
from mentorbank.mentorships import meetings as meeting_service
from mentorbank.mentorships import services
from mentorbank.mentorships.access import PARTICIPANT, access_mentorship, goals_shown_to, visible_mentorships
from mentorbank.mentorships.forms import MeetingForm
from mentorbank.mentorships.models import Mentorship

from .common import ApiRequest, BoundedPageNumberPagination, cleaned, member
from .schemas import ErrorOut, RefusalOut, ValidationErrorOut

router = Router(tags=["mentorships"])
BASE = "/organisations/{slug}/mentorships"


class MemberOut(Schema):
    employee_id: int
    name: str
    role: str


class MentorshipOut(Schema):
    id: int
    programme_id: int | None
    format: str
    state: str
    started_on: datetime.date | None
    ends_on: datetime.date | None
    members: list[MemberOut]

    @staticmethod
    def resolve_members(obj: Mentorship) -> list[dict[str, Any]]:
        return [
            {"employee_id": m.employee_id, "name": m.employee.full_name, "role": m.role}
            for m in obj.members.all()
            if m.left_at is None
        ]


class GoalsOut(Schema):
    employee_id: int
    goals: list[str]


class AgreementOut(Schema):
    version: int
    state: str
    starts_on: datetime.date
    ends_on: datetime.date
    meeting_every_weeks: int
    meeting_minutes: int
    meeting_form: str
    working_time: str
    accepted_by: list[int]
    goals: list[GoalsOut]


class MeetingOut(Schema):
    id: int
    starts_at: datetime.datetime
    minutes: int
    state: str
    place: str | None  # participants only
    time_used: dict[str, int]  # employee id -> minutes, of the people the caller may see


class MeetingIn(Schema):
    starts_at: datetime.datetime
    minutes: int
    place: str = ""
    count: int = 1
    every_weeks: int = 4


def meeting_form_data(payload: MeetingIn) -> dict[str, Any]:
    """The planning page's form fields from the API's payload: a time with its UTC offset is one moment
    (and says which of a repeated hour); a time without one is a wall time, checked like the page's."""
    aware = timezone.is_aware(payload.starts_at)
    local = timezone.localtime(payload.starts_at) if aware else payload.starts_at
    return {
        "day": local.date().isoformat(),
        "time": local.time().isoformat(timespec="seconds"),
        "fold": str(local.fold) if aware else "",
        "minutes": payload.minutes,
        "place": payload.place,
        "count": payload.count,
        "every_weeks": payload.every_weeks,
    }


def members_of(mentorship: Mentorship) -> list[Any]:
    return list(mentorship.members.current().select_related("employee"))


@router.get(BASE, response={200: list[MentorshipOut], 404: ErrorOut})
@paginate(BoundedPageNumberPagination, page_size=50)
def list_mentorships(request: ApiRequest, slug: str) -> Any:
    return visible_mentorships(member(request, slug)).prefetch_related("members__employee").order_by("-pk")


@router.get(BASE + "/{mentorship_id}", response={200: MentorshipOut, 404: ErrorOut})
def get_mentorship(request: ApiRequest, slug: str, mentorship_id: int) -> Any:
    mentorship, _relation = access_mentorship(member(request, slug), mentorship_id)
    return mentorship


@router.get(BASE + "/{mentorship_id}/agreements", response={200: list[AgreementOut], 404: ErrorOut})
def list_agreements(request: ApiRequest, slug: str, mentorship_id: int) -> Any:
    """Every version; goals of the people the caller may see (a supervisor: their own staff)."""
    membership = member(request, slug)
    mentorship, relation = access_mentorship(membership, mentorship_id)
    shown = goals_shown_to(membership, relation, members_of(mentorship))
    result = []
    for agreement in mentorship.agreements.prefetch_related("acceptances").order_by("-version"):
        result.append(
            {
                **{f: getattr(agreement, f) for f in AgreementOut.model_fields if hasattr(agreement, f)},
                "accepted_by": [a.employee_id for a in agreement.acceptances.all()],
                "goals": [{"employee_id": int(e), "goals": g} for e, g in agreement.goals.items() if int(e) in shown],
            }
        )
    return result


@router.get(BASE + "/{mentorship_id}/meetings", response={200: list[MeetingOut], 404: ErrorOut})
def list_meetings(request: ApiRequest, slug: str, mentorship_id: int) -> Any:
    membership = member(request, slug)
    mentorship, relation = access_mentorship(membership, mentorship_id)
    employee = membership.employee
    staff = {m.employee_id for m in members_of(mentorship) if employee and m.employee.supervisor_id == employee.pk}
    result = []
    for meeting in mentorship.meetings.prefetch_related("times"):
        times = {str(t.employee_id): t.minutes for t in meeting.times.all()}
        if relation == "supervisor":
            times = {e: m for e, m in times.items() if int(e) in staff}
        result.append(
            {
                "id": meeting.pk,
                "starts_at": meeting.starts_at,
                "minutes": meeting.minutes,
                "state": meeting.state,
                "place": meeting.place if relation == PARTICIPANT else None,
                "time_used": times,
            }
        )
    return result


@router.post(
    BASE + "/{mentorship_id}/meetings",
    response={201: list[MeetingOut], 403: ErrorOut, 404: ErrorOut, 422: RefusalOut | ValidationErrorOut},
)
def plan_meetings(request: ApiRequest, slug: str, mentorship_id: int, payload: MeetingIn) -> Any:
    """Participants plan one meeting or a series; the working-time limit is checked as on the page."""
    mentorship, relation = access_mentorship(member(request, slug), mentorship_id)
    if relation != PARTICIPANT:
        raise PermissionDenied
    data = cleaned(MeetingForm(meeting_form_data(payload)))
    planned, _skipped = meeting_service.plan(
        mentorship=mentorship,
        first=data["starts_at"],
        minutes=data["minutes"],
        place=data["place"],
        every_weeks=data["every_weeks"],
        count=data["count"],
        actor=request.auth,
        origin=origin_of(request),
    )
    return 201, [
        {
            "id": m.pk,
            "starts_at": m.starts_at,
            "minutes": m.minutes,
            "state": m.state,
            "place": m.place,
            "time_used": {},
        }
        for m in planned
    ]


@router.post(
    BASE + "/{mentorship_id}/agreement/accept",
    response={200: AgreementOut, 403: ErrorOut, 404: ErrorOut, 422: RefusalOut},
)
def accept_agreement(request: ApiRequest, slug: str, mentorship_id: int) -> Any:
    membership = member(request, slug)
    mentorship, relation = access_mentorship(membership, mentorship_id)
    if relation != PARTICIPANT:
        raise PermissionDenied
    agreement = services.current_agreement(mentorship)
    services.accept(
        agreement=agreement, employee=membership.own_employee(), actor=request.auth, origin=origin_of(request)
    )
    return list_agreements(request, slug, mentorship_id)[0]
