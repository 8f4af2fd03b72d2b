"""Proof that pairs left out of the optimisation could not have improved it.

Large cohorts give the optimiser only each mentee's best-scoring mentors. The assignment is an
LP: maximise Σ w·x with w = B + score (B larger than any total of scores, so more matched comes
first), each mentee at most once, each mentor at most their capacity. Its dual gives every
mentee a value u ≥ 0 and every mentor a price v ≥ 0 with u + v ≥ w on every pair. If that
holds also on a pair left out (its reduced cost u + v − w is not negative), adding the pair
cannot improve the optimum; if it holds for all of them, the result is optimal over every
allowed pair. Weights are integers (scores × 1e6), so the checks are exact."""

from dataclasses import dataclass

import numpy as np

SCALE = 1_000_000


@dataclass(frozen=True)
class Duals:
    values: np.ndarray  # u per mentee
    prices: np.ndarray  # v per mentor
    base: int  # B

    def slack(self, mentees: np.ndarray, mentors: np.ndarray, scores: np.ndarray) -> np.ndarray:
        """Reduced costs u + v − w of the given pairs (negative: the pair could improve the result)."""
        result: np.ndarray = self.values[mentees] + self.prices[mentors] - (self.base + scaled(scores))
        return result


def scaled(scores: np.ndarray) -> np.ndarray:
    return np.rint(np.asarray(scores, dtype=np.float64) * SCALE).astype(np.int64)


def duals(
    mentee_count: int,
    capacities: np.ndarray,
    edge_mentee: np.ndarray,
    edge_mentor: np.ndarray,
    scores: np.ndarray,
    chosen: np.ndarray,
) -> Duals | None:
    """Optimal duals for the chosen assignment over these edges, or None if it is not optimal.

    The lowest prices are found as the least solution of the constraints the chosen pairs put
    on them: a mentee holding mentor a must not prefer mentor b, so v_b ≥ v_a − (w_a − w_b),
    and the mentors of an unmatched mentee's pairs must cost at least the pair's weight."""
    base = (mentee_count + 1) * SCALE
    weights = base + scaled(scores)
    mentor_of = np.full(mentee_count, -1, dtype=np.int64)
    mentor_of[edge_mentee[chosen]] = edge_mentor[chosen]
    weight_of = np.zeros(mentee_count, dtype=np.int64)
    weight_of[edge_mentee[chosen]] = weights[chosen]
    holder = mentor_of[edge_mentee]
    floor = np.zeros(len(capacities), dtype=np.int64)
    alone = holder < 0
    np.maximum.at(floor, edge_mentor[alone], weights[alone])
    other = (holder >= 0) & (edge_mentor != holder)
    order = np.argsort(edge_mentor[other], kind="stable")
    source = holder[other][order]
    target = edge_mentor[other][order]
    gain = (weights[other] - weight_of[edge_mentee[other]])[order]
    starts = np.flatnonzero(np.r_[True, target[1:] != target[:-1]]) if len(target) else np.zeros(0, np.int64)
    prices = floor
    for _round in range(len(capacities) + 1):
        raised = floor.copy()
        if len(target):
            raised[target[starts]] = np.maximum(
                floor[target[starts]], np.maximum.reduceat(prices[source] + gain, starts)
            )
        if np.array_equal(raised, prices):
            break
        prices = raised
    else:
        return None  # the prices keep rising: an improving cycle exists, so the choice was not optimal
    values = np.where(mentor_of >= 0, weight_of - prices[np.maximum(mentor_of, 0)], 0)
    used = np.bincount(edge_mentor[chosen], minlength=len(capacities))
    result = Duals(values, prices, base)
    feasible = (
        (values >= 0).all()
        and (prices[used < capacities] == 0).all()
        and (result.slack(edge_mentee, edge_mentor, scores) >= 0).all()
    )
    return result if feasible else None
