"""Stable matching: mentee-proposing deferred acceptance (Gale–Shapley) with mentor capacities.

The result has no blocking pair: no mentee and mentor who both prefer each other to what
they got (a mentor with a free place prefers any acceptable mentee to the free place).
Among stable matchings it is the best for every mentee."""

import heapq
from collections.abc import Sequence

import numpy as np


def deferred_acceptance_ranked(
    mentee_prefs: Sequence[Sequence[int]], mentor_prefs: Sequence[Sequence[int]], capacities: Sequence[int]
) -> dict[int, int]:
    """mentee -> mentor. Preferences list acceptable partners best first; a pair is possible
    only when each appears on the other's list."""
    rank = [{mentee: k for k, mentee in enumerate(prefs)} for prefs in mentor_prefs]
    next_choice = [0] * len(mentee_prefs)
    held: list[list[tuple[int, int]]] = [[] for _ in mentor_prefs]  # heap of (-rank, mentee): worst on top
    free = list(range(len(mentee_prefs)))[::-1]
    while free:
        mentee = free.pop()
        prefs = mentee_prefs[mentee]
        while next_choice[mentee] < len(prefs):
            mentor = prefs[next_choice[mentee]]
            next_choice[mentee] += 1
            if mentee not in rank[mentor] or capacities[mentor] <= 0:
                continue
            heap = held[mentor]
            if len(heap) < capacities[mentor]:
                heapq.heappush(heap, (-rank[mentor][mentee], mentee))
                break
            if -heap[0][0] > rank[mentor][mentee]:
                _worst, bumped = heapq.heapreplace(heap, (-rank[mentor][mentee], mentee))
                free.append(bumped)
                break
    return {mentee: mentor for mentor, heap in enumerate(held) for _r, mentee in heap}


def preferences_from_scores(
    mentee_count: int, mentor_count: int, edge_mentee: np.ndarray, edge_mentor: np.ndarray, scores: np.ndarray
) -> tuple[list[list[int]], list[list[int]]]:
    """Both sides rank the allowed partners by score, ties by index (so the result is deterministic)."""
    mentee_prefs: list[list[int]] = [[] for _ in range(mentee_count)]
    mentor_prefs: list[list[int]] = [[] for _ in range(mentor_count)]
    for k in np.lexsort((edge_mentor, -scores, edge_mentee)):
        mentee_prefs[edge_mentee[k]].append(int(edge_mentor[k]))
    for k in np.lexsort((edge_mentee, -scores, edge_mentor)):
        mentor_prefs[edge_mentor[k]].append(int(edge_mentee[k]))
    return mentee_prefs, mentor_prefs


def deferred_acceptance(
    mentee_count: int, capacities: np.ndarray, edge_mentee: np.ndarray, edge_mentor: np.ndarray, scores: np.ndarray
) -> np.ndarray:
    """Indices of the chosen edges when both sides rank by the pair scores."""
    mentee_prefs, mentor_prefs = preferences_from_scores(
        mentee_count, len(capacities), edge_mentee, edge_mentor, scores
    )
    matching = deferred_acceptance_ranked(mentee_prefs, mentor_prefs, [int(c) for c in capacities])
    position = {(int(e), int(r)): k for k, (e, r) in enumerate(zip(edge_mentee, edge_mentor, strict=True))}
    return np.array(sorted(position[(e, r)] for e, r in matching.items()), dtype=np.int64)
