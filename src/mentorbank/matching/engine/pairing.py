"""From participants to a proposal of pairs: rules, scores, optimal assignment, explanations."""

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from .assignment import solve_arrays
from .participants import Participant, Reason, Rules, Weights
from .pauses import cycle_collection_paused
from .pruning import allowed_edges, optimal_over_all
from .rules import Allowed, broken_rules, forbidden_pairs
from .scoring import Scorer
from .stable import deferred_acceptance

PAIR_OBJECTIVES = ("max_matched_then_score", "max_min_then_score", "stable")


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
    left_out: int  # allowed pairs not given to it (very large cohorts: mentees keep their best mentors)
    proven_optimal: bool  # over every allowed pair: none was left out, or reduced costs show none could help
    seconds: float

    @property
    def pruned(self) -> bool:
        return self.left_out > 0

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


@cycle_collection_paused()
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
    edges = allowed_edges(scorer, allowed, np.array(free, dtype=np.int64), len(mentees), report)
    edge_mentee, edge_mentor, scores = edges.given.mentee, edges.given.mentor, edges.given.scores
    proven = not edges.pruned
    if objective == "stable":
        chosen = deferred_acceptance(len(mentees), capacities, edge_mentee, edge_mentor, scores)
    elif objective == "max_matched_then_score":
        chosen, proven = optimal_over_all(scorer, allowed, edges, capacities, len(mentees))
        edge_mentee, edge_mentor, scores = edges.given.mentee, edges.given.mentor, edges.given.scores
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
    seconds = round(time.perf_counter() - started, 3)
    return Proposal(objective, pairs, unmatched, len(scores), edges.left_out, proven, seconds)


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
