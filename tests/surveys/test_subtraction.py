"""Issue 18 (2): no figure can be worked out by subtraction. An attacker looks at a survey's results for
every filter they can choose (all, each unit, each profession group, each pair) and subtracts any two
figures where one group holds the other: they must never arrive at a group smaller than the threshold.
And the example that showed the hole: all 6 answers beside one unit's 5."""

import csv
import io
import itertools

from django.test import override_settings
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentorbank.surveys import results, services
from mentorbank.surveys.models import Answer, Response

from ..factories import ProfessionGroupFactory, ProgrammeFactory, UnitFactory

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def answer(survey, unit_id, group_id, scale):
    question = survey.questions.filter(kind="scale").order_by("position").first()
    response = Response.objects.create(survey=survey, unit_id=unit_id, profession_group_id=group_id)
    Answer.objects.create(response=response, question=question, scale=scale)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    answers=st.lists(st.tuples(st.integers(0, 2), st.integers(0, 1), st.integers(1, 5)), max_size=24),
    minimum=st.integers(3, 6),
)
def test_no_two_shown_figures_subtract_to_a_group_below_the_threshold(world, answers, minimum):
    Response.objects.all().delete()
    programme = ProgrammeFactory(owner=world.org)
    survey = services.surveys_of(programme)[4]
    units = [world.employee.unit_id, world.hr.unit_id, world.other_hr.unit_id]
    groups = [ProfessionGroupFactory(organisation=world.org).pk for _k in range(2)]
    for unit, group, scale in answers:
        answer(survey, units[unit], groups[group], scale)
    people = [(units[u], groups[g]) for u, g, _s in answers]
    with override_settings(SURVEY_MIN_RESPONDENTS=minimum):
        shown = {}
        for unit, group in itertools.product([None, *units], [None, *groups]):
            found = results.results(survey, unit_id=unit, profession_group_id=group)
            if found.shown:
                who = frozenset(k for k, (u, g) in enumerate(people) if unit in (None, u) and group in (None, g))
                shown[(unit, group)] = (who, found.respondents, found.questions[0].distribution)
    for (a, (who_a, count_a, dist_a)), (b, (who_b, count_b, dist_b)) in itertools.permutations(shown.items(), 2):
        if who_b < who_a:  # b's people are some of a's: a - b is the rest of them
            assert count_a - count_b == len(who_a - who_b)
            assert not 0 < count_a - count_b < max(3, minimum), f"{a} minus {b} reveals {count_a - count_b}"
            assert all(dist_a[v] - dist_b[v] >= 0 for v in dist_a)


def test_one_unit_beside_the_whole_survey_does_not_reveal_the_other_units_lone_answer(world, login):
    programme = ProgrammeFactory(owner=world.org)
    survey = services.surveys_of(programme)[4]
    other = UnitFactory(organisation=world.org)
    answer(survey, other.pk, None, 1)
    for _k in range(5):
        answer(survey, world.employee.unit_id, None, 5)
    url = reverse("surveys:results", args=[world.org.slug, programme.pk, survey.pk])
    client = login(world.hr)
    whole = client.get(url, **EN).content.decode()
    assert "6 respondents" in whole
    unit_page = client.get(url, {"unit": world.employee.unit_id}, **EN).content.decode()
    assert "would reveal the answers of fewer than 5 other respondents" in unit_page
    assert '<p role="status">5 respondents' not in unit_page and '<p role="status">6 respondents' in whole
    exported = client.get(url, {"unit": world.employee.unit_id, "format": "csv"}).content.decode()
    assert list(csv.reader(io.StringIO(exported), delimiter=";"))[1:] == []
    api = client.get(
        f"/api/v1/organisations/{world.org.slug}/programmes/{programme.pk}/surveys/{survey.pk}/results",
        {"unit": world.employee.unit_id},
    )
    assert api.status_code == 200 and api.json()["shown"] is False
