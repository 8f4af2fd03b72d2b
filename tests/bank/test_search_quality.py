"""Issue 17: the bank's search measured on 110 Finnish and 30 Swedish queries (tests/bank/search_queries.py):
recall at least 0.95, and the mentors a query must find among its first five for at least 0.9 of the
queries. The six-letter prefix search it replaced is measured on the same set and printed beside it."""

import pytest

from mentorbank.bank.bank_search import index_profile, search
from mentorbank.bank.models import MentorProfile
from mentorbank.programmes.models import Competence

from ..factories import EmployeeFactory, MentorProfileFactory, UnitFactory
from .search_queries import FINNISH, MENTORS, SWEDISH

TOP = 5


@pytest.fixture
def bank(world):
    unit = UnitFactory(organisation=world.org, name="Keskus")  # a name no query asks for
    profiles = {}
    for number, (key, (introduction, competences, themes)) in enumerate(MENTORS.items()):
        employee = EmployeeFactory(
            organisation=world.org, unit=unit, first_name=key.capitalize(), last_name=f"M{number}", job_title="X"
        )
        profile = MentorProfileFactory(employee=employee, introduction=introduction, themes=themes)
        named = [Competence.objects.get_or_create(organisation=world.org, name=name)[0] for name in competences]
        profile.competences.set(named)
        index_profile(profile)
        profiles[profile.pk] = key
    return profiles


def six_letter_search(query):
    """The search before issue 17: every word cut to six letters, each found anywhere in the text."""
    cut = [word[:6] for word in query.lower().split() if len(word) >= 2]
    found = []
    for profile in MentorProfile.objects.select_related("employee").prefetch_related("competences").order_by("pk"):
        text = " ".join([profile.introduction, profile.themes, *(c.name for c in profile.competences.all())]).lower()
        if all(stem in text for stem in cut):
            found.append(profile.pk)
    return found


def measure(queries, run, keys):
    expected_total = found_total = on_top = 0
    misses = []
    for query, expected in queries:
        results = [keys[pk] for pk in run(query) if pk in keys]
        found = expected & set(results)
        expected_total += len(expected)
        found_total += len(found)
        if expected <= set(results[:TOP]):
            on_top += 1
        else:
            misses.append(f"{query!r}: expected {sorted(expected)}, first {results[:TOP]}")
    return found_total / expected_total, on_top / len(queries), misses


def test_the_search_finds_finnish_and_swedish_as_people_write_it(world, bank):
    def new(query):
        return [profile.pk for profile in search(world.employee, text=query)]

    assert len(FINNISH) >= 100 and len(SWEDISH) >= 30
    lines = []
    for name, queries in (("Finnish", FINNISH), ("Swedish", SWEDISH), ("all", FINNISH + SWEDISH)):
        recall, top, misses = measure(queries, new, bank)
        old_recall, old_top, _old_misses = measure(queries, six_letter_search, bank)
        lines.append(
            f"{name} ({len(queries)} queries): recall {recall:.3f}, in the first {TOP} {top:.3f}"
            f" — the six-letter search: recall {old_recall:.3f}, in the first {TOP} {old_top:.3f}"
        )
        if name == "all":
            print("\n" + "\n".join(lines) + "\nmissed:\n  " + "\n  ".join(misses))
            assert recall >= 0.95 and top >= 0.9, misses
