"""Properties of the employee import that hold for any supervisor tree in any row order."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentorbank.organisations.importing.employees import plan_employee_import
from mentorbank.organisations.importing.reading import Table
from mentorbank.organisations.models import Employee

from ..factories import OrganisationFactory, UnitFactory

COLUMNS = ["personal_id", "first_name", "last_name", "email", "unit_id", "supervisor_id"]


@st.composite
def supervisor_forests(draw):
    """A random forest: person i reports to someone before i (or nobody), rows then shuffled."""
    size = draw(st.integers(min_value=1, max_value=30))
    parents = [None] + [draw(st.one_of(st.none(), st.integers(0, i - 1))) for i in range(1, size)]
    order = draw(st.permutations(range(size)))
    return parents, order


def table_for(parents, order):
    rows = []
    for number, i in enumerate(order, start=2):
        supervisor = "" if parents[i] is None else f"P{parents[i]}"
        rows.append((number, dict(zip(COLUMNS, [f"P{i}", "A", f"N{i}", f"p{i}@example.fi", "U", supervisor]))))
    return Table(columns=COLUMNS, rows=rows)


@pytest.mark.django_db
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(forest=supervisor_forests())
def test_any_forest_in_any_order_is_imported_exactly(forest):
    parents, order = forest
    organisation = OrganisationFactory()
    UnitFactory(organisation=organisation, code="U")
    plan = plan_employee_import(organisation, table_for(parents, order))
    assert plan.is_valid
    plan.apply_steps(None)
    saved = dict(organisation.employees.values_list("personal_id", "supervisor__personal_id"))
    assert saved == {f"P{i}": (None if p is None else f"P{p}") for i, p in enumerate(parents)}
    again = plan_employee_import(organisation, table_for(parents, order))
    assert again.counts()["unchanged"] == len(parents)


@pytest.mark.django_db
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(forest=supervisor_forests(), data=st.data())
def test_closing_any_loop_refuses_the_whole_file(forest, data):
    parents, order = forest
    if len(parents) < 2:
        parents = [None, 0]
        order = [1, 0]
    # Make some person the supervisor of the root of their own chain: a loop.
    person = data.draw(st.integers(1, len(parents) - 1))
    root = person
    while parents[root] is not None:
        root = parents[root]
    parents = list(parents)
    parents[root] = person
    organisation = OrganisationFactory()
    UnitFactory(organisation=organisation, code="U")
    plan = plan_employee_import(organisation, table_for(parents, order))
    assert not plan.is_valid and plan.apply_steps is None
    assert any(m.code == "supervisor_cycle" for r in plan.rows for m in r.messages)
    assert not Employee.objects.filter(organisation=organisation).exists()
