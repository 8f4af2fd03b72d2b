from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

from mentorbank.accounts.models import User
from mentorbank.organisations.access import Membership, membership_for
from mentorbank.organisations.models import Employee, Organisation


class FormInvalid(Exception):
    """The page's own form refused the data: the API answers 422 with the form's messages."""

    def __init__(self, form: forms.BaseForm) -> None:
        super().__init__("invalid data")
        self.form = form

    @property
    def errors(self) -> dict[str, str]:
        return {field or "__all__": " ".join(str(m) for m in messages) for field, messages in self.form.errors.items()}


def cleaned(form: forms.BaseForm) -> dict[str, Any]:
    """The same validation as the page: the form's cleaned data, or FormInvalid."""
    if not form.is_valid():
        raise FormInvalid(form)
    return form.cleaned_data


class ApiRequest(HttpRequest):
    """A request to the API: the token's owner is `auth` (the API's authentication has checked it)."""

    auth: User


def member(request: ApiRequest, slug: str, capability: str | None = None) -> Membership:
    """The caller's membership of the organisation in the path: 404 when not theirs, 403 without the role."""
    organisation = Organisation.objects.filter(slug=slug).first()
    membership = membership_for(request.auth, organisation) if organisation else None
    if membership is None:
        raise Http404
    if capability is not None and not membership.can(capability):
        raise PermissionDenied
    return membership


def own_employee(request: ApiRequest, slug: str) -> Employee:
    return member(request, slug).own_employee()


class BoundedPageNumberPagination(PageNumberPagination):
    """Page numbers the database can turn into an offset: a page past a million is refused (422)
    instead of overflowing the OFFSET (a fuzzed page 9·10^16 did)."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=1_000_000)
        page_size: int | None = Field(None, ge=1, le=500)
