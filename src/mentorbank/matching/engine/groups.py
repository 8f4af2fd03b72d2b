"""Small groups around a mentor (or two co-mentors), and peer pairs among participants.

Groups are an integer programme solved by SCIP (through OR-Tools) in two phases: first the most
mentees placed in groups of an allowed size, then, with that number fixed, the highest total
fit (each member's score with the group's mentor or the mean with its two co-mentors). The
solver's proven bound is reported with the objective, so the gap to the optimum is known."""

import time
from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx
import numpy as np
from ortools.linear_solver import pywraplp

from . import group_search

SCALE = 1000  # peer scores to integers for the blossom algorithm: 0.001 precision


@dataclass(frozen=True)
class GroupProblem:
    mentees: list[str]
    leaders: dict[str, int]  # mentor (or co-mentor pair) id -> how many groups they can lead
    scores: dict[tuple[str, str], float]  # allowed (mentee, leader) -> fit in [0, 1]
    min_size: int = 3
    max_size: int = 6
    profession_groups: dict[str, str] = field(default_factory=dict)  # set: each group within one
    required: dict[str, str] = field(default_factory=dict)  # locked mentee -> their leader
    must_lead: frozenset[str] = frozenset()  # leaders who lead at least one group


@dataclass
class GroupSolution:
    groups: list[tuple[str, list[str]]]  # (leader, members)
    unmatched: list[str]
    total_score: float
    upper_bound: float  # no grouping of this many mentees can score more
    optimal: bool
    seconds: float

    @property
    def matched(self) -> int:
        return sum(len(members) for _leader, members in self.groups)

    @property
    def gap(self) -> float:
        """Relative distance to the bound: 0.0 is proven optimal."""
        return 0.0 if self.upper_bound <= 0 else max(0.0, 1 - self.total_score / self.upper_bound)


def form_groups(problem: GroupProblem, seconds: float = 25.0) -> GroupSolution:
    """A local search finds a strong grouping (see group_search); CP-SAT tries to place more
    mentees when the search left some out; SCIP then starts from the best grouping and
    maximises the fit with at least that many placed, proving the bound it reports."""
    if not 1 <= problem.min_size <= problem.max_size:
        raise ValueError("group sizes must satisfy 1 <= smallest <= largest")
    started = time.perf_counter()
    start = starting_grouping(problem, seconds / 3)
    solver, place = build_model(problem, "SCIP")
    variables = list(place.values())
    if start:
        solver.SetHint(variables, [start.get(key, 0) for key in place])
        solver.Add(solver.Sum(variables) >= sum(start.values()))
    solver.Maximize(solver.Sum(problem.scores[(mentee, leader)] * var for (mentee, leader, _k), var in place.items()))
    solver.SetTimeLimit(int(max(1.0, seconds - (time.perf_counter() - started)) * 1000))
    parameters = pywraplp.MPSolverParameters()
    parameters.SetDoubleParam(parameters.RELATIVE_MIP_GAP, 1e-6)
    status = solver.Solve(parameters)
    found = status in (pywraplp.Solver.OPTIMAL, pywraplp.Solver.FEASIBLE)
    if problem.required and not found:
        raise ValueError("the locked members cannot all be placed in groups of the allowed size")
    groups = groups_of(start)
    if found and quality(problem, read_groups(place)) >= quality(problem, groups):
        groups = read_groups(place)
    members = {mentee for _leader, group in groups for mentee in group}
    total = fit(problem, groups)
    return GroupSolution(
        groups=groups,
        unmatched=[mentee for mentee in problem.mentees if mentee not in members],
        total_score=round(total, 6),
        upper_bound=round(max(solver.Objective().BestBound() if found else total, total), 6),
        optimal=status == pywraplp.Solver.OPTIMAL,
        seconds=round(time.perf_counter() - started, 3),
    )


def starting_grouping(problem: GroupProblem, seconds: float) -> dict[tuple[str, str, int], int]:
    """(mentee, leader, k) -> 1 for the best grouping the search and CP-SAT find."""
    start: dict[tuple[str, str, int], int] = {}
    found = group_search.search(problem, seconds / 2)
    if found and not keeps_rules(problem, found):
        found = None  # the search ignores locks and who must lead; the solvers below respect them
    if found:
        slots, members = found
        number: dict[str, int] = defaultdict(int)
        for s, (leader, _kind) in enumerate(slots):
            for mentee in members.get(s, ()):
                start[(mentee, leader, number[leader])] = 1
            number[leader] += 1
    if len(start) < len(problem.mentees):  # maybe more can be placed: ask CP-SAT
        model, place = build_model(problem, "CP-SAT")
        model.SetSolverSpecificParametersAsString("num_workers: 2 random_seed: 1")
        variables = list(place.values())
        model.SetHint(variables, [start.get(key, 0) for key in place])
        model.Maximize(model.Sum(variables))
        model.SetTimeLimit(int(seconds * 1000 / 2))
        if model.Solve() in (pywraplp.Solver.OPTIMAL, pywraplp.Solver.FEASIBLE):
            more = {key: 1 for key, var in place.items() if var.solution_value() > 0.5}
            if len(more) > len(start):
                start = more
    return start


def keeps_rules(problem: GroupProblem, found: tuple[list[tuple[str, str]], dict[int, list[str]]]) -> bool:
    placed = members_leaders(found)
    leading = {leader for _mentee, leader in placed}
    return problem.must_lead <= leading and all(problem.required.get(m) in (None, lead) for m, lead in placed)


def fit(problem: GroupProblem, groups: list[tuple[str, list[str]]]) -> float:
    return sum(problem.scores[(mentee, leader)] for leader, group in groups for mentee in group)


def quality(problem: GroupProblem, groups: list[tuple[str, list[str]]]) -> tuple[int, float]:
    """Most placed first, then fit (rounded so solver noise does not decide)."""
    return sum(len(group) for _leader, group in groups), round(fit(problem, groups), 6)


def members_leaders(found: tuple[list[tuple[str, str]], dict[int, list[str]]]) -> list[tuple[str, str]]:
    slots, members = found
    return [(mentee, slots[s][0]) for s, group in members.items() for mentee in group]


def groups_of(start: dict[tuple[str, str, int], int]) -> list[tuple[str, list[str]]]:
    members: dict[tuple[str, int], list[str]] = defaultdict(list)
    for mentee, leader, k in start:
        members[(leader, k)].append(mentee)
    return [(leader, sorted(group)) for (leader, _k), group in sorted(members.items())]


def build_model(
    problem: GroupProblem, backend: str
) -> tuple[pywraplp.Solver, dict[tuple[str, str, int], pywraplp.Variable]]:
    """A group is a (leader, k) slot opened for one profession group (or for everyone when the
    programme does not ask for that). A member may join only an opened slot of their kind and
    the size bounds hold per kind: a tight relaxation, and so a close bound."""
    solver = pywraplp.Solver.CreateSolver(backend)
    by_leader: dict[str, list[str]] = defaultdict(list)
    for mentee, leader in sorted(problem.scores):
        by_leader[leader].append(mentee)
    place: dict[tuple[str, str, int], pywraplp.Variable] = {}
    of_mentee: dict[str, list[pywraplp.Variable]] = defaultdict(list)
    for leader, count in problem.leaders.items():
        previous = None
        for k in range(count):
            kinds: dict[str, list[pywraplp.Variable]] = defaultdict(list)
            for mentee in by_leader[leader]:
                var = solver.BoolVar(f"{mentee} in {leader} {k}")
                place[(mentee, leader, k)] = var
                of_mentee[mentee].append(var)
                kinds[problem.profession_groups.get(mentee, "")].append(var)
            opened = []
            for kind, members in sorted(kinds.items()):
                this = solver.BoolVar(f"open {leader} {k} {kind}")
                solver.Add(solver.Sum(members) >= problem.min_size * this)
                solver.Add(solver.Sum(members) <= problem.max_size * this)
                for var in members:
                    solver.Add(var <= this)
                opened.append(this)
            used = solver.Sum(opened)
            solver.Add(used <= 1)
            if k == 0 and leader in problem.must_lead:
                solver.Add(used >= 1)
            if previous is not None:  # a second group only after the first: no symmetric twins
                solver.Add(used <= previous)
            previous = used
    for variables in of_mentee.values():
        solver.Add(solver.Sum(variables) <= 1)
    for mentee, leader in problem.required.items():
        solver.Add(solver.Sum(var for (m, lead, _k), var in place.items() if (m, lead) == (mentee, leader)) == 1)
    return solver, place


def read_groups(place: dict[tuple[str, str, int], pywraplp.Variable]) -> list[tuple[str, list[str]]]:
    members: dict[tuple[str, int], list[str]] = defaultdict(list)
    for (mentee, leader, k), var in place.items():
        if var.solution_value() > 0.5:
            members[(leader, k)].append(mentee)
    return [(leader, sorted(group)) for (leader, _k), group in sorted(members.items())]


def co_mentor_pairs(mentors: list[str], scores: np.ndarray) -> list[tuple[str, str]]:
    """Pairs of co-mentors who together fit the most mentees: weight = mean over mentees of
    the better of the two scores (complementary mentors cover more). scores: mentees × mentors."""
    graph = nx.Graph()
    for a in range(len(mentors)):
        for b in range(a + 1, len(mentors)):
            cover = float(np.maximum(scores[:, a], scores[:, b]).mean()) if len(scores) else 0.0
            graph.add_edge(a, b, weight=round(cover, 6) + 1)  # +1: as many pairs as possible
    pairs = nx.max_weight_matching(graph, maxcardinality=True)
    return sorted(tuple(sorted((mentors[a], mentors[b]))) for a, b in pairs)


def peer_pairs(people: list[str], scores: dict[tuple[str, str], float]) -> list[tuple[str, str]]:
    """Peers paired among themselves: the most pairs, then the highest total score (blossom
    algorithm for maximum-weight matching in a general graph). scores: allowed (a, b) -> fit."""
    graph = nx.Graph()
    graph.add_nodes_from(people)
    for (a, b), score in sorted(scores.items()):
        graph.add_edge(a, b, weight=round(score * SCALE) + 1)
    matching = nx.max_weight_matching(graph, maxcardinality=True)
    return sorted(tuple(sorted(pair)) for pair in matching)
