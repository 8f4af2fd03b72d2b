"""The solver's fast reader: for every input the exact reader accepts it reads the same problem (or
leaves it to the exact reader), and it never accepts what the exact reader refuses."""

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorbank.matching.engine.cli import InputError, parse
from mentorbank.matching.engine.reading import read

ids = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöåABC0123456789-_ .:,[]{}", min_size=1, max_size=8)


@st.composite
def problems(draw):  # type: ignore[no-untyped-def]
    mentees = draw(st.lists(ids, min_size=1, max_size=6, unique=True))
    mentors = draw(st.lists(ids.filter(lambda i: i not in mentees), min_size=1, max_size=5, unique=True))
    pairs = draw(st.lists(st.tuples(st.sampled_from(mentees), st.sampled_from(mentors)), unique=True, max_size=20))
    scores = draw(st.lists(st.floats(0, 1), min_size=len(pairs), max_size=len(pairs)))
    capacities = draw(st.lists(st.integers(0, 3), min_size=len(mentors), max_size=len(mentors)))
    return {
        "mentees": mentees,
        "mentors": dict(zip(mentors, capacities, strict=True)),
        "edges": [[a, b, s] for (a, b), s in zip(pairs, scores, strict=True)],
    }


def exact(data):  # type: ignore[no-untyped-def]
    try:
        return parse(json.dumps(data))
    except InputError:
        return None


@settings(max_examples=300, deadline=None)
@given(problems(), st.sampled_from([{}, {"indent": 1}, {"separators": (",", ":")}]), st.booleans())
def test_the_fast_reader_reads_what_the_exact_reader_reads(data, layout, ascii_only):
    fast = read(json.dumps(data, ensure_ascii=ascii_only, **layout).encode())
    problem = exact(data)
    assert problem is not None
    if fast is None:  # left to the exact reader: only with escapes, no edges or a bracket in an id
        brackets = any(set("[]{}") & set(i) for i in [*data["mentees"], *data["mentors"]])
        assert ascii_only or not data["edges"] or brackets
        return
    assert fast.mentees == problem.mentees and fast.mentors == list(problem.capacities)
    assert fast.capacities.tolist() == list(problem.capacities.values())
    edges = [(fast.mentees[i], fast.mentors[j], s) for i, j, s in zip(fast.edge_mentee, fast.edge_mentor, fast.scores)]
    assert edges == problem.edges


@settings(max_examples=200, deadline=None)
@given(problems(), st.sampled_from(["unknown mentee", "unknown mentor", "repeat", "score", "nan", "shape"]))
def test_the_fast_reader_never_accepts_what_the_exact_reader_refuses(data, fault):
    edges = data["edges"]
    if not edges:
        return
    first = list(edges[0])
    broken = {
        "unknown mentee": [["nobody-here", first[1], 0.5]],
        "unknown mentor": [[first[0], "nobody-here", 0.5]],
        "repeat": [first, first],
        "score": [[first[0], first[1], 1.5]],
        "nan": [[first[0], first[1], float("nan")]],
        "shape": [[first[0], first[1]]],
    }[fault]
    data = {**data, "edges": edges + broken}
    assert exact(data) is None
    assert read(json.dumps(data, ensure_ascii=False).encode()) is None


def test_a_large_problem_becomes_arrays():
    rng = np.random.default_rng(3)
    mentees, mentors = [f"m{i}" for i in range(300)], {f"M{j}": 2 for j in range(100)}
    edges = [[f"m{i}", f"M{j}", round(float(rng.random()), 6)] for i in range(300) for j in range(0, 100, 7)]
    fast = read(json.dumps({"mentees": mentees, "mentors": mentors, "edges": edges}).encode())
    assert fast is not None and len(fast.scores) == len(edges)
    assert fast.edge_mentee.dtype == np.int64 and fast.scores.dtype == np.float64


NUMBERS = [".5", "1.", "01", "+1", "00", "0.", "-.5", "-01", "1.e-3", "1.5e", "0x1", "-", "1 2"]
NUMBERS += ["0.5", "1e-3", "1E0", "-0", "0", "1", "0.0", "1.0E+0", "10e-1", "0.000001", " 1 "]


@pytest.mark.parametrize("number", NUMBERS)
def test_a_score_is_read_only_as_json_reads_it(number):
    """Python's float() takes .5, 1., 01 and +1; JSON does not, and neither may the fast reader."""
    text = '{"mentees": ["a", "b"], "mentors": {"m": 2}, "edges": [["b", "m", 0.25], ["a", "m", ' + number + "]]}"
    try:
        expected = parse(text).edges[1][2]
    except InputError:
        expected = None
    fast = read(text.encode())
    assert (fast is None) == (expected is None)
    if fast is not None:
        assert fast.scores.tolist() == [0.25, expected]
