"""The fixed test world: one organisation with an admin, an HR coordinator,
a supervisor and their employee, a colleague with no role; and another
organisation with its own HR coordinator."""

import os
from dataclasses import dataclass

import pytest
from hypothesis import settings as hypothesis_settings

from mentorbank.organisations.models import Employee, Organisation, OrganisationRole

from .factories import PASSWORD, EmployeeFactory, OrganisationFactory, RoleFactory, UnitFactory

# No per-example deadline anywhere: a loaded machine (CI, two suites at once) must not fail a test
# that is only slow. HYPOTHESIS_PROFILE=dev keeps Hypothesis's default deadline for local runs.
hypothesis_settings.register_profile("ci", deadline=None)
hypothesis_settings.register_profile("dev")
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@dataclass
class World:
    org: Organisation
    other_org: Organisation
    admin: Employee
    hr: Employee
    supervisor: Employee
    employee: Employee
    colleague: Employee
    other_hr: Employee


@pytest.fixture
def world(db) -> World:
    org = OrganisationFactory(name="Esimerkkilä", slug="esimerkkila")
    other_org = OrganisationFactory(name="Muualla", slug="muualla")
    unit = UnitFactory(organisation=org, code="VAKA", name="Varhaiskasvatus")
    daycare = UnitFactory(organisation=org, code="PIKKU", name="Päiväkoti Pikkulintu", parent=unit)
    admin = EmployeeFactory(organisation=org, unit=unit, first_name="Aino", last_name="Admin")
    hr = EmployeeFactory(organisation=org, unit=unit, first_name="Hanna", last_name="Henkilöstö")
    supervisor = EmployeeFactory(organisation=org, unit=daycare, first_name="Sari", last_name="Esihenkilö")
    employee = EmployeeFactory(
        organisation=org, unit=daycare, supervisor=supervisor, first_name="Eero", last_name="Työntekijä"
    )
    colleague = EmployeeFactory(organisation=org, unit=daycare, first_name="Kalle", last_name="Kollega")
    other_hr = EmployeeFactory(organisation=other_org, first_name="Olli", last_name="Muualta")
    RoleFactory(organisation=org, user=admin.user, role=OrganisationRole.ADMIN)
    RoleFactory(organisation=org, user=hr.user, role=OrganisationRole.HR)
    RoleFactory(organisation=other_org, user=other_hr.user, role=OrganisationRole.HR)
    return World(org, other_org, admin, hr, supervisor, employee, colleague, other_hr)


@pytest.fixture
def login(client):
    """Sign the test client in as an employee's account."""

    def sign_in(employee: Employee):
        assert client.login(username=employee.user.email, password=PASSWORD)
        return client

    return sign_in


@pytest.fixture
def run_tasks(django_capture_on_commit_callbacks):
    """Run the background tasks queued after commit, as the worker would."""

    def runner():
        return django_capture_on_commit_callbacks(execute=True)

    return runner


@pytest.fixture(autouse=True)
def site_language_after_each_test():
    """A request in another language leaves it active in this thread: start every test from the site's."""
    yield
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


from .browser import page  # noqa: E402,F401  (the browser tests' fixture)
