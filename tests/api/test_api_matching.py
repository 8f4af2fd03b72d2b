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
    assert bad.status_code == 400 and "format must be one of pair" in bad.json()["detail"]
    negative = client.post(base, {"weights": {"themes": -1}}, content_type="application/json")
    assert negative.status_code == 400


@pytest.mark.parametrize(("who", "status"), [("supervisor", 403), ("employee", 403), ("admin", 403), ("other_hr", 404)])
def test_nobody_else_reads_or_starts_runs(world, client, programme, who, status):
    client.force_login(getattr(world, who).user)
    base = f"/api/v1/organisations/{world.org.slug}/programmes/{programme.pk}/matching/runs"
    assert client.get(base).status_code == status
    assert client.post(base, {}, content_type="application/json").status_code == status
    assert not programme.matching_runs.exists()
