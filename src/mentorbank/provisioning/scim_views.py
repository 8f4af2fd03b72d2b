"""The SCIM 2.0 endpoint of each organisation (RFC 7644's URL-prefix tenancy: /scim/<organisation>/v2/),
for its identity provider with a bearer token the organisation's admin made. scim2-server speaks the
protocol; this view hands it the request and the organisation's employees (storage.EmployeeStorage)."""

import json
from http import HTTPStatus
from urllib.parse import parse_qsl

from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from scim2_models import NotFoundException, UnauthorizedException
from scim2_server.applications.base import BaseApplication
from scim2_server.handler import ScimHandler
from scim2_server.requests import ScimRequest
from scim2_server.responses import ScimResponse
from scim2_server.service import ScimService

from mentorbank.core.http import origin_of
from mentorbank.organisations.models import Organisation

from . import tokens
from .schema import provider
from .storage import EmployeeStorage

SERVICE = ScimService(provider())
APPLICATION = BaseApplication(SERVICE.provider, SERVICE)


@csrf_exempt
def scim(request: HttpRequest, org_slug: str, path: str = "") -> HttpResponse:
    scim_request = ScimRequest(
        method=request.method or "GET",
        base_url=request.build_absolute_uri(f"/scim/{org_slug}/v2"),
        path=APPLICATION.split_path("/" + path),
        query=dict(parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)),
        headers=dict(request.headers),
        body=as_providers_send(request.method or "GET", path, request.body),
    )
    with translation.override("en"):  # a machine reads the errors: the source language, whatever it asks
        try:
            response = serve(request, scim_request, org_slug)
        except Exception as exception:  # scim2-server's own: each becomes a SCIM error (others are logged)
            response = APPLICATION.handle_exception(scim_request, exception)
    return django_response(APPLICATION.finalize_response(scim_request, response))


def serve(request: HttpRequest, scim_request: ScimRequest, org_slug: str) -> ScimResponse:
    organisation = Organisation.objects.filter(slug=org_slug).first()
    if organisation is None:
        raise NotFoundException(detail="No such organisation")
    label = ""
    if APPLICATION.needs_auth(scim_request):  # all but the service provider configuration (RFC 7643 §5)
        scheme, _, key = request.headers.get("Authorization", "").partition(" ")
        token = tokens.signed_in(key.strip()) if scheme.lower() == "bearer" and key.strip() else None
        if token is None or token.organisation_id != organisation.pk:
            raise UnauthorizedException(detail="A provisioning token of this organisation is needed.")
        label = str(token)
    storage = EmployeeStorage(organisation, token=label, origin=origin_of(request))
    return ScimHandler(SERVICE, storage).handle(scim_request)


def as_providers_send(method: str, path: str, body: bytes) -> bytes:
    """Two liberties identity providers take, made into what RFC 7643 says: a user created or replaced
    without `active` is active (so it is never unknown here), and Microsoft Entra ID sends a manager
    in a PATCH as the manager's bare id."""
    if not body or "Users" not in path:
        return body
    try:
        payload = json.loads(body)
    except ValueError:
        return body  # scim2-server answers invalidSyntax
    if not isinstance(payload, dict):
        return body
    if method in ("POST", "PUT") and "active" not in payload:
        payload["active"] = True
    for operation in payload.get("Operations") or []:
        manager = isinstance(operation, dict) and str(operation.get("path", "")).endswith(":manager")
        if manager and isinstance(operation.get("value"), str):
            operation["value"] = {"value": operation["value"]}
    return json.dumps(payload).encode()


def django_response(response: ScimResponse) -> HttpResponse:
    content = b"" if response.body is None else json.dumps(response.body).encode()
    if response.status == HTTPStatus.NO_CONTENT:
        content = b""
    made = HttpResponse(content, status=response.status.value)
    for name, value in response.headers.items():
        made[name] = value
    return made
