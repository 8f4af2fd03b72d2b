"""A ranked search's page counts its results in the same query (issue 17's 50 ms search)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mentorbank.core.pagination import CountedWithPage
from mentorbank.organisations.models import Employee

from ..factories import EmployeeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(world):
    for _k in range(7):
        EmployeeFactory(organisation=world.org)
    return Employee.objects.filter(organisation=world.org).order_by("pk")


def test_a_page_and_its_count_come_in_one_query(people):
    total, second = people.count(), [p.pk for p in people[3:6]]
    with CaptureQueriesContext(connection) as queries:
        page = CountedWithPage(people, 3).get_page(2)
        assert page.paginator.count == total and page.has_next() and [p.pk for p in page] == second
    assert len(queries) == 1


def test_past_the_end_is_the_last_page_and_nothing_is_an_empty_first_page(people):
    total = people.count()
    last = CountedWithPage(people, 3).get_page(99)
    assert last.number == (total + 2) // 3 and not last.has_next()
    assert CountedWithPage(people, 3).get_page("x").number == 1
    empty = CountedWithPage(people.none(), 3).get_page(1)
    assert empty.paginator.count == 0 and list(empty) == [] and empty.number == 1
