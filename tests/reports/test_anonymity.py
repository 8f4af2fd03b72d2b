"""Outcomes never reveal a group of fewer respondents than the threshold — on the page, in the CSV
and XLSX downloads and in the API — for any data, any threshold setting and any unit filter."""

import io
from collections import Counter

import pytest
from django.test import override_settings
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from mentorbank.surveys import services
from mentorbank.surveys.models import Answer, Response

from ..factories import ProgrammeFactory

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
FOLLOW_UP = {"mentee": 4, "mentor": 5}  # positions in surveys_of: sorted by (kind, audience)


def answer(survey, unit_id, scale):
    first = survey.questions.filter(kind="scale").order_by("position").first()
    last = survey.questions.filter(kind="scale").order_by("position").last()  # "I would recommend …" in both
    response = Response.objects.create(survey=survey, unit_id=unit_id)
    Answer.objects.bulk_create(
        [Answer(response=response, question=first, scale=scale), Answer(response=response, question=last, scale=scale)]
    )


@pytest.fixture
def cohorts(world):
    return [ProgrammeFactory(owner=world.org, name_fi=f"Kohortti {name}") for name in "AB"]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    responses=st.lists(
        st.tuples(st.integers(0, 1), st.sampled_from(["mentee", "mentor"]), st.integers(0, 1), st.integers(1, 5)),
        max_size=16,
    ),
    minimum=st.integers(0, 7),
    unit=st.one_of(st.none(), st.integers(0, 1)),
)
def test_no_outcome_reveals_a_small_group(world, client, cohorts, responses, minimum, unit):
    Response.objects.all().delete()  # examples share the database: start each from no answers
    units = [world.employee.unit_id, world.hr.unit_id]
    surveys = {
        (k, audience): services.surveys_of(p)[FOLLOW_UP[audience]]
        for k, p in enumerate(cohorts)
        for audience in FOLLOW_UP
    }
    for cohort, audience, unit_index, scale in responses:
        answer(surveys[(cohort, audience)], units[unit_index], scale)
    limit = max(3, minimum)
    chosen = [r for r in responses if unit is None or r[2] == unit]
    sizes = Counter((cohort, audience) for cohort, audience, _u, _s in chosen)
    whole = Counter((cohort, audience) for cohort, audience, _u, _s in responses)
    # complementary suppression: with a unit chosen, the rest of the whole must be none or enough too
    shown = {key for key, n in sizes.items() if n >= limit and (unit is None or not 0 < whole[key] - n < limit)}
    query = {"unit": units[unit]} if unit is not None else {}
    client.force_login(world.hr.user)
    with override_settings(SURVEY_MIN_RESPONDENTS=minimum):
        data = client.get(f"/api/v1/organisations/{world.org.slug}/reports/outcomes", query, **EN).json()
        url = reverse("reports:section", args=[world.org.slug, "outcomes"])
        page = client.get(url, query, **EN).content.decode()
        page = page[page.index('id="outcomes"') :]  # the filter form above lists every programme
        csv_text = client.get(url, {**query, "format": "csv"}, **EN).content.decode()
        workbook = load_workbook(io.BytesIO(client.get(url, {**query, "format": "xlsx"}, **EN).content))
    cells = " ".join(str(c) for sheet in workbook for row in sheet.iter_rows(values_only=True) for c in row)
    for audience, label in (("mentee", "Mentees"), ("mentor", "Mentors")):
        table = next((t for t in data["cohorts"] if t["title"].endswith(label)), None)
        listed = set(table["cohorts"]) if table else set()
        expected = {cohorts[k].name_fi for k, a in shown if a == audience}
        assert listed == expected
        for k, cohort in enumerate(cohorts):
            if (k, audience) in shown:
                scales = [s for c, a, _u, s in chosen if (c, a) == (k, audience)]
                column = table["cohorts"].index(cohort.name_fi)
                assert table["rows"][0][1][column] == round(sum(scales) / len(scales), 2)
    for k, cohort in enumerate(cohorts):
        if not any((k, a) in shown for a in FOLLOW_UP):
            # a cohort too small in both audiences appears nowhere: not on the page, not in the downloads
            assert cohort.name_fi not in page and cohort.name_fi not in csv_text and cohort.name_fi not in cells
    for table in data["audiences"]:
        respondents = table["rows"][0][1] if table["rows"][0][0] == "Respondents" else None
        assert respondents is None  # the API keeps respondents apart from the statements
        assert all(n >= limit for n in table["respondents"])
        assert table["respondents"] == [
            sum(n for (c, a), n in sizes.items() if a == audience and (c, a) in shown) for audience in FOLLOW_UP
        ]


def test_each_organisation_sees_its_own_staffs_outcomes_and_only_the_owner_the_whole_programmes(world, client):
    """Issue 15 (13): a shared programme's partner saw the outcomes of everyone in it."""
    programme = ProgrammeFactory(owner=world.org, name_fi="Yhteinen")
    programme.participating_organisations.add(world.other_org)
    survey = services.surveys_of(programme)[FOLLOW_UP["mentee"]]
    for _k in range(5):  # the threshold's default
        answer(survey, world.employee.unit_id, 5)  # the owner's staff
        answer(survey, world.other_hr.unit_id, 1)  # the partner's staff
    url = "/api/v1/organisations/{}/reports/outcomes"

    def mean_seen(person, slug, **query):
        client.force_login(person.user)
        data = client.get(url.format(slug), query, **EN).json()
        table = next(t for t in data["cohorts"] if t["title"].endswith("Mentees"))
        return table["rows"][0][1][0]

    def page_mean(person, slug, **query):
        client.force_login(person.user)
        page = client.get(reverse("reports:section", args=[slug, "outcomes"]), query, **EN).content.decode()
        return page[page.index('id="outcomes"') :]

    assert mean_seen(world.hr, world.org.slug) == 5
    assert mean_seen(world.other_hr, world.other_org.slug) == 1
    assert mean_seen(world.other_hr, world.other_org.slug, whole_programme="on") == 1, "the partner: never the whole"
    whole = page_mean(world.hr, world.org.slug, whole_programme="on")
    assert "3.0" in whole or "3.00" in whole, "the owner may see the whole programme's mean"
    assert "5.0" not in page_mean(world.other_hr, world.other_org.slug)
