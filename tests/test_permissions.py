"""Every page and endpoint of the foundation, as every kind of visitor.

Anonymous visitors are sent to sign in; people of another organisation get
404 (they must not learn what exists); people without the role get 403."""

import pytest
from django.urls import reverse

from mentorbank.core.models import AccessibilityFeedback
from mentorbank.organisations.models import ImportBatch

pytestmark = pytest.mark.django_db

# (url name, needs) where needs is "member", "supervisor", "hr" (HR or admin) or "admin"
PAGES = [
    ("home:home", "member", []),
    ("organisations:people", "supervisor", []),
    ("organisations:units", "hr", []),
    ("organisations:import", "hr", []),
    ("organisations:import_batch", "hr", ["batch"]),
    ("organisations:import_template", "hr", ["units", "csv"]),
    ("organisations:roles", "admin", []),
    ("organisations:role_revoke", "admin", ["role"]),
    ("home:audit", "admin", []),
    ("home:audit_export", "admin", []),
    ("home:feedback", "admin", []),
]
API = [
    ("/organisations/{slug}/units", "hr"),
    ("/organisations/{slug}/employees", "supervisor"),
]


def url_for(world, name, extra):
    batch = ImportBatch.objects.create(organisation=world.org, kind="units", filename="u.csv", status="invalid")
    role = world.org.roles.get(user=world.hr.user)
    values = {"batch": batch.pk, "role": role.pk}
    return reverse(name, args=[world.org.slug, *[values.get(x, x) for x in extra]])


ALLOWED = {
    "member": {"admin", "hr", "supervisor", "employee"},
    "supervisor": {"admin", "hr", "supervisor"},
    "hr": {"admin", "hr"},
    "admin": {"admin"},
}


@pytest.mark.parametrize(("name", "needs", "extra"), PAGES)
def test_pages(world, client, name, needs, extra):
    url = url_for(world, name, extra)
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
    client.force_login(world.other_hr.user)
    assert client.get(url).status_code == 404, "another organisation's HR must not see it"
    for who in ("admin", "hr", "supervisor", "employee"):
        client.force_login(getattr(world, who).user)
        status = client.get(url).status_code
        expected = 200 if who in ALLOWED[needs] else 403
        assert status == expected, f"{who} on {name}: {status}"


@pytest.mark.parametrize(("path", "needs"), API)
def test_api_reads(world, client, path, needs):
    url = "/api/v1" + path.format(slug=world.org.slug)
    assert client.get(url).status_code == 401
    client.force_login(world.other_hr.user)
    assert client.get(url).status_code == 404
    for who in ("admin", "hr", "supervisor", "employee"):
        client.force_login(getattr(world, who).user)
        expected = 200 if who in ALLOWED[needs] else 403
        assert client.get(url).status_code == expected, who


def test_person_page_shows_a_supervisor_only_their_staff(world, client):
    url = reverse("organisations:person", args=[world.org.slug, world.employee.pk])
    colleague_url = reverse("organisations:person", args=[world.org.slug, world.colleague.pk])
    client.force_login(world.supervisor.user)
    assert client.get(url).status_code == 200
    assert client.get(colleague_url).status_code == 403
    client.force_login(world.colleague.user)
    assert client.get(url).status_code == 403
    client.force_login(world.other_hr.user)
    assert client.get(url).status_code == 404
    client.force_login(world.hr.user)
    assert client.get(url).status_code == 200


def test_people_list_of_a_supervisor_holds_only_their_staff(world, client):
    client.force_login(world.supervisor.user)
    content = client.get(reverse("organisations:people", args=[world.org.slug])).content.decode()
    assert world.employee.last_name in content
    assert world.colleague.last_name not in content


def test_posts_are_refused_to_those_without_the_role(world, client):
    feedback = AccessibilityFeedback.objects.create(organisation=world.org, message="Hard to read")
    client.force_login(world.hr.user)
    assert client.post(reverse("home:feedback_answered", args=[world.org.slug, feedback.pk])).status_code == 403
    client.force_login(world.other_hr.user)
    assert client.post(reverse("home:feedback_answered", args=[world.org.slug, feedback.pk])).status_code == 404
    feedback.refresh_from_db()
    assert feedback.answered_at is None


def test_another_organisations_batch_is_not_found(world, client):
    batch = ImportBatch.objects.create(organisation=world.other_org, kind="units", filename="u.csv")
    client.force_login(world.hr.user)
    assert client.get(reverse("organisations:import_batch", args=[world.org.slug, batch.pk])).status_code == 404
    assert client.post(reverse("organisations:import_confirm", args=[world.org.slug, batch.pk])).status_code == 404


WRITES = [
    ("organisations:import", "hr", [], {"kind": "units"}),
    ("organisations:import_confirm", "hr", ["batch"], {}),
    ("organisations:roles", "admin", [], {"email": "nobody@example.fi", "role": "hr"}),
    ("organisations:role_revoke", "admin", ["role"], {}),
    ("home:feedback_answered", "admin", ["feedback"], {}),
]


@pytest.mark.parametrize(("name", "needs", "extra", "data"), WRITES)
def test_page_writes(world, client, name, needs, extra, data):
    feedback = AccessibilityFeedback.objects.create(organisation=world.org, message="x")
    url = reverse(
        name,
        args=[
            world.org.slug,
            *[
                {
                    "batch": ImportBatch.objects.create(organisation=world.org, kind="units", filename="u.csv").pk,
                    "role": world.org.roles.get(user=world.hr.user).pk,
                    "feedback": feedback.pk,
                }[x]
                for x in extra
            ],
        ],
    )
    response = client.post(url, data)
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
    client.force_login(world.other_hr.user)
    assert client.post(url, data).status_code == 404
    for who in ("employee", "supervisor", "hr", "admin"):
        if who in ALLOWED[needs]:
            continue
        client.force_login(getattr(world, who).user)
        assert client.post(url, data).status_code == 403, who
    client.force_login(getattr(world, needs).user)
    assert client.post(url, data).status_code in (200, 302)


API_WRITES = [
    ("post", "/organisations/{slug}/units", {"code": "N1", "name": "New"}),
    ("patch", "/organisations/{slug}/units/{unit}", {"name": "Renamed"}),
    (
        "post",
        "/organisations/{slug}/employees",
        {"personal_id": "Z1", "first_name": "A", "last_name": "B", "email": "z1@example.fi", "unit_code": "PIKKU"},
    ),
    ("patch", "/organisations/{slug}/employees/{employee}", {"job_title": "Changed"}),
]


@pytest.mark.parametrize(("method", "path", "payload"), API_WRITES)
def test_api_writes(world, client, method, path, payload):
    unit = world.org.units.get(code="PIKKU")
    url = "/api/v1" + path.format(slug=world.org.slug, unit=unit.pk, employee=world.employee.pk)
    send = getattr(client, method)
    assert send(url, payload, content_type="application/json").status_code == 401
    client.force_login(world.other_hr.user)
    assert send(url, payload, content_type="application/json").status_code == 404
    for who in ("employee", "supervisor"):
        client.force_login(getattr(world, who).user)
        assert send(url, payload, content_type="application/json").status_code == 403, who
    world.employee.refresh_from_db()
    unit.refresh_from_db()
    assert world.employee.job_title != "Changed" and unit.name != "Renamed"
    client.force_login(world.hr.user)
    assert send(url, payload, content_type="application/json").status_code in (200, 201)
