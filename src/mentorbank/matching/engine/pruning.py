"""Allowed pairs for the optimiser, and for large cohorts only each mentee's best mentors with
a proof (see certificate) that the pairs left out could not improve the result: pairs whose
reduced cost is negative are added and the assignment solved again until none is left.

Checking a left-out pair needs its score. So the first scoring keeps a reserve of each
mentee's next best pairs (checked as arrays), and the best score beyond it: with the prices of
all mentors but the cheapest few, that bounds every other pair's reduced cost. Only the pairs
with the cheapest mentors and the few mentees the bound cannot clear are scored again."""

import math
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
from threadpoolctl import threadpool_limits

from .assignment import solve_arrays
from .certificate import Duals, duals, scaled
from .rules import Allowed
from .scoring import Scorer

BLOCK_CELLS = 1_000_000  # pairs scored at once: bounds memory (and smaller arrays page-fault less than 4 M did)
PRUNE_ABOVE = 2_000_000  # mentees × mentors beyond which each mentee first gets only their best mentors
KEPT_EDGES = 200_000  # about this many pairs go to the optimiser when pruning
KEEP_LEAST = 20  # but each mentee keeps at least this many mentors
RESERVE = 9  # times as many next best pairs per mentee are kept aside for the proof
CHEAPEST = 100  # mentors whose left-out pairs are all scored again for the proof
ROUNDS = 12  # solves at most, when left-out pairs keep turning out better
BEYOND_WITH = 100  # the pairs beyond the reserve are checked too when the reserve gives fewer than this
SCORING_THREADS = min(2, os.cpu_count() or 1)

Progress = Callable[[float], None]


@dataclass
class Pairs:
    mentee: np.ndarray
    mentor: np.ndarray
    scores: np.ndarray

    def __len__(self) -> int:
        return len(self.scores)

    def take(self, which: np.ndarray) -> "Pairs":
        return Pairs(self.mentee[which], self.mentor[which], self.scores[which])

    def plus(self, other: "Pairs") -> "Pairs":
        return Pairs(
            np.concatenate([self.mentee, other.mentee]),
            np.concatenate([self.mentor, other.mentor]),
            np.concatenate([self.scores, other.scores]),
        )


@dataclass
class Edges:
    given: Pairs  # to the optimiser
    reserve: Pairs  # left out, scores known
    best_left_out: np.ndarray  # per mentee: the best allowed score in neither, −1 if none
    left_out: int  # allowed pairs not given to the optimiser
    width: int  # how many mentors: mentee × width + mentor names a pair

    @property
    def pruned(self) -> bool:
        return self.left_out > 0

    def give(self, pairs: Pairs) -> None:
        """Hand these pairs to the optimiser too (any it has already are not repeated)."""
        if not len(pairs):
            return
        keys = pairs.mentee * self.width + pairs.mentor
        _, first = np.unique(keys, return_index=True)
        once = np.zeros(len(pairs), dtype=bool)
        once[first] = True
        involved = np.zeros(len(self.best_left_out), dtype=bool)  # only these mentees' given pairs can
        involved[pairs.mentee] = True  # repeat one: a mask is far cheaper than np.isin over them all
        near = self.given.take(involved[self.given.mentee])
        new = pairs.take(once & ~np.isin(keys, near.mentee * self.width + near.mentor))
        self.given = self.given.plus(new)
        self.left_out -= len(new)


def exact(scores: np.ndarray) -> np.ndarray:
    """Scores as the optimiser and the proposal see them: to 1e-6."""
    result: np.ndarray = np.round(scores.astype(np.float64), 6)
    return result


def blocks_of(rows: np.ndarray, columns: int) -> list[np.ndarray]:
    size = max(1, BLOCK_CELLS // max(columns, 1))
    return [rows[start : start + size] for start in range(0, len(rows), size)]


def scored_block(scorer: Scorer, allowed: Allowed, block: np.ndarray, columns: np.ndarray | None = None) -> np.ndarray:
    """Scores of these mentees against every mentor (or some), −1 where the pair is not allowed."""
    scores = scorer.scores(block, columns)
    scores[~allowed.block(block, columns)] = -1.0
    return scores


def best_of(scores: np.ndarray, count: int) -> np.ndarray:
    """Each row's `count` best columns, in no particular order."""
    if count >= scores.shape[1]:
        return np.broadcast_to(np.arange(scores.shape[1]), scores.shape).copy()
    best: np.ndarray = np.argpartition(-scores, count - 1, axis=1)[:, :count]
    return best


def allowed_edges(scorer: Scorer, allowed: Allowed, rows: np.ndarray, mentee_count: int, report: Progress) -> Edges:
    """Every allowed pair with its score, scored in blocks of mentees on a few threads (the
    products and numpy release the GIL); in large cohorts each mentee's best `keep` only."""
    mentor_count = len(scorer.mentors)
    keep = max(KEEP_LEAST, math.ceil(KEPT_EDGES / max(len(rows), 1)))
    prune = len(rows) * mentor_count > PRUNE_ABOVE and keep < mentor_count
    aside = min(keep * (RESERVE + 1), mentor_count)

    def edges_of(block: np.ndarray) -> tuple[np.ndarray, ...]:
        scores = scored_block(scorer, allowed, block)
        allowed_count = (scores >= 0).sum(axis=1)
        if not prune:
            local, columns = np.nonzero(scores >= 0)
            given = np.ones(len(local), dtype=bool)
            return block[local], columns, exact(scores[local, columns]), given, np.full(len(block), -1.0), allowed_count
        columns = best_of(scores, aside)
        values = np.take_along_axis(scores, columns, axis=1)
        given = np.zeros(values.shape, dtype=bool)
        np.put_along_axis(given, best_of(values, keep), True, axis=1)
        np.put_along_axis(scores, columns, -1.0, axis=1)
        best_left_out = exact(scores.max(axis=1)) if aside < mentor_count else np.full(len(block), -1.0)
        valid = values.ravel() >= 0
        local = np.repeat(np.arange(len(block)), aside)[valid]
        return (
            block[local],
            columns.ravel()[valid],
            exact(values.ravel()[valid]),
            given.ravel()[valid],
            best_left_out,
            allowed_count,
        )

    parts = []
    blocks = blocks_of(rows, mentor_count)
    # numpy's BLAS would start threads of its own in each of ours: on few cores they only collide
    with threadpool_limits(limits=1, user_api="blas"), ThreadPoolExecutor(max_workers=SCORING_THREADS) as pool:
        for done, part in enumerate(pool.map(edges_of, blocks), start=1):  # in block order: deterministic
            parts.append(part)
            report(0.7 * done / len(blocks))
    best_left_out = np.full(mentee_count, -1.0)
    empty = Pairs(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0))
    if not parts:
        return Edges(empty, empty, best_left_out, 0, mentor_count)
    mentee, mentor, scores, given, left_out_scores, counts = (np.concatenate(c) for c in zip(*parts, strict=True))
    best_left_out[rows] = left_out_scores
    everything = Pairs(mentee, mentor, scores)  # by mentee: the same input, the same order
    left_out = int(counts.sum()) - int(given.sum())
    return Edges(everything.take(given), everything.take(~given), best_left_out, left_out, mentor_count)


def optimal_over_all(
    scorer: Scorer, allowed: Allowed, edges: Edges, capacities: np.ndarray, mentee_count: int
) -> tuple[np.ndarray, bool]:
    """The chosen edges (most matched, then highest total) and whether they are proven optimal
    over every allowed pair: at once when nothing was left out, else by reduced costs."""
    for _round in range(ROUNDS):
        given = edges.given
        chosen = solve_arrays(mentee_count, capacities, given.mentee, given.mentor, given.scores)
        if not edges.pruned:
            return chosen, True
        found = duals(mentee_count, capacities, given.mentee, given.mentor, given.scores, chosen)
        if found is None:
            return chosen, False
        better = improving_reserve(edges, found)
        edges.give(better)  # before looking beyond: those pairs are no longer left out
        if len(better) < BEYOND_WITH:
            beyond = improving_beyond(scorer, allowed, edges, found)
            edges.give(beyond)
            better = better.plus(beyond)
        if not len(better):
            return chosen, True
    return chosen, False


def improving_reserve(edges: Edges, found: Duals) -> Pairs:
    reserve = edges.reserve
    better = found.slack(reserve.mentee, reserve.mentor, reserve.scores) < 0
    edges.reserve = reserve.take(~better)
    return reserve.take(better)


def improving_beyond(scorer: Scorer, allowed: Allowed, edges: Edges, found: Duals) -> Pairs:
    """Pairs in neither set with a negative reduced cost: all pairs with the cheapest mentors
    are scored again, and the mentees whose best score beyond the reserve could still beat the
    next cheapest mentor's price against every mentor."""
    rows = np.flatnonzero(edges.best_left_out >= 0)
    by_price = np.argsort(found.prices, kind="stable")
    cheapest = np.sort(by_price[:CHEAPEST])
    floor = found.prices[by_price[CHEAPEST]] if len(by_price) > CHEAPEST else None
    parts = [left_out_improving(scorer, allowed, edges, found, rows, cheapest)]
    if floor is not None:
        could = found.values[rows] + floor - found.base - scaled(edges.best_left_out[rows]) < 0
        parts.append(left_out_improving(scorer, allowed, edges, found, rows[could], None))
    return parts[0].plus(parts[1]) if len(parts) > 1 else parts[0]  # a pair in both is given once (give)


def left_out_improving(
    scorer: Scorer, allowed: Allowed, edges: Edges, found: Duals, rows: np.ndarray, columns: np.ndarray | None
) -> Pairs:
    """These mentees' pairs (with these mentors, or all) in neither set whose reduced cost is negative."""
    known_mentee = np.concatenate([edges.given.mentee, edges.reserve.mentee])
    known_mentor = np.concatenate([edges.given.mentor, edges.reserve.mentor])
    mentor_count = len(scorer.mentors)
    parts = []
    for block in blocks_of(rows, mentor_count if columns is None else len(columns)):
        scores = scored_block(scorer, allowed, block, columns)
        mentors = np.arange(mentor_count) if columns is None else columns
        in_block = np.zeros(len(edges.best_left_out), dtype=bool)  # a mask: far cheaper than np.isin
        in_block[block] = True
        inside = in_block[known_mentee]
        position = np.full(mentor_count, -1)
        position[mentors] = np.arange(len(mentors))
        local, at = np.searchsorted(block, known_mentee[inside]), position[known_mentor[inside]]
        scores[local[at >= 0], at[at >= 0]] = -1.0  # known already
        slack = found.values[block, None] + found.prices[None, mentors] - found.base - scaled(exact(scores))
        e, r = np.nonzero((slack < 0) & (scores >= 0))
        parts.append(Pairs(block[e], mentors[r], exact(scores[e, r])))
    empty = Pairs(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0))
    result = empty
    for part in parts:
        result = result.plus(part)
    return result
