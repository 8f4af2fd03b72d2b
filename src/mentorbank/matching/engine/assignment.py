"""Optimal assignment of mentees to mentors with capacities, as a min-cost flow.

source → mentee (capacity 1) → mentor (capacity 1, cost −score) → sink (capacity = the mentor's capacity).
A maximum flow of minimum cost is exactly "the most mentees matched, then the highest total score"
(objective ``max_matched_then_score``). For ``max_min_then_score`` the highest threshold that still
lets the maximum number be matched is found by binary search over the distinct scores, and the
total is then maximised above it. Scores are scaled to integers (1e-6 precision) for the solver;
reported totals use the given scores. The same input always gives the same output."""

from dataclasses import dataclass, field

import numpy as np
from ortools.graph.python import max_flow, min_cost_flow

from .stable import deferred_acceptance, deferred_acceptance_ranked, preferences_from_scores

OBJECTIVES = ("max_matched_then_score", "max_min_then_score", "stable")
FLOW_OBJECTIVES = OBJECTIVES[:2]
SCALE = 1_000_000


@dataclass(frozen=True)
class Problem:
    mentees: list[str]
    capacities: dict[str, int]  # mentor id -> how many mentees
    edges: list[tuple[str, str, float]]  # allowed (mentee, mentor, score in [0, 1])
    objective: str = "max_matched_then_score"
    # stable objective only: each side's ranking of the other, best first (default: by score)
    mentee_ranks: dict[str, list[str]] | None = None
    mentor_ranks: dict[str, list[str]] | None = None


@dataclass(frozen=True)
class Solution:
    pairs: list[tuple[str, str]]
    matched: int
    total_score: float
    min_score: float | None
    unmatched: list[str]
    unmatched_reasons: dict[str, str] = field(default_factory=dict)  # no_allowed_mentor | mentors_full


def solve(problem: Problem) -> Solution:
    mentee_index = {mentee: i for i, mentee in enumerate(problem.mentees)}
    mentors = list(problem.capacities)
    mentor_index = {mentor: j for j, mentor in enumerate(mentors)}
    count = len(problem.edges)
    edge_mentee = np.fromiter((mentee_index[e[0]] for e in problem.edges), dtype=np.int64, count=count)
    edge_mentor = np.fromiter((mentor_index[e[1]] for e in problem.edges), dtype=np.int64, count=count)
    scores = np.fromiter((e[2] for e in problem.edges), dtype=np.float64, count=count)
    capacities = np.fromiter((problem.capacities[m] for m in mentors), dtype=np.int64, count=len(mentors))
    if problem.objective == "stable":
        chosen = stable_choice(problem, mentee_index, mentor_index, capacities, edge_mentee, edge_mentor, scores)
    else:
        chosen = solve_arrays(len(problem.mentees), capacities, edge_mentee, edge_mentor, scores, problem.objective)
    return solution_of(problem.mentees, mentors, edge_mentee, edge_mentor, scores, chosen)


def solve_indexed(
    mentees: list[str],
    mentors: list[str],
    capacities: np.ndarray,
    edge_mentee: np.ndarray,
    edge_mentor: np.ndarray,
    scores: np.ndarray,
    objective: str = "max_matched_then_score",
) -> Solution:
    """`solve` for a problem already in arrays (edges as indices into the two id lists)."""
    chosen = solve_arrays(len(mentees), capacities, edge_mentee, edge_mentor, scores, objective)
    return solution_of(mentees, mentors, edge_mentee, edge_mentor, scores, chosen)


def solution_of(
    mentees: list[str],
    mentors: list[str],
    edge_mentee: np.ndarray,
    edge_mentor: np.ndarray,
    scores: np.ndarray,
    chosen: np.ndarray,
) -> Solution:
    pairs = [
        (mentees[i], mentors[j])
        for i, j in zip(edge_mentee[chosen].tolist(), edge_mentor[chosen].tolist(), strict=True)
    ]
    matched = {mentee for mentee, _mentor in pairs}
    with_edges = np.zeros(len(mentees), dtype=bool)
    with_edges[edge_mentee] = True
    unmatched = [mentee for mentee in mentees if mentee not in matched]
    index = {mentee: i for i, mentee in enumerate(mentees)}
    reasons = {m: ("mentors_full" if with_edges[index[m]] else "no_allowed_mentor") for m in unmatched}
    chosen_scores = scores[chosen] if len(chosen) else np.array([])
    return Solution(
        pairs=pairs,
        matched=len(pairs),
        total_score=round(float(chosen_scores.sum()), 6),
        min_score=round(float(chosen_scores.min()), 6) if len(chosen) else None,
        unmatched=unmatched,
        unmatched_reasons=reasons,
    )


def stable_choice(
    problem: Problem,
    mentee_index: dict[str, int],
    mentor_index: dict[str, int],
    capacities: np.ndarray,
    edge_mentee: np.ndarray,
    edge_mentor: np.ndarray,
    scores: np.ndarray,
) -> np.ndarray:
    """Deferred acceptance; explicit rankings where given (only over allowed pairs), else by score."""
    if problem.mentee_ranks is None and problem.mentor_ranks is None:
        return deferred_acceptance(len(problem.mentees), capacities, edge_mentee, edge_mentor, scores)
    by_score_mentees, by_score_mentors = preferences_from_scores(
        len(problem.mentees), len(capacities), edge_mentee, edge_mentor, scores
    )
    position = {(int(e), int(r)): k for k, (e, r) in enumerate(zip(edge_mentee, edge_mentor, strict=True))}
    mentee_prefs = ranked(problem.mentee_ranks, problem.mentees, mentor_index, by_score_mentees)
    mentor_prefs = ranked(problem.mentor_ranks, list(problem.capacities), mentee_index, by_score_mentors)
    mentee_prefs = [[r for r in prefs if (e, r) in position] for e, prefs in enumerate(mentee_prefs)]
    mentor_prefs = [[e for e in prefs if (e, r) in position] for r, prefs in enumerate(mentor_prefs)]
    matching = deferred_acceptance_ranked(mentee_prefs, mentor_prefs, [int(c) for c in capacities])
    return np.array(sorted(position[(e, r)] for e, r in matching.items()), dtype=np.int64)


def ranked(
    ranks: dict[str, list[str]] | None, ids: list[str], other_index: dict[str, int], by_score: list[list[int]]
) -> list[list[int]]:
    """Each person's ranking as indices; people without a ranking rank by score."""
    ranks = ranks or {}
    return [[other_index[o] for o in ranks[person]] if person in ranks else by_score[k] for k, person in enumerate(ids)]


def solve_arrays(
    mentee_count: int,
    capacities: np.ndarray,
    edge_mentee: np.ndarray,
    edge_mentor: np.ndarray,
    scores: np.ndarray,
    objective: str = "max_matched_then_score",
) -> np.ndarray:
    """Indices of the chosen edges, in edge order."""
    if objective not in FLOW_OBJECTIVES:
        raise ValueError(f"unknown objective {objective!r}")
    keep = np.arange(len(scores))
    if objective == "max_min_then_score" and len(scores):
        keep = np.flatnonzero(scores >= fair_threshold(mentee_count, capacities, edge_mentee, edge_mentor, scores))
    flows = min_cost_max_flow(mentee_count, capacities, edge_mentee[keep], edge_mentor[keep], scores[keep])
    return keep[flows > 0]


def network(
    mentee_count: int, capacities: np.ndarray, edge_mentee: np.ndarray, edge_mentor: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int, int]:
    """Tails, heads and capacities of all arcs: the pair arcs first, in edge order."""
    source, sink = 0, 1 + mentee_count + len(capacities)
    mentee_nodes = 1 + np.arange(mentee_count)
    mentor_nodes = 1 + mentee_count + np.arange(len(capacities))
    tails = np.concatenate([1 + edge_mentee, np.zeros(mentee_count, dtype=np.int64), mentor_nodes])
    heads = np.concatenate([1 + mentee_count + edge_mentor, mentee_nodes, np.full(len(capacities), sink)])
    caps = np.concatenate(
        [np.ones(len(edge_mentee), dtype=np.int64), np.ones(mentee_count, dtype=np.int64), capacities.astype(np.int64)]
    )
    return tails, heads, caps, source, sink


def min_cost_max_flow(
    mentee_count: int, capacities: np.ndarray, edge_mentee: np.ndarray, edge_mentor: np.ndarray, scores: np.ndarray
) -> np.ndarray:
    """Flow on each pair arc of a maximum flow of minimum cost (cost = −score)."""
    tails, heads, caps, source, sink = network(mentee_count, capacities, edge_mentee, edge_mentor)
    costs = np.concatenate([-np.rint(scores * SCALE).astype(np.int64), np.zeros(len(tails) - len(scores), np.int64)])
    solver = min_cost_flow.SimpleMinCostFlow()
    solver.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    supplies = np.zeros(sink + 1, dtype=np.int64)
    supplies[source], supplies[sink] = mentee_count, -mentee_count
    solver.set_nodes_supplies(np.arange(sink + 1), supplies)
    status = solver.solve_max_flow_with_min_cost()
    if status != solver.OPTIMAL:
        raise RuntimeError(f"min-cost flow failed with status {status}")
    flows: np.ndarray = solver.flows(np.arange(len(scores)))
    return flows


def max_matched(mentee_count: int, capacities: np.ndarray, edge_mentee: np.ndarray, edge_mentor: np.ndarray) -> int:
    tails, heads, caps, source, sink = network(mentee_count, capacities, edge_mentee, edge_mentor)
    solver = max_flow.SimpleMaxFlow()
    solver.add_arcs_with_capacity(tails, heads, caps)
    if solver.solve(source, sink) != solver.OPTIMAL:
        raise RuntimeError("max flow failed")
    return int(solver.optimal_flow())


def fair_threshold(
    mentee_count: int, capacities: np.ndarray, edge_mentee: np.ndarray, edge_mentor: np.ndarray, scores: np.ndarray
) -> float:
    """The highest score t such that the edges scoring at least t still match the most mentees."""
    best = max_matched(mentee_count, capacities, edge_mentee, edge_mentor)
    levels = np.unique(scores)
    low, high = 0, len(levels) - 1  # levels[low] always achieves `best`
    while low < high:
        middle = (low + high + 1) // 2
        keep = scores >= levels[middle]
        if max_matched(mentee_count, capacities, edge_mentee[keep], edge_mentor[keep]) == best:
            low = middle
        else:
            high = middle - 1
    return float(levels[low])
