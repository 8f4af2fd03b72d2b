import pytest
from django.utils import timezone

from mentorbank.applications.models import Application

from ..factories import EmployeeFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(world):
    programme = ProgrammeFactory(owner=world.org, state="matching")
    mentor = EmployeeFactory(organisation=world.org, unit=world.colleague.unit, last_name="Mentori")
    for employee, role in [(world.employee, "mentee"), (mentor, "mentor")]:
        Application.objects.create(
            programme=programme,
            employee=employee,
            role=role,
            goals="Muutosjohtaminen",
            consent_at=timezone.now(),
            supervisor_decision="approved",
        )
    programme.committee_members.add(world.colleague.user)
    return programme


def test_schema_lists_the_matching_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    base = "/api/v1/organisations/{slug}/programmes/{programme_id}/matching/runs"
    assert {base, base + "/{number}", base + "/{number}/proposals"} <= set(paths)


def test_committee_starts_a_run_and_reads_the_proposal(world, client, programme, run_tasks):
    client.force_login(world.colleague.user)
    base = f"/api/v1/organisations/{world.org.slug}/programmes/{programme.pk}/matching/runs"
    with run_tasks():
        response = client.post(base, {"format": "pair", "weights": {"themes": 5}}, content_type="application/json")
    assert response.status_code == 202, response.content
    number = response.json()["number"]
    run = client.get(f"{base}/{number}").json()
    assert run["state"] == "done" and run["matched"] == 1 and run["weights"]["themes"] == 5
    items = client.get(f"{base}/{number}/proposals").json()["items"]
    assert items[0]["mentee_name"] == world.employee.full_name and items[0]["score"] is not None
    bad = client.post(base, {"format": "group"}, content_type="application/json")
    assert bad.status_code == 422 and "format" in bad.json()["errors"]


def test_the_api_checks_a_run_as_the_page_does_in_the_callers_language(world, client, programme):
    """Unknown criteria, weights beyond 0–10 and kinds of run the programme lacks: refused with the page's
    own messages, in the caller's language, and no run is started."""
    client.force_login(world.colleague.user)
    base = f"/api/v1/organisations/{world.org.slug}/programmes/{programme.pk}/matching/runs"
    unknown = client.post(base, {"weights": {"salary": 1}}, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert unknown.status_code == 422 and "Unknown criteria: salary" in unknown.json()["errors"]["__all__"]
    assert "Weights.__init__" not in unknown.content.decode()
    for weight in (-1, 11, 1e308):
        huge = client.post(base, {"weights": {"themes": weight}}, content_type="application/json")
        assert huge.status_code == 422 and "weight_themes" in huge.json()["errors"], weight
    world.colleague.user.language = "sv"
    world.colleague.user.save()
    swedish = client.post(base, {"weights": {"themes": 11}}, content_type="application/json")
    message = swedish.json()["errors"]["weight_themes"]
    assert "10" in message and "Kontrollera" in message
    assert not programme.matching_runs.exists()


@pytest.mark.parametrize(("who", "status"), [("supervisor", 403), ("employee", 403), ("admin", 403), ("other_hr", 404)])
def test_nobody_else_reads_or_starts_runs(world, client, programme, who, status):
    client.force_login(getattr(world, who).user)
    base = f"/api/v1/organisations/{world.org.slug}/programmes/{programme.pk}/matching/runs"
    assert client.get(base).status_code == status
    assert client.post(base, {}, content_type="application/json").status_code == status
    assert not programme.matching_runs.exists()
