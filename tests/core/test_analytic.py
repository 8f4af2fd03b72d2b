"""The reports' reads may scan in parallel on PostgreSQL, and only they: the connection is as before
after them, also after an error."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentorbank.core.analytic import PARALLEL_SCANS, analytic_reads

pytestmark = pytest.mark.django_db


def setting(name: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SHOW {name}")
        return cursor.fetchone()[0]


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL setting")


def test_within_the_reads_postgresql_may_scan_with_a_helper_and_after_them_not(postgresql):
    before = {name: setting(name) for name in PARALLEL_SCANS}
    assert before["parallel_setup_cost"] != PARALLEL_SCANS["parallel_setup_cost"]
    with analytic_reads():
        assert {name: setting(name) for name in PARALLEL_SCANS} == PARALLEL_SCANS
    assert {name: setting(name) for name in PARALLEL_SCANS} == before


def test_an_error_in_the_reads_leaves_the_settings_as_they_were(postgresql):
    before = setting("parallel_setup_cost")
    with pytest.raises(ZeroDivisionError), analytic_reads():
        1 / 0
    assert setting("parallel_setup_cost") == before


def test_a_report_page_leaves_the_connection_as_it_found_it(postgresql, world, login):
    before = setting("min_parallel_table_scan_size")
    assert login(world.hr).get(reverse("reports:section", args=[world.org.slug, "coverage"])).status_code == 200
    assert setting("min_parallel_table_scan_size") == before


def test_on_other_databases_the_reads_ask_nothing_of_the_database():
    if connection.vendor == "postgresql":
        pytest.skip("the settings are PostgreSQL's")
    with CaptureQueriesContext(connection) as asked, analytic_reads():
        pass
    assert len(asked) == 0
