"""Calling every URL pattern as a role, and telling allowed from refused."""

import json
import re

from django.urls import URLPattern, URLResolver, get_resolver, reverse

WRITE_PREFIXES = {"create_": "post", "start_": "post", "plan_": "post", "accept_": "post", "request_": "post"}


def patterns(resolver=None, prefix="", namespace=None):  # type: ignore[no-untyped-def]
    """(name, route) of every URL pattern, namespaced as reverse() wants it."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            space = entry.namespace or namespace
            yield from patterns(entry, prefix + str(entry.pattern), space)
        elif isinstance(entry, URLPattern):
            yield (f"{namespace}:{entry.name}" if namespace else entry.name), prefix + str(entry.pattern)


def url_of(name, route, values):  # type: ignore[no-untyped-def]
    if name.startswith("api-v1:"):
        return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), route)
    params = re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", route)
    kwargs = {a or b: values[a or b] for a, b in params}
    return reverse(name, kwargs=kwargs)


def method_of(name):  # type: ignore[no-untyped-def]
    short = name.split(":")[-1]
    if short.startswith("update_"):
        return "patch"
    return next((m for p, m in WRITE_PREFIXES.items() if short.startswith(p)), "get")


# Valid bodies for writes, so that what is checked is the permission, not the input
API_BODIES = {
    "api-v1:create_unit": {"code": "UUSI", "name": "Uusi yksikkö"},
    "api-v1:create_employee": {
        "personal_id": "P-UUSI",
        "first_name": "Uusi",
        "last_name": "Ihminen",
        "email": "uusi@example.fi",
        "unit_code": "VAKA",
    },
    "api-v1:update_unit": {"name": "Nimi"},
    "api-v1:update_employee": {"job_title": "Lastentarhanopettaja"},
    "api-v1:plan_meetings": {"starts_at": "2030-03-05T10:00:00+02:00", "minutes": 60},
    "api-v1:request_mentor": {"message": "Hei!"},
    "api-v1:start_run": {"format": "pair"},
    "api-v1:accept_agreement": {},
}
PAGE_POSTS = {"mentorships:substitute": {"state": "arranged"}}


def call(client, name, route, values):  # type: ignore[no-untyped-def]
    """The response of the URL for the client: GET (or the API operation's method, with a valid body);
    a view that takes only POST is posted to (with the data it needs, if any)."""
    url = url_of(name, route, values)
    method = method_of(name)
    body = json.dumps(API_BODIES.get(name, {}))
    if method == "patch":
        return client.patch(url, data=body, content_type="application/json")
    if method == "post" and name.startswith("api-v1:"):
        return client.post(url, data=body, content_type="application/json")
    response = client.get(url)
    if response.status_code == 405:
        response = client.post(url, PAGE_POSTS.get(name, {}))
    return response


def allowed(response):  # type: ignore[no-untyped-def]
    """Refused: sign-in redirect or 401, 403, 404; anything else means the view let the visitor in."""
    if response.status_code in (401, 403, 404):
        return False
    location = response.get("Location", "")
    return not (response.status_code == 302 and ("/accounts/login/" in location and "next=" in location))
