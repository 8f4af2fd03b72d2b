import pytest
from django.core.management import call_command
from django.urls import reverse

from mentorbank.accounts.models import User
from mentorbank.organisations.access import membership_for
from mentorbank.organisations.models import Employee, Organisation
from mentorbank.organisations.validators import business_id_is_valid

pytestmark = pytest.mark.django_db


def test_demo_builds_both_municipalities_and_a_user_for_each_role(client):
    call_command("demo_data", employees=300, neighbour_employees=120, verbosity=0)
    main = Organisation.objects.get(slug="esimerkkila")
    neighbour = Organisation.objects.get(slug="naapurila")
    assert business_id_is_valid(main.business_id) and business_id_is_valid(neighbour.business_id)
    assert 250 <= main.employees.count() <= 400
    cohort = main.programmes.get(state="matching")
    from mentorbank.matching.cohort import load_cohort

    people = load_cohort(cohort)
    assert len(people.mentees) == 30 and len(people.mentors) == 15  # approved: the committee can run matching
    roles = {
        "admin@esimerkkila.example": lambda m: m.is_admin,
        "hr@esimerkkila.example": lambda m: m.is_hr,
        "supervisor@esimerkkila.example": lambda m: m.is_supervisor and not m.roles,
        "employee@esimerkkila.example": lambda m: not m.is_supervisor and not m.roles,
    }
    for email, check in roles.items():
        user = User.objects.get(email=email)
        assert user.check_password("mentoripankki-demo")
        assert check(membership_for(user, main)), email
    hr = User.objects.get(email="hr@esimerkkila.example")
    assert membership_for(hr, neighbour).is_hr, "the HR coordinator works for both municipalities"
    employee = Employee.objects.get(email="employee@esimerkkila.example")
    assert employee.supervisor.email == "supervisor@esimerkkila.example"
    assert client.login(username="supervisor@esimerkkila.example", password="mentoripankki-demo")
    assert employee.last_name in client.get(reverse("organisations:people", args=["esimerkkila"])).content.decode()
    from mentorbank.applications.models import Application
    from mentorbank.bank.models import MentorProfile
    from mentorbank.programmes.models import Programme

    assert set(Programme.objects.values_list("state", flat=True)) == {"draft", "open", "matching", "running"}
    assert MentorProfile.objects.count() == 60 and Application.objects.count() == 25 + 45
    assert not Application.objects.filter(employee__email__in=list(roles)).exists(), "demo logins start clean"
    client.login(username="employee@esimerkkila.example", password="mentoripankki-demo")
    home = client.get(reverse("home:home", args=["esimerkkila"])).content.decode()
    assert "Mentorointi Esimerkkilässä 2027" in home
    from mentorbank.applications.announcements import invite_new_starters, new_starters

    assert new_starters(main).exists()
    assert invite_new_starters() == 0, "the demo's new starters count as invited: script/server starts quietly"
    assert Programme.objects.get(state="running").participating_organisations.get() == neighbour
    assert Programme.objects.filter(takes_bank_requests=True).count() == 1


def test_demo_is_deterministic():
    from mentorbank.organisations.demo import generate

    def world():
        return generate(seed=7, employees=500, domain="x.example", id_prefix="X", location="X", root_name="X")

    first, second = world(), world()
    assert first.employees == second.employees and first.units == second.units
    assert len({row["email"] for row in first.employees}) == len(first.employees)


def test_demo_is_skipped_when_there_is_data(world):
    call_command("demo_data", if_empty=True, verbosity=0)
    assert not Organisation.objects.filter(slug="esimerkkila-demo").exists()
    assert Organisation.objects.count() == 2


def test_units_page_shows_the_tree_with_paths(world, client):
    client.force_login(world.hr.user)
    page = client.get(reverse("organisations:units", args=[world.org.slug])).content.decode()
    assert 'title="Varhaiskasvatus › Päiväkoti Pikkulintu"' in page


def test_person_page_shows_unit_path_and_languages(world, client):
    client.force_login(world.hr.user)
    page = client.get(reverse("organisations:person", args=[world.org.slug, world.employee.pk])).content.decode()
    assert "Varhaiskasvatus › Päiväkoti Pikkulintu" in page and "suomi" in page


@pytest.mark.parametrize(
    ("value", "valid"),
    [("0737546-2", True), ("1572860-0", True), ("0737546-3", False), ("073754-2", False), ("abc", False)],
)
def test_business_id_check_digit(value, valid):
    assert business_id_is_valid(value) is valid


def test_the_demos_running_pilot_has_something_to_report_and_to_look_after(client):
    """Issue 16: the reports' charts and a programme's health are empty without mentoring going on."""
    from mentorbank.mentorships.models import Meeting, Mentorship
    from mentorbank.programmes.models import Programme
    from mentorbank.reports.health import health

    call_command("demo_data", employees=300, neighbour_employees=120, verbosity=0)
    pilot = Programme.objects.get(state="running")
    assert Mentorship.objects.filter(programme=pilot, state="active").count() >= 5
    assert Meeting.objects.filter(mentorship__programme=pilot, state="held").exists()
    waiting = {part["kind"]: len(part["concerns"]) for part in health(pilot)}
    assert waiting["quiet"] >= 1 and waiting["agreement"] == 2
    client.login(username="hr@esimerkkila.example", password="mentoripankki-demo")
    url = reverse("reports:section", args=["esimerkkila", "outcomes"])
    page = client.get(url, {"programme": pilot.pk}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Follow-up: mentees and mentors" in page and 'class="chart"' in page


def test_the_units_head_counts_follow_every_change_of_people_and_units(world, client):
    """The tree with its counts is kept per process until the organisation's people change."""
    from mentorbank.organisations.unit_tree import unit_tree

    from ..factories import EmployeeFactory, UnitFactory

    client.force_login(world.hr.user)
    unit = world.employee.unit

    def count() -> int:
        client.get(reverse("organisations:units", args=[world.org.slug]))
        world.org.refresh_from_db()
        return next(node.employee_count for node in unit_tree(world.org) if node.id == unit.pk)

    before = count()
    newcomer = EmployeeFactory(organisation=world.org, unit=unit)
    assert count() == before + 1
    newcomer.unit = UnitFactory(organisation=world.org)
    newcomer.save()
    assert count() == before
    newcomer.unit = unit
    newcomer.save()
    newcomer.delete()
    assert count() == before
    UnitFactory(organisation=world.org, name="Uusi yksikkö", parent=unit)
    page = client.get(reverse("organisations:units", args=[world.org.slug])).content.decode()
    assert "Uusi yksikkö" in page
