"""The core solver: feasible, optimal against brute force, deterministic. No database."""

import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorbank.matching.engine import Problem, solve

ROOT = Path(__file__).resolve().parents[2]


@st.composite
def problems(draw, objective="max_matched_then_score"):
    mentees = [f"a{i}" for i in range(draw(st.integers(0, 5)))]
    mentors = {f"m{j}": draw(st.integers(0, 2)) for j in range(draw(st.integers(0, 3)))}
    edges = []
    for mentee, mentor in itertools.product(mentees, mentors):
        if draw(st.booleans()):
            edges.append((mentee, mentor, draw(st.sampled_from([0.0, 0.1, 0.25, 0.5, 0.5, 0.75, 0.9, 1.0]))))
    return Problem(mentees=mentees, capacities=mentors, edges=edges, objective=objective)


def all_assignments(problem):
    """Every feasible assignment: each mentee gets one allowed mentor or none, capacities hold."""
    options = {m: [None] for m in problem.mentees}
    scores = {}
    for mentee, mentor, score in problem.edges:
        options[mentee].append(mentor)
        scores[mentee, mentor] = score
    for choice in itertools.product(*(options[m] for m in problem.mentees)):
        load = {}
        for mentor in choice:
            if mentor is not None:
                load[mentor] = load.get(mentor, 0) + 1
        if all(load[m] <= problem.capacities[m] for m in load):
            pairs = [(a, m) for a, m in zip(problem.mentees, choice, strict=True) if m is not None]
            yield pairs, [scores[p] for p in pairs]


def assert_feasible(problem, solution):
    allowed = {(a, m): s for a, m, s in problem.edges}
    assert all(pair in allowed for pair in solution.pairs), "only allowed pairs"
    mentees = [a for a, _m in solution.pairs]
    assert len(mentees) == len(set(mentees)), "a mentee at most once"
    for mentor, capacity in problem.capacities.items():
        assert sum(1 for _a, m in solution.pairs if m == mentor) <= capacity, "capacity holds"
    assert solution.matched == len(solution.pairs)
    assert sorted(solution.unmatched + mentees) == sorted(problem.mentees)
    assert solution.total_score == pytest.approx(sum(allowed[p] for p in solution.pairs), abs=1e-6)


@settings(max_examples=300, deadline=None)
@given(problems())
def test_max_matched_then_score_equals_brute_force(problem):
    solution = solve(problem)
    assert_feasible(problem, solution)
    best = max(((len(s), round(sum(s), 6)) for _p, s in all_assignments(problem)), default=(0, 0.0))
    assert (solution.matched, solution.total_score) == (best[0], pytest.approx(best[1], abs=1e-5))


@settings(max_examples=300, deadline=None)
@given(problems(objective="max_min_then_score"))
def test_max_min_then_score_equals_brute_force(problem):
    solution = solve(problem)
    assert_feasible(problem, solution)

    def key(scores):
        return (len(scores), min(scores) if scores else 0.0, round(sum(scores), 6))

    best = max((key(s) for _p, s in all_assignments(problem)), default=(0, 0.0, 0.0))
    got = (solution.matched, solution.min_score or 0.0, solution.total_score)
    assert got[0] == best[0] and got[1] == pytest.approx(best[1]) and got[2] == pytest.approx(best[2], abs=1e-5)


@settings(max_examples=100, deadline=None)
@given(problems())
def test_same_input_same_output(problem):
    assert solve(problem) == solve(problem)


def test_unmatched_mentees_get_a_reason():
    problem = Problem(mentees=["a1", "a2", "a3"], capacities={"m1": 1}, edges=[("a1", "m1", 0.9), ("a2", "m1", 0.5)])
    solution = solve(problem)
    assert solution.pairs == [("a1", "m1")]
    assert solution.unmatched_reasons == {"a2": "mentors_full", "a3": "no_allowed_mentor"}


def test_fairness_trades_total_for_the_lowest_score():
    problem = Problem(
        mentees=["a1", "a2"],
        capacities={"m1": 1, "m2": 1},
        edges=[("a1", "m1", 1.0), ("a1", "m2", 0.6), ("a2", "m1", 0.6), ("a2", "m2", 0.3)],
    )
    assert solve(problem).pairs == [("a1", "m1"), ("a2", "m2")]
    fair = solve(Problem(**{**problem.__dict__, "objective": "max_min_then_score"}))
    assert fair.pairs == [("a1", "m2"), ("a2", "m1")] and fair.min_score == 0.6


def cli(stdin_text):
    return subprocess.run(
        [sys.executable, "-m", "mentorbank.matching", "solve", "-"],
        input=stdin_text,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT / "src")},
    )


def test_cli_solves_the_core_format():
    result = cli(
        json.dumps({"mentees": ["a1", "a2"], "mentors": {"m1": 1}, "edges": [["a1", "m1", 0.82], ["a2", "m1", 0.5]]})
    )
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    assert output["pairs"] == [["a1", "m1"]] and output["matched"] == 1
    assert output["total_score"] == 0.82 and output["min_score"] == 0.82 and output["unmatched"] == ["a2"]
    assert output["seconds"] >= 0


def test_cli_stable_matching_follows_the_given_rankings_and_has_no_blocking_pair():
    # by score a1 would get m1; a1 ranks m2 first and m2 ranks a1 first, so (a1, m2) is stable
    data = {
        "mentees": ["a1", "a2"],
        "mentors": {"m1": 1, "m2": 1},
        "edges": [["a1", "m1", 0.9], ["a1", "m2", 0.1], ["a2", "m1", 0.5], ["a2", "m2", 0.4]],
        "objective": "stable",
        "mentee_ranks": {"a1": ["m2", "m1"]},
        "mentor_ranks": {"m2": ["a1", "a2"]},
    }
    result = cli(json.dumps(data))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["pairs"] == [["a1", "m2"], ["a2", "m1"]]
    by_score = cli(json.dumps({**data, "mentee_ranks": None, "mentor_ranks": None}))
    assert json.loads(by_score.stdout)["pairs"] == [["a1", "m1"], ["a2", "m2"]]


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ("{not json", "not valid JSON"),
        ('{"mentees": ["a1", "a1"], "mentors": {}, "edges": []}', "duplicate mentee id 'a1'"),
        ('{"mentees": ["a1"], "mentors": {"m1": 1, "m1": 2}, "edges": []}', "duplicate key 'm1'"),
        ('{"mentees": ["a1"], "mentors": {"m1": -1}, "edges": []}', "negative"),
        ('{"mentees": ["a1"], "mentors": {"m1": 1}, "edges": [["a1", "mX", 0.5]]}', "unknown mentor 'mX'"),
        ('{"mentees": ["a1"], "mentors": {"m1": 1}, "edges": [["aX", "m1", 0.5]]}', "unknown mentee 'aX'"),
        ('{"mentees": ["a1"], "mentors": {"m1": 1}, "edges": [["a1", "m1", 1.5]]}', "outside [0, 1]"),
        ('{"mentees": ["a1"], "mentors": {"m1": 1}, "edges": [["a1", "m1", 0.5], ["a1", "m1", 0.4]]}', "repeats"),
        ('{"mentees": ["a1"], "mentors": {"m1": 1}, "edges": [], "objective": "fastest"}', "unknown objective"),
        ('{"mentees": ["a1"], "mentors": {"m1": 1}}', "missing 'edges'"),
        (
            '{"mentees": ["a1"], "mentors": {"m1": 1}, "edges": [], "mentee_ranks": {"a1": []}}',
            "'stable' objective only",
        ),
        (
            '{"mentees": ["a1"], "mentors": {"m1": 1}, "edges": [], "objective": "stable", '
            '"mentee_ranks": {"a1": ["mX"]}}',
            "known ids",
        ),
    ],
)
def test_cli_refuses_malformed_input_with_one_line(data, words):
    result = cli(data)
    assert result.returncode != 0 and result.stdout == ""
    assert words in result.stderr and result.stderr.count("\n") == 1


def test_engine_imports_no_django():
    code = "import sys, mentorbank.matching.engine; print(any(m.startswith('django') for m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env={"PYTHONPATH": str(ROOT / "src")}
    )
    assert result.stdout.strip() == "False"
