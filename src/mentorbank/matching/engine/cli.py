"""`python -m mentorbank.matching solve FILE`: the core solver on a plain JSON format."""

import json
import math
import sys
import time
from collections import Counter
from typing import Any, TextIO

from . import reading
from .assignment import OBJECTIVES, Problem, solve, solve_indexed


class InputError(Exception):
    """Malformed input; the message names the problem in one line."""


def unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise InputError(f"duplicate key {key!r}")
        seen[key] = value
    return seen


def parse(text: str) -> Problem:
    try:
        data = json.loads(text, object_pairs_hook=unique_keys)
    except json.JSONDecodeError as error:
        raise InputError(f"not valid JSON: {error.msg} at line {error.lineno} column {error.colno}") from error
    if not isinstance(data, dict):
        raise InputError("the input must be a JSON object with mentees, mentors and edges")
    for key in ("mentees", "mentors", "edges"):
        if key not in data:
            raise InputError(f"missing {key!r}")
    mentees, mentors, edges = data["mentees"], data["mentors"], data["edges"]
    objective = data.get("objective", "max_matched_then_score")
    if objective not in OBJECTIVES:
        raise InputError(f"unknown objective {objective!r}; use one of {', '.join(OBJECTIVES)}")
    check_ids(mentees, mentors)
    ranks = {side: data.get(f"{side}_ranks") for side in ("mentee", "mentor")}
    if any(ranks.values()) and objective != "stable":
        raise InputError("rankings apply to the 'stable' objective only")
    check_ranks(ranks["mentee"], "mentee", set(mentees), set(mentors))
    check_ranks(ranks["mentor"], "mentor", set(mentors), set(mentees))
    return Problem(
        mentees=mentees,
        capacities=mentors,
        edges=check_edges(edges, set(mentees), mentors),
        objective=objective,
        mentee_ranks=ranks["mentee"],
        mentor_ranks=ranks["mentor"],
    )


def check_ranks(ranks: Any, side: str, own: set[str], other: set[str]) -> None:
    if ranks is None:
        return
    if not isinstance(ranks, dict):
        raise InputError(f"'{side}_ranks' must be an object of id to a list of ids, best first")
    for person, ranking in ranks.items():
        if person not in own:
            raise InputError(f"'{side}_ranks' names an unknown {side} {person!r}")
        if not isinstance(ranking, list) or not all(isinstance(o, str) and o in other for o in ranking):
            raise InputError(f"the ranking of {person!r} must list known ids of the other side")
        if len(set(ranking)) != len(ranking):
            raise InputError(f"the ranking of {person!r} repeats an id")


def check_ids(mentees: Any, mentors: Any) -> None:
    if not isinstance(mentees, list) or not all(isinstance(m, str) for m in mentees):
        raise InputError("'mentees' must be a list of id strings")
    duplicates = sorted(m for m, n in Counter(mentees).items() if n > 1)
    if duplicates:
        raise InputError(f"duplicate mentee id {duplicates[0]!r}")
    if not isinstance(mentors, dict):
        raise InputError("'mentors' must be an object of mentor id to capacity")
    for mentor, capacity in mentors.items():
        if not isinstance(capacity, int) or isinstance(capacity, bool):
            raise InputError(f"capacity of mentor {mentor!r} must be a whole number")
        if capacity < 0:
            raise InputError(f"capacity of mentor {mentor!r} is negative")
    both = set(mentees) & set(mentors)
    if both:
        raise InputError(f"id {sorted(both)[0]!r} is both a mentee and a mentor")


def check_edges(edges: Any, mentees: set[str], mentors: dict[str, int]) -> list[tuple[str, str, float]]:
    if not isinstance(edges, list):
        raise InputError("'edges' must be a list of [mentee, mentor, score]")
    result, seen = [], set()
    for number, edge in enumerate(edges, start=1):
        if not isinstance(edge, list) or len(edge) != 3:
            raise InputError(f"edge {number} must be [mentee, mentor, score]")
        mentee, mentor, score = edge
        if mentee not in mentees:
            raise InputError(f"edge {number} names an unknown mentee {mentee!r}")
        if mentor not in mentors:
            raise InputError(f"edge {number} names an unknown mentor {mentor!r}")
        if not isinstance(score, int | float) or isinstance(score, bool) or math.isnan(score) or not 0 <= score <= 1:
            raise InputError(f"edge {number} has a score outside [0, 1]: {score!r}")
        if (mentee, mentor) in seen:
            raise InputError(f"edge {number} repeats the pair {mentee!r}, {mentor!r}")
        seen.add((mentee, mentor))
        result.append((mentee, mentor, float(score)))
    return result


def run(arguments: list[str], stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    if len(arguments) != 2 or arguments[0] != "solve":
        stderr.write("usage: python -m mentorbank.matching solve FILE   (FILE may be - for standard input)\n")
        return 2
    started = time.perf_counter()
    try:
        data = read_input(arguments[1], stdin)
        fast = reading.read(data)
        if fast is not None and fast.objective in OBJECTIVES and fast.objective != "stable":
            read_seconds = time.perf_counter() - started
            started = time.perf_counter()
            solution = solve_indexed(
                fast.mentees, fast.mentors, fast.capacities, fast.edge_mentee, fast.edge_mentor, fast.scores,
                fast.objective,
            )  # fmt: skip
        else:
            problem = parse(data.decode("utf-8"))
            read_seconds = time.perf_counter() - started
            started = time.perf_counter()
            solution = solve(problem)
    except (OSError, UnicodeDecodeError) as error:
        stderr.write(f"error: cannot read {arguments[1]}: {error}\n")
        return 2
    except InputError as error:
        stderr.write(f"error: {error}\n")
        return 2
    seconds = time.perf_counter() - started
    json.dump(
        {
            "pairs": [list(pair) for pair in solution.pairs],
            "matched": solution.matched,
            "total_score": solution.total_score,
            "min_score": solution.min_score,
            "unmatched": solution.unmatched,
            "seconds": round(seconds, 3),
            "read_seconds": round(read_seconds, 3),
        },
        stdout,
    )
    stdout.write("\n")
    return 0


def read_input(name: str, stdin: TextIO) -> bytes:
    if name == "-":
        buffer = getattr(stdin, "buffer", None)
        return buffer.read() if buffer is not None else stdin.read().encode("utf-8")
    with open(name, "rb") as handle:
        return handle.read()


def main() -> None:
    sys.exit(run(sys.argv[1:], sys.stdin, sys.stdout, sys.stderr))
