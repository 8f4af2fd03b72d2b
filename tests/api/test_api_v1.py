import pytest

from mentorbank.accounts.models import ApiToken
from mentorbank.core.models import AuditEvent
from mentorbank.organisations.models import Employee

pytestmark = pytest.mark.django_db


@pytest.fixture
def hr_token(world):
    _token, key = ApiToken.issue(user=world.hr.user, name="HR system")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_schema_and_docs_are_served(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "Mentor Bank API"
    assert "/api/v1/organisations/{slug}/employees" in schema["paths"]
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200 and b"cdn" not in docs.content.lower()


def test_the_schema_is_built_once_and_served_the_same_after(client):
    """Issue 19: building the schema took 110-150 ms of every request for it."""
    from unittest import mock

    from ninja import main

    from mentorbank.api.v1 import api

    api.schemas.clear()
    with mock.patch.object(main, "get_schema", wraps=main.get_schema) as built:
        first = client.get("/api/v1/openapi.json").content
        again = client.get("/api/v1/openapi.json").content
    assert first == again and built.call_count == 1


def test_token_lists_employees_of_own_organisation_only(world, client, hr_token):
    response = client.get(f"/api/v1/organisations/{world.org.slug}/employees", **hr_token)
    assert response.status_code == 200
    ids = {item["personal_id"] for item in response.json()["items"]}
    assert world.employee.personal_id in ids and world.other_hr.personal_id not in ids
    assert client.get(f"/api/v1/organisations/{world.other_org.slug}/employees", **hr_token).status_code == 404


def test_a_wrong_or_revoked_token_is_refused(world, client, hr_token):
    assert client.get("/api/v1/organisations", HTTP_AUTHORIZATION="Bearer mb_wrong").status_code == 401
    ApiToken.objects.all().delete()
    assert client.get("/api/v1/organisations", **hr_token).status_code == 401


def test_hr_creates_and_changes_an_employee_audited(world, client, hr_token):
    payload = {
        "personal_id": "A1",
        "first_name": "Aapo",
        "last_name": "Uusi",
        "email": "Aapo@example.fi",
        "unit_code": "PIKKU",
        "supervisor_personal_id": world.supervisor.personal_id,
        "languages": "fi, sv",
    }
    response = client.post(
        f"/api/v1/organisations/{world.org.slug}/employees", payload, content_type="application/json", **hr_token
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["email"] == "aapo@example.fi" and body["languages"] == ["fi", "sv"]
    employee = Employee.objects.get(pk=body["id"])
    assert employee.supervisor == world.supervisor
    response = client.patch(
        f"/api/v1/organisations/{world.org.slug}/employees/{employee.pk}",
        {"job_title": "Lastenhoitaja"},
        content_type="application/json",
        **hr_token,
    )
    assert response.status_code == 200 and response.json()["job_title"] == "Lastenhoitaja"
    assert AuditEvent.objects.filter(
        subject=employee, action="employee.updated", details__fields=["job_title"]
    ).exists()


def test_invalid_employee_data_is_refused_with_reasons(world, client, hr_token):
    url = f"/api/v1/organisations/{world.org.slug}/employees"
    payload = {
        "personal_id": "A1",
        "first_name": "A",
        "last_name": "B",
        "email": world.colleague.email,
        "unit_code": "NOWHERE",
        "languages": "de",
    }
    response = client.post(url, payload, content_type="application/json", **hr_token)
    assert response.status_code == 422
    assert set(response.json()["errors"]) >= {"email", "unit_code", "languages"}
    assert not Employee.objects.filter(personal_id="A1").exists()
    loop = client.patch(
        f"{url}/{world.supervisor.pk}",
        {"supervisor_personal_id": world.employee.personal_id},
        content_type="application/json",
        **hr_token,
    )
    assert loop.status_code == 422 and "supervisor_personal_id" in loop.json()["errors"]


def test_employees_cannot_write(world, client):
    client.force_login(world.employee.user)
    response = client.patch(
        f"/api/v1/organisations/{world.org.slug}/employees/{world.employee.pk}",
        {"job_title": "Boss"},
        content_type="application/json",
    )
    assert response.status_code in (401, 403)
    world.employee.refresh_from_db()
    assert world.employee.job_title != "Boss"


def test_units_are_created_and_a_loop_is_refused(world, client, hr_token):
    url = f"/api/v1/organisations/{world.org.slug}/units"
    response = client.post(
        url, {"code": "NEW", "name": "Uusi", "parent_code": "PIKKU"}, content_type="application/json", **hr_token
    )
    assert response.status_code == 201
    vaka = world.org.units.get(code="VAKA")
    loop = client.patch(f"{url}/{vaka.pk}", {"parent_code": "NEW"}, content_type="application/json", **hr_token)
    assert loop.status_code == 422
    listing = client.get(url, **hr_token).json()
    assert listing["count"] == 3


def test_viewing_an_employee_is_audited(world, client, hr_token):
    client.get(f"/api/v1/organisations/{world.org.slug}/employees/{world.employee.pk}", **hr_token)
    assert AuditEvent.objects.filter(action="employee.viewed", subject=world.employee, actor=world.hr.user).exists()


def test_session_writes_need_the_csrf_token(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.hr.user)
    response = client.patch(
        f"/api/v1/organisations/{world.org.slug}/employees/{world.employee.pk}",
        {"job_title": "Forged"},
        content_type="application/json",
    )
    assert response.status_code == 403
    world.employee.refresh_from_db()
    assert world.employee.job_title != "Forged"


def test_api_errors_come_in_the_callers_language(world, client):
    """Issue 15 (7): like the pages, in Finnish, Swedish or English."""
    client.force_login(world.supervisor.user)
    url = f"/api/v1/organisations/{world.org.slug}/units"
    for language, words in (("fi", "Sinulla ei ole"), ("sv", "Du har inte"), ("en", "You do not have")):
        forbidden = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        assert forbidden.status_code == 403 and words in forbidden.json()["detail"], language
    missing = client.get("/api/v1/organisations/nowhere/units", HTTP_ACCEPT_LANGUAGE="sv")
    assert missing.status_code == 404 and missing.json()["detail"] == "Hittades inte."
