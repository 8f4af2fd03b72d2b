"""Large cohorts give the optimiser only each mentee's best mentors; reduced costs prove (or
repair) that the pairs left out could not improve the result."""

import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorbank.matching.engine import certificate, pruning
from mentorbank.matching.engine.assignment import solve_arrays
from mentorbank.matching.engine.pairing import match_pairs
from mentorbank.matching.engine.participants import Participant

WORDS = ["johtaminen", "muutos", "jaksaminen", "asiakastyö", "opetus", "hoitotyö", "talous", "viestintä"]


def cohort(seed: int, mentees: int, mentors: int) -> tuple[list[Participant], list[Participant]]:
    rng = random.Random(seed)

    def person(prefix: str, k: int, mentor: bool) -> Participant:
        return Participant(
            id=f"{prefix}{k}",
            person=f"{prefix}{k}",
            organisation="city",
            unit=f"u{rng.randrange(4)}",
            profession_group=f"g{rng.randrange(3)}",
            languages=frozenset(rng.sample(["fi", "fi", "sv"], rng.randint(1, 2))),
            themes=frozenset(rng.sample(["change", "career", "wellbeing", "expert"], rng.randint(1, 2))),
            text=" ".join(rng.choice(WORDS) for _ in range(6)),
            experience_years=rng.randint(0, 30),
            values=tuple(rng.randint(1, 5) for _ in range(3)),
            meeting_mode=rng.choice(["in_person", "remote", "either"]),
            location=rng.choice(["Espoo", "Turku", ""]),
            capacity=rng.randint(1, 2) if mentor else 1,
        )

    return [person("e", k, False) for k in range(mentees)], [person("m", k, True) for k in range(mentors)]


@pytest.fixture
def prune_hard(monkeypatch):
    """Prune even tiny cohorts to one or two mentors each, with a small reserve."""
    monkeypatch.setattr(pruning, "PRUNE_ABOVE", 0)
    monkeypatch.setattr(pruning, "KEPT_EDGES", 1)
    monkeypatch.setattr(pruning, "KEEP_LEAST", 1)
    monkeypatch.setattr(pruning, "RESERVE", 1)
    monkeypatch.setattr(pruning, "CHEAPEST", 2)


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10_000), mentees=st.integers(1, 25), mentors=st.integers(3, 12))
def test_a_pruned_run_ends_as_good_as_giving_the_optimiser_every_pair(seed, mentees, mentors):
    people = cohort(seed, mentees, mentors)
    exact = match_pairs(*people)
    with pytest.MonkeyPatch.context() as patch:
        for name, value in (("PRUNE_ABOVE", 0), ("KEPT_EDGES", 1), ("KEEP_LEAST", 1), ("RESERVE", 1), ("CHEAPEST", 2)):
            patch.setattr(pruning, name, value)
        pruned = match_pairs(*people)
    assert not exact.pruned and exact.proven_optimal
    assert pruned.proven_optimal
    assert pruned.matched == exact.matched
    assert pruned.total_score == pytest.approx(exact.total_score, abs=1e-5)  # equal optima may round apart


def test_the_repair_is_what_makes_a_pruned_run_optimal(prune_hard, monkeypatch):
    """Without the rounds that add left-out pairs, one mentor per mentee loses to the optimum."""
    people = cohort(7, 20, 8)
    proven = match_pairs(*people)
    monkeypatch.setattr(pruning, "ROUNDS", 1)
    first_solve_only = match_pairs(*people)
    assert proven.proven_optimal and proven.pruned
    assert not first_solve_only.proven_optimal
    assert (first_solve_only.matched, first_solve_only.total_score) < (proven.matched, proven.total_score)


def test_an_unpruned_run_says_nothing_was_left_out():
    proposal = match_pairs(*cohort(1, 10, 5))
    assert proposal.left_out == 0 and not proposal.pruned and proposal.proven_optimal


def instance(seed: int, mentees: int, mentors: int, degree: int):
    rng = np.random.default_rng(seed)
    edge_mentee = np.repeat(np.arange(mentees), degree)
    edge_mentor = np.concatenate([rng.choice(mentors, degree, replace=False) for _ in range(mentees)])
    return rng.integers(0, 3, mentors), edge_mentee, edge_mentor, np.round(rng.random(mentees * degree), 6)


@settings(max_examples=80, deadline=None)
@given(seed=st.integers(0, 10_000), mentees=st.integers(1, 30), mentors=st.integers(2, 10))
def test_duals_of_an_optimal_assignment_price_every_pair_and_a_worse_one_has_none(seed, mentees, mentors):
    capacities, edge_mentee, edge_mentor, scores = instance(seed, mentees, mentors, 2)
    chosen = solve_arrays(mentees, capacities, edge_mentee, edge_mentor, scores)
    found = certificate.duals(mentees, capacities, edge_mentee, edge_mentor, scores, chosen)
    assert found is not None
    assert (found.slack(edge_mentee, edge_mentor, scores) >= 0).all()
    assert (found.values >= 0).all() and (found.prices >= 0).all()
    # LP duality: the dual objective equals the assignment's weight
    weight = (found.base + certificate.scaled(scores[chosen])).sum()
    assert found.values.sum() + (capacities * found.prices).sum() == weight
    if len(chosen):
        assert certificate.duals(mentees, capacities, edge_mentee, edge_mentor, scores, chosen[1:]) is None
