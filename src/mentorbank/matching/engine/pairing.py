"""From participants to a proposal of pairs: rules, scores, optimal assignment, explanations."""

import math
import os
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np

from .assignment import solve_arrays
from .participants import Participant, Reason, Rules, Weights
from .rules import Allowed, broken_rules, forbidden_pairs
from .scoring import Scorer
from .stable import deferred_acceptance

PAIR_OBJECTIVES = ("max_matched_then_score", "max_min_then_score", "stable")
BLOCK_CELLS = 4_000_000  # pairs scored at once: bounds memory to some hundreds of MB
MAX_EDGES = 3_000_000  # beyond this each mentee keeps only their best-scoring allowed mentors
SCORING_THREADS = min(4, os.cpu_count() or 1)


class LockError(ValueError):
    """A locked pair breaks a hard rule or overfills a mentor."""


@dataclass
class ProposedPair:
    mentee: str
    mentor: str
    score: float
    reasons: list[Reason] = field(default_factory=list)
    locked: bool = False


@dataclass
class Proposal:
    objective: str
    pairs: list[ProposedPair]
    unmatched: dict[str, str]  # mentee id -> reason code
    edges: int  # allowed pairs given to the optimiser
    pruned: bool  # True when mentees kept only their best mentors (very large cohorts)
    seconds: float

    @property
    def matched(self) -> int:
        return len(self.pairs)

    @property
    def total_score(self) -> float:
        return round(sum(p.score for p in self.pairs), 6)

    @property
    def min_score(self) -> float | None:
        return round(min(p.score for p in self.pairs), 6) if self.pairs else None


Progress = Callable[[float], None]


def match_pairs(
    mentees: Sequence[Participant],
    mentors: Sequence[Participant],
    weights: Weights | None = None,
    rules: Rules | None = None,
    objective: str = "max_matched_then_score",
    progress: Progress | None = None,
) -> Proposal:
    if objective not in PAIR_OBJECTIVES:
        raise ValueError(f"unknown objective {objective!r}")
    started = time.perf_counter()
    rules = rules or Rules()
    report = progress or (lambda _fraction: None)
    locked, capacities = apply_locks(mentees, mentors, rules)
    free = [i for i, mentee in enumerate(mentees) if mentee.id not in locked]
    scorer = Scorer(mentees, mentors, weights, peer=rules.peer)
    allowed = Allowed(scorer.mentee_side, scorer.mentor_side, forbidden_pairs(mentees, mentors, rules), rules)
    allowed.r.capacity = capacities
    edge_mentee, edge_mentor, scores, pruned = allowed_edges(scorer, allowed, np.array(free, dtype=np.int64), report)
    report(0.8)
    if objective == "stable":
        chosen = deferred_acceptance(len(mentees), capacities, edge_mentee, edge_mentor, scores)
    else:
        chosen = solve_arrays(len(mentees), capacities, edge_mentee, edge_mentor, scores, objective)
    report(0.9)
    mentor_index = {mentor.id: j for j, mentor in enumerate(mentors)}
    mentee_index = {mentee.id: i for i, mentee in enumerate(mentees)}
    chosen_pairs: list[tuple[int, int, float | None]] = [
        (int(edge_mentee[k]), int(edge_mentor[k]), float(scores[k])) for k in chosen
    ]
    chosen_pairs += [(mentee_index[e], mentor_index[r], None) for e, r in locked.items()]
    pairs = []
    chosen_pairs.sort(key=lambda pair: pair[:2])
    explained = scorer.explain_pairs([(i, j) for i, j, _s in chosen_pairs])
    for (i, j, edge_score), (score, reasons) in zip(chosen_pairs, explained, strict=True):
        score = round(score if edge_score is None else edge_score, 6)
        pairs.append(ProposedPair(mentees[i].id, mentors[j].id, score, reasons, locked=edge_score is None))
    matched = {i for i, _j, _s in chosen_pairs}
    with_edges = set(edge_mentee.tolist())
    unmatched = {
        mentees[i].id: "mentors_full" if i in with_edges else allowed.reason_none_allowed(i)
        for i in free
        if i not in matched
    }
    report(1.0)
    return Proposal(objective, pairs, unmatched, len(scores), pruned, round(time.perf_counter() - started, 3))


def apply_locks(
    mentees: Sequence[Participant], mentors: Sequence[Participant], rules: Rules
) -> tuple[dict[str, str], np.ndarray]:
    """Locked mentee -> mentor, and the capacities left for everyone else."""
    by_id = {mentor.id: (j, mentor) for j, mentor in enumerate(mentors)}
    mentee_by_id = {mentee.id: mentee for mentee in mentees}
    capacities = np.array([mentor.capacity for mentor in mentors], dtype=np.int64)
    locked: dict[str, str] = {}
    for mentee_id, mentor_id in rules.locked:
        if mentee_id not in mentee_by_id or mentor_id not in by_id:
            raise LockError(f"locked pair ({mentee_id}, {mentor_id}) names someone not in this run")
        if mentee_id in locked:
            raise LockError(f"mentee {mentee_id} is locked twice")
        j, mentor = by_id[mentor_id]
        broken = broken_rules(mentee_by_id[mentee_id], mentor, rules)
        if broken:
            raise LockError(f"locked pair ({mentee_id}, {mentor_id}) breaks: {', '.join(broken)}")
        capacities[j] -= 1
        if capacities[j] < 0:
            raise LockError(f"mentor {mentor_id} has more locked mentees than room")
        locked[mentee_id] = mentor_id
    return locked, capacities


def allowed_edges(
    scorer: Scorer, allowed: Allowed, rows: np.ndarray, report: Progress
) -> tuple[np.ndarray, np.ndarray, np.ndarray, bool]:
    """Every allowed pair with its score, scored in blocks of mentees on a few threads (the
    sparse products and numpy release the GIL). In cohorts so large that all pairs would not
    fit the optimiser, each mentee keeps their best `keep` mentors."""
    mentor_count = len(scorer.mentors)
    keep = max(1, math.ceil(MAX_EDGES / max(len(rows), 1)))
    pruned = keep < mentor_count
    block_rows = max(1, BLOCK_CELLS // max(mentor_count, 1))
    blocks = [rows[start : start + block_rows] for start in range(0, len(rows), block_rows)]

    def edges_of(block: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        scores = scorer.scores(block)
        scores[~allowed.block(block)] = -1.0
        if pruned:
            local = np.repeat(np.arange(len(block)), keep)
            columns = np.argpartition(-scores, keep - 1, axis=1)[:, :keep].ravel()
        else:
            local, columns = np.nonzero(scores >= 0)
        values = scores[local, columns]
        valid = values >= 0
        return block[local[valid]], columns[valid], values[valid].astype(np.float64)

    parts = []
    with ThreadPoolExecutor(max_workers=SCORING_THREADS) as pool:
        for done, part in enumerate(pool.map(edges_of, blocks), start=1):  # in block order: deterministic
            parts.append(part)
            report(0.8 * done / len(blocks))
    if not parts:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0), pruned
    edge_mentee, edge_mentor, scores = (np.concatenate(column) for column in zip(*parts, strict=True))
    order = np.lexsort((edge_mentor, edge_mentee))
    return edge_mentee[order], edge_mentor[order], np.round(scores[order], 6), pruned
