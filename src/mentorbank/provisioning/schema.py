"""What Mentor Bank's SCIM service publishes: the User resource with the attributes an employee record
holds (and no others, so a client knows what is kept), the enterprise extension's department and
manager, and what the service supports. The protocol itself is scim2-server's."""

from typing import Annotated

from pydantic import EmailStr, Field
from scim2_models import (
    URN,
    AnyExtension,
    AuthenticationScheme,
    Bulk,
    CaseExact,
    ChangePassword,
    ComplexAttribute,
    ETag,
    Extension,
    Filter,
    Mutability,
    Pagination,
    Patch,
    Reference,
    Required,
    Resource,
    ResourceType,
    Returned,
    ScimPolicy,
    ScimProvider,
    ServiceProviderConfig,
    Sort,
    Uniqueness,
)

MAX_RESULTS = 200


# What is made of other attributes, or is the same for everyone, is returned only when asked for
# (`attributes=`), so that what a client sent is what it reads back.


class PersonName(ComplexAttribute):
    formatted: Annotated[str | None, Mutability.read_only, Returned.request] = None  # made of the two below
    family_name: Annotated[str | None, Required.true] = None
    given_name: Annotated[str | None, Required.true] = None


class WorkEmail(ComplexAttribute):
    """An employee has one work e-mail; whatever type a client gives, it is kept as the work one."""

    value: Annotated[EmailStr | None, Required.true] = None
    type: Annotated[str | None, Mutability.read_only, Returned.request] = None  # "work"
    primary: Annotated[bool | None, Mutability.read_only, Returned.request] = None  # true


class Person(Resource[AnyExtension]):
    """An employee, as SCIM's User (urn:ietf:params:scim:schemas:core:2.0:User)."""

    __schema__ = URN("urn:ietf:params:scim:schemas:core:2.0:User")

    # the personal ID in the HR system, which the HR import matches people by too
    external_id: Annotated[str | None, Required.true] = None
    user_name: Annotated[str | None, Uniqueness.server, Required.true] = None
    name: Annotated[PersonName | None, Required.true] = None
    display_name: Annotated[str | None, Mutability.read_only] = None
    title: str | None = None
    emails: Annotated[list[WorkEmail] | None, Required.true] = None
    # absent in a creation or replacement means active (the view adds it), so that it is never unknown
    active: Annotated[bool | None, Required.true] = None


class Supervisor(ComplexAttribute):
    """The enterprise extension's manager: another user of this service, the person's supervisor."""

    value: Annotated[str | None, Required.true, CaseExact.true] = None
    ref: Annotated[Reference["User"] | None, Required.true] = Field(  # type: ignore[name-defined]  # noqa: F821 - the resource type
        None, serialization_alias="$ref", validation_alias="$ref"
    )
    display_name: Annotated[str | None, Mutability.read_only, Returned.request] = None


class WorkDetails(Extension):
    """The enterprise extension's attributes that an employee record holds."""

    __schema__ = URN("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")

    department: str | None = None  # moves the person to the unit of that name or ID, when there is one
    manager: Supervisor | None = None


def provider() -> ScimProvider:
    config = ServiceProviderConfig(
        documentation_uri=None,
        patch=Patch(supported=True),
        bulk=Bulk(supported=False, max_operations=0, max_payload_size=0),
        filter=Filter(supported=True, max_results=MAX_RESULTS),
        change_password=ChangePassword(supported=False),
        sort=Sort(supported=False),
        etag=ETag(supported=False),
        pagination=Pagination(cursor=False, index=True, default_page_size=100, max_page_size=MAX_RESULTS),
        authentication_schemes=[
            AuthenticationScheme(
                type=AuthenticationScheme.Type.oauthbearertoken,
                name="Bearer token",
                description="A token the organisation's admin makes in Mentor Bank (Provisioning).",
                primary=True,
            )
        ],
    )
    return ScimProvider(
        models=[Person, WorkDetails],
        resource_types=[ResourceType.from_resource(Person[WorkDetails])],
        config=config,
        # as Microsoft Entra ID and other providers send them: attributes this service does not keep are
        # ignored, a PATCH remove may carry its value, and a filtered PATCH path may create its entry
        policy=ScimPolicy(
            unknown=ScimPolicy.Unknown.ignore,
            remove_value_as_filter=ScimPolicy.RemoveValue.apply,
            unmatched_path_filter=ScimPolicy.UnmatchedPathFilter.create,
        ),
    )
