"""A good starting grouping for the integer programme, found by local search.

Once every leader's group has a kind (a profession group, or "any"; or none at all), placing
mentees is a min-cost flow with lower bounds — exact and quick. The search moves one leader at
a time to another kind while that improves (most placed first, then fit), so the integer
solver starts from a strong grouping and spends its time on the bound."""

import time
from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING

import numpy as np
from ortools.graph.python import min_cost_flow

if TYPE_CHECKING:  # groups builds on this module; the type only
    from .groups import GroupProblem

# (mentees placed, total fit, mentees per opened slot)
Outcome = tuple[int, float, dict[int, list[str]]]

SCALE = 1_000_000
UNPLACED = 10 * SCALE  # leaving a mentee out costs more than any fit can give back


class Placement:
    def __init__(self, problem: "GroupProblem") -> None:
        self.problem = problem
        self.mentees = list(problem.mentees)
        self.index = {mentee: i for i, mentee in enumerate(self.mentees)}
        self.kind = {m: problem.profession_groups.get(m, "") for m in self.mentees}
        required = problem.required
        self.edges = sorted(e for e in problem.scores if required.get(e[0], e[1]) == e[1])

    def evaluate(self, slots: list[tuple[str, str]]) -> Outcome | None:
        """(placed, fit, members per slot) when each slot (leader, kind) is opened; None when some
        slot cannot reach the smallest size."""
        problem, n = self.problem, len(self.mentees)
        leaders_of: dict[str, list[int]] = defaultdict(list)
        for s, (leader, _kind) in enumerate(slots):
            leaders_of[leader].append(s)
        tails, heads, caps, costs, arc_slot = [], [], [], [], []
        sink = n + len(slots)
        for mentee, leader in self.edges:
            for s in leaders_of.get(leader, ()):
                if slots[s][1] in ("", self.kind[mentee]):
                    tails.append(self.index[mentee])
                    heads.append(n + s)
                    caps.append(1)
                    costs.append(-round(problem.scores[(mentee, leader)] * SCALE))
                    arc_slot.append(s)
        pair_arcs = len(tails)
        for i in range(n):
            tails.append(i)
            heads.append(sink)
            caps.append(1)
            costs.append(UNPLACED)
        for s in range(len(slots)):
            tails.append(n + s)
            heads.append(sink)
            caps.append(problem.max_size - problem.min_size)
            costs.append(0)
        supplies = np.zeros(sink + 1, dtype=np.int64)
        supplies[:n] = 1
        supplies[n:sink] = -problem.min_size
        supplies[sink] = -(n - problem.min_size * len(slots))
        if supplies[sink] > 0:
            return None
        solver = min_cost_flow.SimpleMinCostFlow()
        solver.add_arcs_with_capacity_and_unit_cost(
            np.array(tails, np.int64), np.array(heads, np.int64), np.array(caps, np.int64), np.array(costs, np.int64)
        )
        solver.set_nodes_supplies(np.arange(sink + 1), supplies)
        if solver.solve() != solver.OPTIMAL:
            return None
        flows = solver.flows(np.arange(pair_arcs))
        members: dict[int, list[str]] = defaultdict(list)
        fit = 0.0
        for k in np.flatnonzero(flows):
            members[arc_slot[k]].append(self.mentees[tails[k]])
            fit += -costs[k] / SCALE
        return sum(len(m) for m in members.values()), fit, members


def initial_slots(problem: "GroupProblem", placement: Placement) -> list[tuple[str, str]]:
    """Each kind gets about as many groups as its mentees need, led by the leaders who suit it best."""
    counts: dict[str, int] = defaultdict(int)
    for mentee in problem.mentees:
        counts[placement.kind[mentee]] += 1
    size = (problem.min_size + problem.max_size) / 2
    wanted = {kind: max(1, round(count / size)) if count >= problem.min_size else 0 for kind, count in counts.items()}
    suit: dict[tuple[str, str], float] = defaultdict(float)
    for (mentee, leader), score in problem.scores.items():
        suit[(leader, placement.kind[mentee])] += score
    free = [leader for leader, count in problem.leaders.items() for _ in range(count)]
    slots = []
    for kind in sorted(wanted, key=lambda k: -counts[k]):
        ranked = sorted(free, key=lambda leader: (-suit[(leader, kind)], leader))[: wanted[kind]]
        for leader in ranked:
            free.remove(leader)
            slots.append((leader, kind))
    return slots


def search(problem: "GroupProblem", seconds: float) -> tuple[list[tuple[str, str]], dict[int, list[str]]] | None:
    """The best slots found (each a leader's group and its kind) and their members."""
    deadline = time.perf_counter() + seconds
    kinds = (
        sorted({problem.profession_groups.get(m, "") for m in problem.mentees}) if problem.profession_groups else [""]
    )
    placement = Placement(problem)
    slots = (
        initial_slots(problem, placement)
        if problem.profession_groups
        else [(leader, "") for leader, count in problem.leaders.items() for _ in range(count)]
    )
    best = drop_until_feasible(placement, slots)
    if best is None:
        return None
    slots, result = best
    improved = True
    while improved and time.perf_counter() < deadline:
        improved = False
        for position in range(len(slots) + len(problem.leaders)):
            for candidate in neighbours(problem, slots, position, kinds):
                outcome = placement.evaluate(candidate)
                if outcome is not None and better(outcome, result):
                    slots, result, improved = candidate, outcome, True
                    break
            if time.perf_counter() > deadline:
                break
    return slots, result[2]


def better(outcome: Outcome, result: Outcome) -> bool:
    """More placed, or as many with a higher fit."""
    return bool(outcome[0] > result[0] or (outcome[0] == result[0] and outcome[1] > result[1] + 1e-9))


def drop_until_feasible(
    placement: Placement, slots: list[tuple[str, str]]
) -> tuple[list[tuple[str, str]], Outcome] | None:
    """Close the weakest groups until every open group can reach the smallest size."""
    while slots:
        outcome = placement.evaluate(slots)
        if outcome is not None:
            return slots, outcome
        slots = slots[:-1]
    return None


def neighbours(
    problem: "GroupProblem", slots: list[tuple[str, str]], position: int, kinds: list[str]
) -> Iterator[list[tuple[str, str]]]:
    """Change one group's kind, close it, or open a group for an unused leader."""
    if position < len(slots):
        leader, kind = slots[position]
        for other in kinds:
            if other != kind:
                yield [*slots[:position], (leader, other), *slots[position + 1 :]]
        yield [*slots[:position], *slots[position + 1 :]]
        return
    used: dict[str, int] = defaultdict(int)
    for leader, _kind in slots:
        used[leader] += 1
    spare = [leader for leader, count in sorted(problem.leaders.items()) if used[leader] < count]
    if position - len(slots) < len(spare):
        leader = spare[position - len(slots)]
        for kind in kinds:
            yield [*slots, (leader, kind)]
