"""Results never reveal a group smaller than the threshold — for any data and any filter."""

import csv
import io

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentorbank.surveys import results, services
from mentorbank.surveys.models import Answer, Response

from ..factories import ProgrammeFactory


def respond(survey, units, scale=4):
    questions = list(survey.questions.all())
    for unit in units:
        response = Response.objects.create(survey=survey, unit_id=unit, profession_group_id=None)
        Answer.objects.bulk_create(
            [
                Answer(
                    response=response,
                    question=q,
                    scale=scale if q.kind == "scale" else None,
                    text="" if q.kind == "scale" else "Hyvä",
                )
                for q in questions
            ]
        )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    units=st.lists(st.integers(1, 4), max_size=14),
    chosen=st.one_of(st.none(), st.integers(1, 4)),
    minimum=st.integers(0, 7),
)
def test_no_result_shows_a_group_below_the_threshold(world, units, chosen, minimum, django_settings_override):
    programme = ProgrammeFactory(owner=world.org)
    survey = services.surveys_of(programme)[4]
    respond(survey, units)
    with django_settings_override(SURVEY_MIN_RESPONDENTS=minimum):
        limit = max(3, minimum)
        found = results.results(survey, unit_id=chosen)
        group = len([u for u in units if chosen is None or u == chosen])
        rest = len(units) - group  # with a unit chosen, the others' answers are all minus these
        assert found.shown == (group >= limit and not 0 < rest < limit)
        if found.shown:
            assert found.respondents == group and all(q.answered <= group for q in found.questions)
        else:
            assert found.respondents == 0 and found.questions == [] and results.table(found) == []
    Response.objects.all().delete()


@pytest.fixture
def django_settings_override():
    from django.test import override_settings

    return override_settings


def test_the_results_page_and_exports_follow_the_threshold(world, login):
    programme = ProgrammeFactory(owner=world.org)
    survey = services.surveys_of(programme)[4]
    respond(survey, [world.employee.unit_id] * 5 + [world.hr.unit_id] * 2)
    url = reverse("surveys:results", args=[world.org.slug, programme.pk, survey.pk])
    client = login(world.hr)
    whole = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "7 respondents" in whole and "Hyvä" in whole
    small = client.get(url, {"unit": world.hr.unit_id}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Fewer than 5 respondents" in small and "2 respondents" not in small and "Hyvä" not in small
    exported = client.get(url, {"unit": world.hr.unit_id, "format": "csv"}).content.decode()
    assert list(csv.reader(io.StringIO(exported), delimiter=";"))[1:] == []
    rows = list(csv.reader(io.StringIO(client.get(url, {"format": "csv"}).content.decode()), delimiter=";"))
    assert rows[1][1:] == ["7", "0", "0", "0", "7", "0", "4.0"]
    for person in (world.supervisor, world.employee, world.admin):
        assert login(person).get(url).status_code == 403


def test_many_written_answers_show_a_fixed_shuffled_sample(world, login, settings):
    settings.SURVEY_MIN_RESPONDENTS = 3
    programme = ProgrammeFactory(owner=world.org)
    survey = services.surveys_of(programme)[4]
    written = survey.questions.filter(kind="text").first()
    for k in range(results.TEXTS_SHOWN + 50):
        response = Response.objects.create(survey=survey, unit_id=world.employee.unit_id)
        Answer.objects.create(response=response, question=written, text=f"Vastaus {k}")
    found = results.results(survey)
    row = next(r for r in found.questions if r.question == written)
    assert row.answered == results.TEXTS_SHOWN + 50 and len(row.texts) == results.TEXTS_SHOWN
    assert row.texts == next(r for r in results.results(survey).questions if r.question == written).texts
    assert row.texts != sorted(row.texts, key=lambda t: int(t.split()[1]))[: results.TEXTS_SHOWN]  # not arrival order
    url = reverse("surveys:results", args=[world.org.slug, programme.pk, survey.pk])
    page = login(world.hr).get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"200 of {results.TEXTS_SHOWN + 50} written answers" in page
