import datetime

import pytest
from django.utils import timezone

from mentorbank.applications.models import Application
from mentorbank.bank import banking
from mentorbank.bank.models import MentorRequest

from ..factories import MentorProfileFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def make_application(world, programme):
    return Application.objects.create(
        programme=programme, employee=world.employee, role="mentee", goals="Secret goals", consent_at=timezone.now()
    )


@pytest.fixture
def programme(world):
    return ProgrammeFactory(
        owner=world.org, state="open", application_closes=timezone.localdate() + datetime.timedelta(days=3)
    )


def test_schema_lists_the_programme_and_bank_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in [
        "/api/v1/organisations/{slug}/programmes",
        "/api/v1/organisations/{slug}/bank",
        "/api/v1/organisations/{slug}/bank/{profile_id}/requests",
        "/api/v1/organisations/{slug}/programmes/{programme_id}/applications",
    ]:
        assert path in paths


@pytest.mark.parametrize(("who", "status"), [("hr", 200), ("admin", 200), ("employee", 403), ("other_hr", 404)])
def test_programme_list_by_role(world, client, programme, who, status):
    client.force_login(getattr(world, who).user)
    response = client.get(f"/api/v1/organisations/{world.org.slug}/programmes")
    assert response.status_code == status
    if status == 200:
        assert response.json()["items"][0]["name_fi"] == programme.name_fi


@pytest.mark.parametrize(
    ("who", "status"), [("hr", 200), ("committee", 200), ("supervisor", 403), ("employee", 403), ("admin", 403)]
)
def test_applications_only_for_coordinators_and_committee(world, client, programme, who, status):
    programme.committee_members.add(world.colleague.user)
    make_application(world, programme)
    person = world.colleague if who == "committee" else getattr(world, who)
    client.force_login(person.user)
    response = client.get(f"/api/v1/organisations/{world.org.slug}/programmes/{programme.pk}/applications")
    assert response.status_code == status
    if status == 200:
        assert response.json()["items"][0]["goals"] == "Secret goals"
    else:
        assert b"Secret goals" not in response.content


def test_an_employee_reads_only_their_own_applications(world, client, programme):
    make_application(world, programme)
    client.force_login(world.colleague.user)
    assert client.get(f"/api/v1/organisations/{world.org.slug}/my/applications").json() == []
    client.force_login(world.employee.user)
    mine = client.get(f"/api/v1/organisations/{world.org.slug}/my/applications").json()
    assert [a["programme_id"] for a in mine] == [programme.pk] and mine[0]["status"] == "waiting"


def test_bank_search_and_request_through_the_api(world, client, settings):
    settings.BANK_MAX_OPEN_REQUESTS = 1
    mentor = MentorProfileFactory(employee=world.colleague, introduction="Muutosjohtaminen on vahvuuteni.")
    banking.index_profile(mentor)
    other = MentorProfileFactory(employee=world.supervisor)
    client.force_login(world.employee.user)
    found = client.get(f"/api/v1/organisations/{world.org.slug}/bank", {"q": "johtamisesta"}).json()
    assert [m["id"] for m in found["items"]] == [mentor.pk] and found["items"][0]["load"] == 0
    url = f"/api/v1/organisations/{world.org.slug}/bank/{mentor.pk}/requests"
    response = client.post(url, {"message": "Hei"}, content_type="application/json")
    assert response.status_code == 201 and MentorRequest.objects.get().mentor == mentor
    too_many = client.post(
        f"/api/v1/organisations/{world.org.slug}/bank/{other.pk}/requests",
        {"message": "Hei"},
        content_type="application/json",
    )
    assert too_many.status_code == 422
    client.force_login(world.other_hr.user)
    assert client.get(f"/api/v1/organisations/{world.org.slug}/bank").status_code == 404
    assert client.post(url, {"message": "x"}, content_type="application/json").status_code == 404
