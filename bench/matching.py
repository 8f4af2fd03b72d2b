"""Benchmark: the core matching solver against a reference solver.

Random instances (seeded): each mentee has `--degree` allowed mentors with scores in [0, 1],
mentors have capacities 1–3. Prints the solver's seconds and peak memory, and the same for
SciPy's sparse assignment (LAPJVsp) on the expanded mentor slots, with the ratio and a check
that both reach the same matched count and total score.

    .venv/bin/python bench/matching.py [--mentees 20000] [--mentors 10000] [--degree 100]
"""

import argparse
import resource
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from mentorbank.matching.engine import solve_arrays  # noqa: E402


def instance(mentees: int, mentors: int, degree: int, seed: int):  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(seed)
    capacities = rng.integers(1, 4, size=mentors)
    edge_mentee = np.repeat(np.arange(mentees), degree)
    # distinct mentors per mentee: a random offset walk modulo the number of mentors
    starts = rng.integers(0, mentors, size=mentees)
    steps = np.tile(np.arange(degree), mentees)
    edge_mentor = (np.repeat(starts, degree) + steps * 7919) % mentors
    scores = np.round(rng.random(len(edge_mentee)), 6)
    return capacities, edge_mentee, edge_mentor, scores


def reference(mentees: int, capacities, edge_mentee, edge_mentor, scores):  # type: ignore[no-untyped-def]
    """SciPy's min_weight_full_bipartite_matching on slots, each mentee also given an "unmatched" slot."""
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import min_weight_full_bipartite_matching

    slot_start = np.concatenate([[0], np.cumsum(capacities)[:-1]])
    repeat = capacities[edge_mentor]
    rows = np.repeat(edge_mentee, repeat)
    offsets = np.arange(repeat.sum()) - np.repeat(np.cumsum(repeat) - repeat, repeat)
    cols = np.repeat(slot_start[edge_mentor], repeat) + offsets
    weights = 2.0 - np.repeat(scores, repeat)  # in [1, 2]: never zero (zero means "no edge")
    slots = int(capacities.sum())
    rows = np.concatenate([rows, np.arange(mentees)])
    cols = np.concatenate([cols, slots + np.arange(mentees)])
    weights = np.concatenate([weights, np.full(mentees, 1000.0)])  # staying unmatched costs most
    matrix = csr_matrix((weights, (rows, cols)), shape=(mentees, slots + mentees))
    _rows, matched_cols = min_weight_full_bipartite_matching(matrix)
    real = matched_cols < slots
    total = float((2.0 - matrix[np.arange(mentees)[real], matched_cols[real]].A1).sum())
    return int(real.sum()), total


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mentees", type=int, default=20000)
    parser.add_argument("--mentors", type=int, default=10000)
    parser.add_argument("--degree", type=int, default=100)
    parser.add_argument("--no-reference", action="store_true")
    args = parser.parse_args()
    capacities, edge_mentee, edge_mentor, scores = instance(args.mentees, args.mentors, args.degree, seed=1)
    print(f"mentees={args.mentees} mentors={args.mentors} slots={int(capacities.sum())} edges={len(scores)}")
    for objective in ("max_matched_then_score", "max_min_then_score"):
        started = time.perf_counter()
        chosen = solve_arrays(args.mentees, capacities, edge_mentee, edge_mentor, scores, objective)
        seconds = time.perf_counter() - started
        print(
            f"engine {objective:<24} seconds={seconds:6.2f}  matched={len(chosen)}  "
            f"total={scores[chosen].sum():.3f}  min={scores[chosen].min():.6f}  peak_rss_mb={peak_mb():.0f}"
        )
        if objective == "max_matched_then_score":
            engine_seconds, engine_total, engine_matched = seconds, float(scores[chosen].sum()), len(chosen)
    if args.no_reference:
        return
    started = time.perf_counter()
    matched, total = reference(args.mentees, capacities, edge_mentee, edge_mentor, scores)
    seconds = time.perf_counter() - started
    print(
        f"scipy  min_weight_full_bipartite   seconds={seconds:6.2f}  matched={matched}  total={total:.3f}  "
        f"peak_rss_mb={peak_mb():.0f}"
    )
    print(
        f"ratio scipy/engine = {seconds / engine_seconds:.1f}; same matched: {matched == engine_matched}; "
        f"total difference = {abs(total - engine_total):.6f}"
    )


if __name__ == "__main__":
    main()
