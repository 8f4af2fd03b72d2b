import pytest
from django.test import override_settings

from mentorbank.surveys import services
from mentorbank.surveys.models import Response

from ..factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


def test_reports_figures_for_hr_and_admins_only(world, client):
    url = f"/api/v1/organisations/{world.org.slug}/reports"
    for person, status in ((world.hr, 200), (world.admin, 200), (world.supervisor, 403), (world.other_hr, 404)):
        client.force_login(person.user)
        response = client.get(url)
        assert response.status_code == status, person
    client.force_login(world.hr.user)
    data = client.get(url).json()
    assert data["coverage"]["staff"] == world.org.employees.count() and data["activity"]["meetings_held"] == 0
    backwards = client.get(url, {"start": "2026-02-01", "end": "2026-01-01"}, HTTP_ACCEPT_LANGUAGE="en")
    assert backwards.status_code == 422 and backwards.json()["errors"]["end"] == "The end must not be before the start."


@override_settings(SURVEY_MIN_RESPONDENTS=5)
def test_survey_results_through_the_api_keep_the_threshold(world, client):
    programme = ProgrammeFactory(owner=world.org)
    survey = services.surveys_of(programme)[4]
    for _ in range(4):
        Response.objects.create(survey=survey, unit_id=world.employee.unit_id)
    url = f"/api/v1/organisations/{world.org.slug}/programmes/{programme.pk}/surveys/{survey.pk}/results"
    client.force_login(world.hr.user)
    hidden = client.get(url).json()
    assert hidden == {"survey_id": survey.pk, "shown": False, "threshold": 5, "respondents": None, "questions": []}
    Response.objects.create(survey=survey, unit_id=world.hr.unit_id)
    shown = client.get(url).json()
    assert shown["shown"] and shown["respondents"] == 5
    assert client.get(url, {"unit": world.hr.unit_id}).json()["shown"] is False
    client.force_login(world.supervisor.user)
    assert client.get(url).status_code == 403


SECTIONS = ["coverage", "supply", "activity", "costs", "outcomes", "insights"]


def test_every_report_section_for_hr_and_admins_only(world, client):
    for section in SECTIONS:
        url = f"/api/v1/organisations/{world.org.slug}/reports/{section}"
        for person, status in (
            (world.hr, 200),
            (world.admin, 200),
            (world.supervisor, 403),
            (world.employee, 403),
            (world.other_hr, 404),
        ):
            client.force_login(person.user)
            assert client.get(url).status_code == status, (section, person)
    client.force_login(world.hr.user)
    assert client.get(f"/api/v1/organisations/{world.org.slug}/reports/salaries").status_code == 422


def test_report_filters_are_checked(world, client):
    client.force_login(world.hr.user)
    url = f"/api/v1/organisations/{world.org.slug}/reports/costs"
    assert "unit" in client.get(url, {"unit": world.other_hr.unit_id}).json()["errors"]  # as the page: 422
    elsewhere = client.get(url, {"programme": ProgrammeFactory(owner=world.other_org).pk})
    assert elsewhere.status_code == 422 and "programme" in elsewhere.json()["errors"]
    data = client.get(url, {"start": "2026-01-01", "end": "2026-12-31"}).json()
    assert data["section"] == "costs" and data["start"] == "2026-01-01" and data["total"] == 0


def test_insights_come_a_page_at_a_time_without_names(world, client):
    from mentorbank.mentorships.models import Insight

    from ..factories import colleague_mentors_employee

    mentorship = colleague_mentors_employee(world, ProgrammeFactory(owner=world.org))
    for k in range(27):
        Insight.objects.create(mentorship=mentorship, author=world.employee, text=f"Idea {k}")
    client.force_login(world.hr.user)
    url = f"/api/v1/organisations/{world.org.slug}/reports/insights"
    first = client.get(url).json()
    assert first["page"] == {"number": 1, "pages": 2, "count": 27} and len(first["rows"]) == 25
    second = client.get(url, {"page": 2}).json()
    assert [row["text"] for row in second["rows"]] == ["Idea 1", "Idea 0"]
    assert "author" not in second["rows"][0] and world.employee.last_name not in str(first)
