"""The JSON API, version 1. Permissions are the pages' own helpers."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import DataError, transaction
from django.http import Http404, HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Query
from ninja.pagination import paginate

from mentorbank.core import audit
from mentorbank.core.http import origin_of
from mentorbank.core.refusals import Refused
from mentorbank.organisations.access import (
    organisations_of,
    view_employee,
    visible_employees,
)
from mentorbank.organisations.models import Unit
from mentorbank.organisations.services import EmployeeDataError, employee_save

from .auth import ActiveSessionAuth, TokenAuth
from .common import ApiRequest, BoundedPageNumberPagination, FormInvalid, member
from .schemas import (
    EmployeeIn,
    EmployeeOut,
    EmployeePatch,
    ErrorOut,
    OrganisationOut,
    UnitIn,
    UnitOut,
    UnitPatch,
    ValidationErrorOut,
)


class MentorBankApi(NinjaAPI):
    """Builds its OpenAPI schema once per process and language: it is the same for every request of a
    deployment, and building it (pydantic's schema generation) took 110-150 ms a request."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.schemas: dict[tuple[Any, ...], Any] = {}

    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None) -> Any:
        key = (path_prefix, tuple(sorted((path_params or {}).items())), get_language())
        if key not in self.schemas:
            self.schemas[key] = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return self.schemas[key]


api = MentorBankApi(
    title="Mentor Bank API",
    version="1",
    description="Units and employees of the organisations you belong to. Authenticate with a session "
    "(and the CSRF token) or with `Authorization: Bearer <token>` from your account's API tokens page.",
    urls_namespace="api-v1",
    auth=[TokenAuth(), ActiveSessionAuth()],
    openapi_url="/openapi.json",
    docs_url="/docs",
)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Exception) -> Any:
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(OverflowError)
@api.exception_handler(DataError)
def beyond_the_database(request: HttpRequest, exc: Exception) -> Any:
    """An ID or number past what the database can hold (e.g. 2^63, found by fuzzing) names nothing."""
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: Exception) -> Any:
    return api.create_response(request, {"detail": _("You do not have the role this needs.")}, status=403)


@api.exception_handler(Refused)
def refused_by_the_rules(request: HttpRequest, exc: Refused) -> Any:
    """Every refusal of every domain: 422 with the message in the caller's language and its codes."""
    return api.create_response(request, {"detail": exc.message, "codes": list(exc.codes)}, status=422)


@api.exception_handler(FormInvalid)
def invalid_form(request: HttpRequest, exc: FormInvalid) -> Any:
    """The page's form refused the data: its messages, in the caller's language, per field."""
    return api.create_response(request, {"detail": _("The data is not valid."), "errors": exc.errors}, status=422)


@api.exception_handler(EmployeeDataError)
def invalid_employee(request: HttpRequest, exc: EmployeeDataError) -> Any:
    return api.create_response(request, {"detail": _("The data is not valid."), "errors": exc.errors}, status=422)


@api.get("/organisations", response=list[OrganisationOut], tags=["organisations"])
def list_organisations(request: ApiRequest) -> Any:
    return organisations_of(request.auth)


@api.get("/organisations/{slug}/units", response={200: list[UnitOut], 403: ErrorOut, 404: ErrorOut}, tags=["units"])
@paginate(BoundedPageNumberPagination, page_size=100)
def list_units(request: ApiRequest, slug: str) -> Any:
    return member(request, slug, "view_people").organisation.units.order_by("code")


@api.get("/organisations/{slug}/units/{unit_id}", response={200: UnitOut, 403: ErrorOut, 404: ErrorOut}, tags=["units"])
def get_unit(request: ApiRequest, slug: str, unit_id: int) -> Any:
    organisation = member(request, slug, "view_people").organisation
    unit = organisation.units.filter(pk=unit_id).first()
    if unit is None:
        raise Http404
    return unit


@api.post(
    "/organisations/{slug}/units",
    response={201: UnitOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut},
    tags=["units"],
)
def create_unit(request: ApiRequest, slug: str, payload: UnitIn) -> Any:
    organisation = member(request, slug, "manage_people").organisation
    if organisation.units.filter(code=payload.code).exists():
        raise EmployeeDataError({"code": _("A unit with this ID exists already.")})
    unit = Unit(organisation=organisation, code=payload.code, name=payload.name)
    return 201, save_unit(request, unit, payload.parent_code, "unit.created")


@api.patch(
    "/organisations/{slug}/units/{unit_id}",
    response={200: UnitOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut},
    tags=["units"],
)
def update_unit(request: ApiRequest, slug: str, unit_id: int, payload: UnitPatch) -> Any:
    organisation = member(request, slug, "manage_people").organisation
    unit = organisation.units.filter(pk=unit_id).first()
    if unit is None:
        raise Http404
    if payload.name is not None:
        unit.name = payload.name
    return save_unit(request, unit, payload.parent_code, "unit.updated")


def save_unit(request: ApiRequest, unit: Unit, parent_code: str | None, action: str) -> Unit:
    if parent_code is not None:
        unit.parent = None
        if parent_code:
            parent = unit.organisation.units.filter(code=parent_code).first()
            if parent is None:
                raise EmployeeDataError({"parent_code": _("There is no unit with this ID.")})
            if unit.pk and (parent.pk == unit.pk or is_descendant(parent, unit)):
                raise EmployeeDataError({"parent_code": _("A unit cannot be inside itself.")})
            unit.parent = parent
    with transaction.atomic():
        unit.save()
        audit.record(
            actor=request.auth,
            action=action,
            organisation=unit.organisation,
            details={"unit": unit.code},
            origin=origin_of(request),
        )
    return unit


def is_descendant(candidate: Unit, unit: Unit) -> bool:
    parents = dict(unit.organisation.units.values_list("id", "parent_id"))
    current = parents.get(candidate.pk)
    while current is not None:
        if current == unit.pk:
            return True
        current = parents.get(current)
    return False


@api.get(
    "/organisations/{slug}/employees",
    response={200: list[EmployeeOut], 403: ErrorOut, 404: ErrorOut},
    tags=["employees"],
)
@paginate(BoundedPageNumberPagination, page_size=100)
def list_employees(request: ApiRequest, slug: str, q: Query[str | None] = None) -> Any:
    employees = visible_employees(member(request, slug)).with_related().order_by("last_name", "first_name", "pk")
    return employees.search(q) if q else employees


@api.get(
    "/organisations/{slug}/employees/{employee_id}",
    response={200: EmployeeOut, 403: ErrorOut, 404: ErrorOut},
    tags=["employees"],
)
def get_employee(request: ApiRequest, slug: str, employee_id: int) -> Any:
    membership = member(request, slug)
    employee = view_employee(membership, employee_id, actor=request.auth, origin=origin_of(request), source="api")
    return employee


@api.post(
    "/organisations/{slug}/employees",
    response={201: EmployeeOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut},
    tags=["employees"],
)
def create_employee(request: ApiRequest, slug: str, payload: EmployeeIn) -> Any:
    organisation = member(request, slug, "manage_people").organisation
    employee = employee_save(
        organisation=organisation, actor=request.auth, data=payload.dict(), origin=origin_of(request)
    )
    return 201, organisation.employees.with_related().get(pk=employee.pk)


@api.patch(
    "/organisations/{slug}/employees/{employee_id}",
    response={200: EmployeeOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut},
    tags=["employees"],
)
def update_employee(request: ApiRequest, slug: str, employee_id: int, payload: EmployeePatch) -> Any:
    organisation = member(request, slug, "manage_people").organisation
    employee = organisation.employees.filter(pk=employee_id).first()
    if employee is None:
        raise Http404
    employee_save(
        organisation=organisation,
        actor=request.auth,
        employee=employee,
        data=payload.dict(exclude_unset=True),
        origin=origin_of(request),
    )
    return organisation.employees.with_related().get(pk=employee.pk)


from .programmes import router as programmes_router  # noqa: E402 - the router uses this module's api settings

api.add_router("", programmes_router)

from .matching import router as matching_router  # noqa: E402

api.add_router("", matching_router)

from .mentorships import router as mentorships_router  # noqa: E402

api.add_router("", mentorships_router)

from .reports import router as reports_router  # noqa: E402

api.add_router("", reports_router)
