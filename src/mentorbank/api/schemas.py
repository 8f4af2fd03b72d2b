import datetime

from ninja import Schema
from pydantic import Field


class OrganisationOut(Schema):
    slug: str
    name: str
    business_id: str
    default_language: str


class UnitOut(Schema):
    id: int
    code: str
    name: str
    parent_id: int | None


class UnitIn(Schema):
    code: str = Field(min_length=1, max_length=50)
    name: str = Field(min_length=1, max_length=200)
    parent_code: str | None = Field(default=None, max_length=50)


class UnitPatch(Schema):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    parent_code: str | None = Field(default=None, max_length=50)


class EmployeeOut(Schema):
    id: int
    personal_id: str
    first_name: str
    last_name: str
    email: str
    unit_id: int
    unit_code: str = Field(alias="unit.code")
    job_title: str
    profession_group: str | None = Field(default=None, alias="profession_group.name")
    supervisor_id: int | None
    start_date: datetime.date | None
    languages: list[str] = Field(alias="language_list")
    work_location: str
    hr_tags: list[str] = Field(alias="hr_tag_list")


class EmployeeIn(Schema):
    personal_id: str = Field(min_length=1, max_length=50)
    first_name: str = Field(min_length=1, max_length=100)
    last_name: str = Field(min_length=1, max_length=100)
    email: str = Field(min_length=3, max_length=254)
    unit_code: str = Field(min_length=1, max_length=50)
    job_title: str = Field(default="", max_length=200)
    profession_group: str = Field(default="", max_length=200)
    supervisor_personal_id: str = Field(default="", max_length=50)
    start_date: datetime.date | None = None
    languages: str = Field(default="", max_length=20, description="Comma-separated codes: fi, sv, en")
    work_location: str = Field(default="", max_length=200)


class EmployeePatch(Schema):
    first_name: str | None = Field(default=None, min_length=1, max_length=100)
    last_name: str | None = Field(default=None, min_length=1, max_length=100)
    email: str | None = Field(default=None, min_length=3, max_length=254)
    unit_code: str | None = Field(default=None, min_length=1, max_length=50)
    job_title: str | None = Field(default=None, max_length=200)
    profession_group: str | None = Field(default=None, max_length=200)
    supervisor_personal_id: str | None = Field(default=None, max_length=50)
    start_date: datetime.date | None = None
    languages: str | None = Field(default=None, max_length=20)
    work_location: str | None = Field(default=None, max_length=200)


class ErrorOut(Schema):
    detail: str


class RefusalOut(Schema):
    """The rules refused the request: why, in the caller's language, and the codes of the reasons."""

    detail: str
    codes: list[str]


class ValidationErrorOut(Schema):
    detail: str
    errors: dict[str, str]
