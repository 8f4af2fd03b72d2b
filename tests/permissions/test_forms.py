"""Every form of every page, posted with bad input by someone allowed to use it: empty fields,
over-long text, and text with a NUL character, markup and a huge number. No page may fail with a
server error; a form that refuses the input shows its errors in the user's language (Finnish here,
never Django's English defaults) and saves nothing, not even part of it."""

from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client

from mentorbank.core.models import AuditEvent

from .probe import url_of
from .scene import build
from .test_matrix import MATRIX, URLS

# who posts: the first of these the page lets in
POSTERS = ["hr", "admin", "committee", "mentee", "mentor", "supervisor", "employee", "other_supervisor", "anonymous"]
BAD_INPUT = {
    "empty": "",
    "too long": "x" * 5000,
    "nul, markup and a huge number": "\x00<script>alert(1)</script> 99999999999999999999999999",
}
ENGLISH_DEFAULTS = ["This field is required", "Enter a valid", "Ensure this value", "Select a valid choice"]
# pages whose POST carries only which button was pressed: anything else shows the page again
BUTTONS_ONLY = {"privacy:remove", "accounts:two_factor"}
PAGES = [(name, route) for name, route in URLS if not name.startswith("api-v1:") and MATRIX[name]]


class PostForm(HTMLParser):
    """The names of the fields of the page's first POST form that posts back to the page itself."""

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url, self.inside, self.found = url, False, False
        self.names: list[str] = []

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        attributes = dict(attrs)
        if tag == "form" and not self.found and (attributes.get("method") or "").lower() == "post":
            action = attributes.get("action") or ""
            self.inside = self.found = action in ("", self.url) or action.startswith(self.url + "?")
        elif self.inside and tag in ("input", "select", "textarea") and field_of(attributes):
            self.names.append(attributes["name"])

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        if tag == "form":
            self.inside = False


def field_of(attributes: dict) -> bool:
    return (
        bool(attributes.get("name"))
        and attributes["name"] != "csrfmiddlewaretoken"
        and (attributes.get("type") != "submit")
    )


def counts() -> dict[str, int]:
    """Rows of every Mentor Bank model but the audit log (a page may audit that it was read)."""
    models = [m for m in apps.get_models() if m.__module__.startswith("mentorbank.") and m is not AuditEvent]
    return {m._meta.label: m.objects.count() for m in models if not m._meta.proxy}


@pytest.mark.parametrize(("name", "route"), PAGES, ids=[name for name, _route in PAGES])
def test_bad_input_to_every_form(world, name, route):
    scene = build(world)
    poster = next(role for role in POSTERS if role in MATRIX[name])
    client = Client(HTTP_ACCEPT_LANGUAGE="fi")
    if scene.people[poster] is not None:
        scene.people[poster].user.language = "fi"
        scene.people[poster].user.save(update_fields=["language"])
        client.force_login(scene.people[poster].user)
    url = url_of(name, route, scene.values)
    page = client.get(url)
    form = PostForm(url)
    if page.status_code == 200 and page["Content-Type"].startswith("text/html"):
        form.feed(page.content.decode(errors="replace"))
    if not form.names:
        pytest.skip("no form posting to this page")
    for label, value in BAD_INPUT.items():
        with transaction.atomic():
            before = counts()
            response = client.post(url, dict.fromkeys(form.names, value))
            after = counts()
            transaction.set_rollback(True)
        assert response.status_code < 500, f"{label}: {response.status_code}"
        if response.status_code == 200:  # refused: the form is shown again with its errors
            text = response.content.decode()
            said_why = "errorlist" in text or 'role="alert"' in text
            assert said_why or name in BUTTONS_ONLY, f"{label}: refused without saying why"
            assert not [d for d in ENGLISH_DEFAULTS if d in text], f"{label}: English error messages"
            changed = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
            assert changed == {}, f"{label}: saved although refused: {changed}"
