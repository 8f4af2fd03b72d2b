"""From participants to groups (around a mentor or two co-mentors) and to peer pairs.

The same rules and scores as pairs: a member joins only a leader the rules allow (for
co-mentors, both), and the group's fit is the sum of its members' scores with the leader (the
mean of the two co-mentors). Committee rejections are excluded; locks are required."""

import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from .groups import GroupProblem, GroupSolution, co_mentor_pairs, form_groups, peer_pairs, quality
from .pairing import LockError, Progress, ProposedPair
from .participants import Participant, Rules, Weights
from .rules import Allowed, broken_rules, forbidden_pairs
from .scoring import Scorer


@dataclass
class ProposedGroup:
    leaders: list[str]  # one mentor, or two co-mentors
    members: list[ProposedPair]  # each member with their score and reasons against the first leader


@dataclass
class GroupProposal:
    groups: list[ProposedGroup]
    unmatched: dict[str, str]
    total_score: float
    upper_bound: float
    optimal: bool
    seconds: float

    @property
    def matched(self) -> int:
        return sum(len(group.members) for group in self.groups)

    @property
    def gap(self) -> float:
        return 0.0 if self.upper_bound <= 0 else max(0.0, 1 - self.total_score / self.upper_bound)


def score_matrix(
    mentees: Sequence[Participant], mentors: Sequence[Participant], weights: Weights | None, rules: Rules
) -> tuple[Scorer, Allowed, np.ndarray]:
    """Scores of every pair, -1 where the rules forbid it (groups are small enough for one block)."""
    scorer = Scorer(mentees, mentors, weights, peer=rules.peer)
    allowed = Allowed(scorer.mentee_side, scorer.mentor_side, forbidden_pairs(mentees, mentors, rules), rules)
    rows = np.arange(len(mentees))
    scores = scorer.scores(rows).astype(np.float64) if len(mentees) and len(mentors) else np.zeros((len(mentees), 0))
    if scores.size:
        scores[~allowed.block(rows)] = -1.0
    return scorer, allowed, np.round(scores, 6)


def match_groups(
    mentees: Sequence[Participant],
    mentors: Sequence[Participant],
    weights: Weights | None = None,
    rules: Rules | None = None,
    *,
    min_size: int = 3,
    max_size: int = 6,
    co_mentoring: bool = False,
    groups_per_mentor: int = 1,
    even: bool = True,
    seconds: float = 25.0,
    progress: Progress | None = None,
) -> GroupProposal:
    """A mentor's capacity in groups is the groups they may lead, never more than `groups_per_mentor`.
    `even`: nobody leads a second group while a mentor who could lead one leads none."""
    started = time.perf_counter()
    rules = rules or Rules()
    report = progress or (lambda _fraction: None)
    scorer, allowed, scores = score_matrix(mentees, mentors, weights, rules)
    report(0.3)
    mentor_ids = [m.id for m in mentors]
    if co_mentoring:
        leaders = {f"{a}+{b}": 1 for a, b in co_mentor_pairs(mentor_ids, np.maximum(scores, 0))}
    else:
        leaders = {m.id: min(m.capacity, groups_per_mentor) for m in mentors if m.capacity > 0 and m.may_mentor}
    column = {mentor_id: j for j, mentor_id in enumerate(mentor_ids)}
    fit: dict[tuple[str, str], float] = {}
    profession_of = {m.id: m.profession_group for m in mentors}
    for i, mentee in enumerate(mentees):
        for leader in leaders:
            parts = leader.split("+")
            if rules.same_profession_groups and any(profession_of[p] != mentee.profession_group for p in parts):
                continue  # a group within one profession group is led from within it too
            values = [scores[i, column[part]] for part in parts]
            if min(values) >= 0:
                fit[(mentee.id, leader)] = round(float(np.mean(values)), 6)
    problem = GroupProblem(
        mentees=[m.id for m in mentees],
        leaders=leaders,
        scores=fit,
        min_size=min_size,
        max_size=max_size,
        profession_groups={m.id: m.profession_group for m in mentees} if rules.same_profession_groups else {},
        required=required_leaders(mentees, mentors, rules, leaders),
    )
    solution = form_evenly(problem, seconds) if even else form_groups(problem, seconds=seconds)
    report(0.9)
    index = {m.id: i for i, m in enumerate(mentees)}
    groups = []
    for leader, members in solution.groups:
        parts = leader.split("+")
        explained = scorer.explain_pairs([(index[m], column[parts[0]]) for m in members])
        pairs = [
            ProposedPair(m, parts[0], fit[(m, leader)], reasons, locked=problem.required.get(m) == leader)
            for m, (_score, reasons) in zip(members, explained, strict=True)
        ]
        groups.append(ProposedGroup(parts, pairs))
    with_leader = {m for m, _leader in fit}
    unmatched = {
        m.id: "mentors_full" if m.id in with_leader else allowed.reason_none_allowed(index[m.id])
        for m in mentees
        if m.id in solution.unmatched
    }
    report(1.0)
    return GroupProposal(
        groups, unmatched, solution.total_score, solution.upper_bound, solution.optimal, time.perf_counter() - started
    )


def form_evenly(problem: GroupProblem, seconds: float) -> GroupSolution:
    """First one group per leader; only if mentees are left out do leaders with room take a second
    group, and then everyone who led a group in the first round still leads one."""
    if all(count <= 1 for count in problem.leaders.values()):
        return form_groups(problem, seconds=seconds)
    one_each = replace(problem, leaders=dict.fromkeys(problem.leaders, 1))
    first = form_groups(one_each, seconds=seconds / 2)
    if not first.unmatched:
        return first
    led = frozenset(leader for leader, _members in first.groups)
    second = form_groups(replace(problem, must_lead=led), seconds=seconds / 2)
    return second if quality(problem, second.groups) > quality(problem, first.groups) else first


def required_leaders(
    mentees: Sequence[Participant], mentors: Sequence[Participant], rules: Rules, leaders: dict[str, int]
) -> dict[str, str]:
    by_id = {p.id: p for p in [*mentees, *mentors]}
    required = {}
    for mentee, mentor in rules.locked:
        broken = (
            broken_rules(by_id[mentee], by_id[mentor], rules) if mentee in by_id and mentor in by_id else ["unknown"]
        )
        leader = next((name for name in leaders if mentor in name.split("+")), None)
        if broken or leader is None:
            raise LockError(f"locked pair ({mentee}, {mentor}) breaks: {', '.join(broken or ['no_group'])}")
        required[mentee] = leader
    return required


def match_peers(
    people: Sequence[Participant],
    weights: Weights | None = None,
    rules: Rules | None = None,
    progress: Progress | None = None,
) -> tuple[list[ProposedPair], dict[str, str]]:
    """Peers paired among themselves: (pairs, unmatched with reasons). A pair is allowed when the
    rules allow it both ways; its score is the mean of the two directions."""
    rules = rules or Rules(peer=True)
    report = progress or (lambda _fraction: None)
    locked = {person for pair in rules.locked for person in pair}
    scorer, allowed, scores = score_matrix(people, people, weights, rules)
    report(0.5)
    ids = [p.id for p in people]
    both = np.minimum(scores, scores.T)
    mean = (scores + scores.T) / 2
    free = [i for i, person in enumerate(ids) if person not in locked]
    edges = {(ids[a], ids[b]): float(mean[a, b]) for a in free for b in free if a < b and both[a, b] >= 0}
    chosen = [*peer_pairs([ids[i] for i in free], edges), *check_peer_locks(people, rules)]
    index = {person: i for i, person in enumerate(ids)}
    explained = scorer.explain_pairs([(index[a], index[b]) for a, b in chosen])
    pairs = [
        ProposedPair(a, b, round(float(mean[index[a], index[b]]), 6), reasons, locked=a in locked)
        for (a, b), (_score, reasons) in zip(chosen, explained, strict=True)
    ]
    paired = {person for pair in chosen for person in pair}
    has_edge = {person for pair in edges for person in pair}
    unmatched = {
        p: ("mentors_full" if p in has_edge else allowed.reason_none_allowed(index[p])) for p in ids if p not in paired
    }
    report(1.0)
    return pairs, unmatched


def check_peer_locks(people: Sequence[Participant], rules: Rules) -> list[tuple[str, str]]:
    by_id = {p.id: p for p in people}
    for a, b in rules.locked:
        if a not in by_id or b not in by_id:
            raise LockError(f"locked pair ({a}, {b}) names someone not in this run")
        broken = broken_rules(by_id[a], by_id[b], rules) + broken_rules(by_id[b], by_id[a], rules)
        if broken:
            raise LockError(f"locked pair ({a}, {b}) breaks: {', '.join(sorted(set(broken)))}")
    return list(rules.locked)
