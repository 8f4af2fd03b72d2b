"""Reports: each section's figures add up, constant queries, downloads, the printable report and
who may see them."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from mentorbank.applications.models import Application
from mentorbank.core.downloads import sheet_title
from mentorbank.matching.models import Match
from mentorbank.mentorships.models import Insight, Mentorship
from mentorbank.organisations.kept import KEPT

from ..factories import EmployeeFactory, ProgrammeFactory
from .helpers import pair_in

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
SECTIONS = ["coverage", "supply", "activity", "costs", "outcomes", "insights"]


def section(world, name):
    return reverse("reports:section", args=[world.org.slug, name])


@pytest.fixture
def programme(world):
    return ProgrammeFactory(owner=world.org, state="running", working_time_minutes=120, working_time_period="month")


def test_coverage_activity_and_supply_add_up(world, programme, login):
    pair_in(world, programme, world.colleague, world.employee)
    for employee, role in ((world.employee, "mentee"), (world.colleague, "mentor"), (world.supervisor, "mentee")):
        application = Application.objects.create(
            programme=programme, employee=employee, role=role, goals="x", consent_at=timezone.now()
        )
        if employee == world.employee:
            mentee_application = application
        if employee == world.colleague:
            mentor_application = application
    Match.objects.create(programme=programme, mentee=mentee_application, mentor=mentor_application)
    Application.objects.filter(pk=mentee_application.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=60)
    )
    client = login(world.hr)
    page = client.get(reverse("reports:reports", args=[world.org.slug]), **EN).content.decode()
    staff = world.org.employees.count()
    assert f"2 of {staff} employees took part" in page
    page = client.get(section(world, "supply"), **EN).content.decode()
    assert "<dt>Mentee applications</dt><dd>2</dd>" in page and "<dt>Mentees matched</dt><dd>1 (50.0 %)</dd>" in page
    assert "<dt>Days from application to match (mean)</dt><dd>2.5</dd>" in page
    page = client.get(section(world, "activity"), **EN).content.decode()
    assert "<dt>Meetings held</dt><dd>1</dd>" in page
    assert "<dt>Hours of working time</dt><dd>3.0 (mentor: 1.5, mentee: 1.5)</dd>" in page
    # the programme's limit beside the time used: 2 people, 1.5 h each
    assert "<td>120 min per month</td><td>3.0</td><td>2</td><td>1.5</td>" in page


def test_coverage_over_time_counts_people_reached_by_the_end_of_each_month(world, programme, login):
    year = timezone.localdate().year - 1
    march = timezone.make_aware(datetime.datetime(year, 3, 10, 12))
    pair_in(world, programme, world.colleague, world.employee, at=march)
    pair_in(world, programme, world.colleague, world.supervisor, at=march + datetime.timedelta(days=40))
    query = {"start": f"{year}-01-01", "end": f"{year}-05-31"}
    data = login(world.hr).get(section(world, "coverage"), query, **EN).context["data"]
    staff = world.org.employees.count()
    assert [(row["month"].month, row["taking_part"]) for row in data["over_time"]] == [
        (1, 0),
        (2, 0),
        (3, 2),
        (4, 3),
        (5, 3),
    ]
    assert data["taking_part"] == 3 and data["over_time"][-1]["share"] == round(300 / staff, 1)


def test_completed_and_ended_early_are_counted_apart(world, programme, login):
    pair_in(world, programme, world.colleague, world.employee, state=Mentorship.COMPLETED)
    pair_in(world, programme, world.colleague, world.supervisor, state=Mentorship.COMPLETED)
    pair_in(world, programme, world.hr, world.admin, state=Mentorship.ENDED)
    client = login(world.hr)
    page = client.get(section(world, "activity"), **EN).content.decode()
    assert '<th scope="row">Completed</th><td>2</td>' in page
    page = client.get(section(world, "outcomes"), **EN).content.decode()
    assert "<dt>Ran their course</dt><dd>2 (66.7 %)</dd>" in page
    assert "<dt>Ended early</dt><dd>1 (33.3 %)</dd>" in page


def test_shared_insights_are_listed_without_names(world, programme, login):
    mentorship = pair_in(world, programme, world.colleague, world.employee)
    insight = Insight.objects.create(mentorship=mentorship, author=world.employee, text="Perehdytyskansio uusiksi")
    insight.units.add(world.employee.unit)
    page = login(world.hr).get(section(world, "insights"), **EN).content.decode()
    assert "Perehdytyskansio uusiksi" in page and world.employee.unit.name in page
    assert world.employee.last_name not in page.split('id="insights"')[1]


@pytest.mark.parametrize("name", SECTIONS)
def test_every_section_downloads_as_csv_and_xlsx(world, programme, login, name):
    pair_in(world, programme, world.colleague, world.employee)
    client = login(world.hr)
    response = client.get(section(world, name), {"format": "csv"}, **EN)
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith(f'attachment; filename="{name}-')
    text = response.content.decode()
    workbook = load_workbook(io.BytesIO(client.get(section(world, name), {"format": "xlsx"}, **EN).content))
    # the same tables both ways: each CSV block starts with its title, each sheet is named by it
    titles = [block.split("\r\n", 1)[0] for block in text.strip().split("\r\n\r\n")]
    used = set()
    assert [sheet_title(title, used) for title in titles] == workbook.sheetnames
    if name == "coverage":
        assert "Took part;Share (%)" in text and workbook["Coverage"]["B2"].value == 2


def test_the_printable_report_has_every_section_on_its_own_page(world, programme, login):
    pair_in(world, programme, world.colleague, world.employee)
    page = login(world.hr).get(reverse("reports:print", args=[world.org.slug]), {"programme": programme.pk}, **EN)
    html = page.content.decode()
    assert f"Mentoring report – {programme.name}" in html
    for name in SECTIONS:
        assert f'<h2 id="{name}">' in html
    assert html.count('class="print-page"') == len(SECTIONS) + 1  # the cover and one per section


@pytest.mark.parametrize("name", SECTIONS)
def test_each_section_makes_the_same_queries_for_more_data(world, programme, login, name):
    client = login(world.hr)
    url = section(world, name)
    first = pair_in(world, programme, world.colleague, world.employee)
    Insight.objects.create(mentorship=first, author=world.employee, text="x").units.add(world.employee.unit)
    client.get(url)
    KEPT.clear()  # both measured with the counts of everyone to make (organisations.kept)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for _ in range(6):
        mentee = EmployeeFactory(organisation=world.org, unit=world.employee.unit)
        mentor = EmployeeFactory(organisation=world.org, unit=world.hr.unit)
        mentorship = pair_in(world, ProgrammeFactory(owner=world.org, compensation="per_meeting"), mentor, mentee)
        Insight.objects.create(mentorship=mentorship, author=mentee, text="x").units.add(mentee.unit)
    KEPT.clear()
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(small) == len(large), name


def test_an_end_before_the_start_is_refused_with_a_message(world, login):
    response = login(world.hr).get(section(world, "coverage"), {"start": "2026-05-01", "end": "2026-04-01"}, **EN)
    assert response.status_code == 200
    assert "The end must not be before the start." in response.content.decode()


def test_an_unknown_section_is_not_found(world, login):
    assert login(world.hr).get(section(world, "salaries")).status_code == 404


def test_only_hr_and_admins_of_the_organisation_see_reports(world, programme, login):
    urls = [reverse("reports:reports", args=[world.org.slug]), reverse("reports:print", args=[world.org.slug])]
    urls += [section(world, name) for name in SECTIONS]
    urls += [section(world, name) + "?format=xlsx" for name in SECTIONS]
    for person, status in (
        (world.hr, 200),
        (world.admin, 200),
        (world.supervisor, 403),
        (world.employee, 403),
        (world.other_hr, 404),
    ):
        client = login(person)
        for url in urls:
            assert client.get(url).status_code == status, (person, url)


def test_a_programme_of_another_organisation_cannot_be_chosen(world, login):
    theirs = ProgrammeFactory(owner=world.other_org)
    response = login(world.hr).get(section(world, "outcomes"), {"programme": theirs.pk}, **EN)
    assert response.context["filters"].programme_id is None
    assert "Select a valid choice" in response.content.decode()


def test_the_printable_report_prints_the_latest_insights_and_points_to_the_download(world, programme, login):
    mentorship = pair_in(world, programme, world.colleague, world.employee)
    for k in range(30):
        Insight.objects.create(mentorship=mentorship, author=world.employee, text=f"Idea number {k}")
    html = login(world.hr).get(reverse("reports:print", args=[world.org.slug]), **EN).content.decode()
    assert "Idea number 29" in html and "Idea number 4" not in html
    assert "The latest 25 of 30 insights; all of them are in the report's download." in html
    csv_text = login(world.hr).get(section(world, "insights"), {"format": "csv"}).content.decode()
    assert "Idea number 4" in csv_text and "Idea number 29" in csv_text


@pytest.mark.django_db(transaction=True)
def test_the_printable_report_matches_the_sections_in_the_readers_language(world, login):
    """Outside a transaction (as in production) the print's sections are in the reader's language and
    have the same figures as the section pages."""
    from django.utils import translation

    from mentorbank.reports.figures import Filters, activity

    programme = ProgrammeFactory(owner=world.org, working_time_minutes=120, working_time_period="month")
    pair_in(world, programme, world.colleague, world.employee)
    client = login(world.hr)
    html = client.get(reverse("reports:print", args=[world.org.slug]), HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    today = timezone.localdate()
    with translation.override("sv"):
        expected = activity(Filters(world.org, today.replace(month=1, day=1), today))["working_time"][0]["limit"]
    # Swedish, not the site's default Finnish
    assert expected == "120 min per månad" and f"<td>{expected}</td>" in html
    assert f"2 av {world.org.employees.count()} anställda deltog" in html


def test_held_hours_count_as_training_days_by_unit_and_profession_group(world, programme, login):
    """Seed 001: mentoring counts as training; the personnel report shows training days of the
    organisation's length (here 7 h 30 min), by unit and profession group, also in the downloads."""
    world.org.training_day_minutes = 450
    world.org.save()
    pair_in(world, programme, world.colleague, world.employee)  # one meeting, 90 minutes each
    client = login(world.hr)
    page = client.get(section(world, "activity"), **EN).content.decode()
    assert "<dt>Training days</dt><dd>0.4 " in page  # 180 minutes / 450
    unit = world.employee.unit.name
    assert f'<th scope="row">{unit}</th><td>2</td><td>3.0</td><td>0.4</td>' in page
    text = client.get(section(world, "activity"), {"format": "csv"}, **EN).content.decode()
    assert "Training days by unit" in text and f"{unit};2;3.0;0.4" in text
    assert "Training days by profession group" in text
    world.org.training_day_minutes = 90
    world.org.save()
    page = client.get(section(world, "activity"), **EN).content.decode()
    assert "<dt>Training days</dt><dd>2.0 " in page


def test_someone_in_two_roles_is_one_person_in_the_totals_and_one_in_each_role(world, programme, login):
    """The sections share their sums of working time; a mentor who is also mentored elsewhere counts
    once in all, and once under each role."""
    pair_in(world, programme, world.colleague, world.employee)  # the employee is mentored
    pair_in(world, programme, world.employee, world.supervisor)  # and mentors the supervisor
    client = login(world.hr)
    data = client.get(section(world, "activity"), **EN).context["data"]
    assert [(str(r["role"]), r["people"], r["hours"]) for r in data["hours_by_role"]] == [
        ("Mentor", 2, 3.0),
        ("Mentee", 2, 3.0),
    ]
    assert data["training_days"]["people"] == 3
    assert sum(row["people"] for row in data["training_days"]["profession_group"]) == 3


def test_training_days_by_unit_put_units_of_one_name_together_and_count_each_person_once(world, programme, login):
    """The sections read working time once by unit and profession group; by unit, units of the same
    name are one row (as the report lists them), and each person is counted once in their unit and
    group however many mentorships they are in."""
    from ..factories import UnitFactory

    twin = UnitFactory(organisation=world.org, name=world.employee.unit.name)
    world.colleague.unit = twin
    world.colleague.save()
    pair_in(world, programme, world.colleague, world.employee)  # the employee is mentored
    pair_in(world, programme, world.employee, world.supervisor)  # and mentors the supervisor
    client = login(world.hr)
    days = client.get(section(world, "activity"), **EN).context["data"]["training_days"]
    people = {world.colleague.pk, world.employee.pk, world.supervisor.pk}
    units = {p.unit.name for p in world.org.employees.filter(pk__in=people)}
    assert sorted(row["name"] for row in days["unit"]) == sorted(units)  # one row a name
    assert sum(row["people"] for row in days["unit"]) == 3 == days["people"]
    hours = {world.colleague.pk: 1.5, world.employee.pk: 3.0, world.supervisor.pk: 1.5}  # 90 min a meeting
    expected: dict[str, list[float]] = {}
    for person in world.org.employees.filter(pk__in=people):
        expected.setdefault(person.unit.name, []).append(hours[person.pk])
    assert {row["name"]: (row["people"], row["hours"]) for row in days["unit"]} == {
        name: (len(each), sum(each)) for name, each in expected.items()
    }
    assert sum(row["people"] for row in days["profession_group"]) == 3


def test_coverage_counts_todays_staff_again_after_any_change_to_people(world, programme, login):
    """The staff counts are kept until the organisation's people change: a newcomer, someone
    moved to another profession group are seen at once."""
    from ..factories import ProfessionGroupFactory

    client = login(world.hr)
    pair_in(world, programme, world.colleague, world.employee)

    def coverage():
        return client.get(section(world, "coverage"), **EN).context["data"]

    staff = coverage()["staff"]
    EmployeeFactory(organisation=world.org, unit=world.employee.unit)
    assert coverage()["staff"] == staff + 1
    cooks = ProfessionGroupFactory(organisation=world.org, name="Kokit")
    world.colleague.profession_group = cooks
    world.colleague.save()
    assert "Kokit" in [row["name"] for row in coverage()["profession_group"]]
