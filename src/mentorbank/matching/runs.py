"""Running the engine for a programme in the background: load the cohort, match, store the proposal."""

import logging
import time
from typing import Any

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from mentorbank.programmes.committee import tell_committee
from mentorbank.programmes.formats import Format

from . import engine
from .cohort import Cohort, load_cohort
from .models import MatchingRun, ProposedMatch
from .rules import rules_for

logger = logging.getLogger(__name__)


def execute_run(run_id: int) -> None:
    """The background task's work: load, match, store. A failure is kept on the run for the committee."""
    run = MatchingRun.objects.select_related("programme").get(pk=run_id)
    if run.finished:
        return  # a retried task does not run twice
    MatchingRun.objects.filter(pk=run.pk).update(state=MatchingRun.RUNNING, progress=1)
    last = [0]

    def progress(fraction: float) -> None:
        percent = max(1, min(99, round(fraction * 100)))
        if percent >= last[0] + 5:  # a write every few per cent is enough for the indicator
            last[0] = percent
            MatchingRun.objects.filter(pk=run.pk).update(progress=percent)

    try:
        cohort = load_cohort(run.programme, unmatched_only=True)
        rows, figures = RUNNERS[run.format](run, cohort, progress)
    except Exception as error:  # whatever went wrong must show on the run, not leave it "running"
        logger.exception("matching run %s failed", run.pk)
        MatchingRun.objects.filter(pk=run.pk).update(
            state=MatchingRun.FAILED, error=str(error) or type(error).__name__, finished_at=timezone.now()
        )
        return
    with transaction.atomic():
        ProposedMatch.objects.bulk_create(rows, batch_size=2000)
        MatchingRun.objects.filter(pk=run.pk).update(
            state=MatchingRun.DONE, progress=100, finished_at=timezone.now(), **figures
        )
        # the committee reviews what the engine proposed: each member hears that a proposal waits
        programme = run.programme
        tell_committee(programme, programme.committee_members.filter(is_active=True), "run_ready", {"run": run})


def weights_of(run: MatchingRun) -> engine.Weights:
    return engine.Weights(**run.weights) if run.weights else engine.Weights()


def reasons_json(pair: engine.ProposedPair) -> list[dict[str, Any]]:
    return [{"code": r.code, "details": r.details} for r in pair.reasons]


def pair_rows(run: MatchingRun, pairs: list[engine.ProposedPair]) -> list[ProposedMatch]:
    """Rows for proposed pairs (a mentee and a mentor, or two peers)."""
    return [
        ProposedMatch(
            run=run,
            mentee_id=int(pair.mentee),
            mentor_id=int(pair.mentor),
            score=pair.score,
            reasons=reasons_json(pair),
            locked=pair.locked,
        )
        for pair in pairs
    ]


def unmatched_rows(run: MatchingRun, unmatched: dict[str, str]) -> list[ProposedMatch]:
    return [ProposedMatch(run=run, mentee_id=int(m), unmatched_reason=reason) for m, reason in unmatched.items()]


def figures_of(rows: list[ProposedMatch], mentees: int, mentors: int, seconds: float) -> dict[str, Any]:
    placed = [row for row in rows if row.mentor_id is not None]
    scores = [row.score for row in placed if row.score is not None]  # the engine scores every placed pair
    return {
        "mentee_count": mentees,
        "mentor_count": mentors,
        "matched": len(placed),
        "total_score": round(sum(scores), 6),
        "min_score": min(scores) if scores else None,
        "seconds": round(seconds, 3),
    }


def run_pairs(run: MatchingRun, cohort: Cohort, progress: Any) -> tuple[list[ProposedMatch], dict[str, Any]]:
    proposal = engine.match_pairs(
        cohort.mentees, cohort.mentors, weights_of(run), rules_for(run.programme, cohort), run.objective, progress
    )
    rows = pair_rows(run, proposal.pairs) + unmatched_rows(run, proposal.unmatched)
    figures = figures_of(rows, len(cohort.mentees), len(cohort.mentors), proposal.seconds)
    if run.objective != "stable":  # a stable matching is not an optimum to prove
        figures |= {"pairs_left_out": proposal.left_out, "proven_optimal": proposal.proven_optimal}
    return rows, figures


def run_groups(run: MatchingRun, cohort: Cohort, progress: Any) -> tuple[list[ProposedMatch], dict[str, Any]]:
    programme = run.programme
    co_mentoring = run.format == Format.CO_MENTORING
    proposal = engine.match_groups(
        cohort.mentees,
        cohort.mentors,
        weights_of(run),
        rules_for(programme, cohort),
        min_size=programme.group_min_mentees,
        max_size=programme.co_mentoring_max_mentees if co_mentoring else programme.group_max_mentees,
        co_mentoring=co_mentoring,
        groups_per_mentor=run.groups_per_mentor,
        even=not run.uneven_groups,
        progress=progress,
    )
    rows = []
    for number, group in enumerate(proposal.groups, start=1):
        second = int(group.leaders[1]) if len(group.leaders) > 1 else None
        for pair in group.members:
            rows.append(
                ProposedMatch(
                    run=run,
                    mentee_id=int(pair.mentee),
                    mentor_id=int(group.leaders[0]),
                    second_mentor_id=second,
                    group=number,
                    score=pair.score,
                    reasons=reasons_json(pair),
                    locked=pair.locked,
                )
            )
    rows += unmatched_rows(run, proposal.unmatched)
    figures = figures_of(rows, len(cohort.mentees), len(cohort.mentors), proposal.seconds)
    return rows, {**figures, "upper_bound": proposal.upper_bound}


def run_peers(run: MatchingRun, cohort: Cohort, progress: Any) -> tuple[list[ProposedMatch], dict[str, Any]]:
    started = time.perf_counter()
    pairs, unmatched = engine.match_peers(
        cohort.everyone, weights_of(run), rules_for(run.programme, cohort, peer=True), progress
    )
    seconds = time.perf_counter() - started
    rows = pair_rows(run, pairs) + unmatched_rows(run, unmatched)
    return rows, figures_of(rows, len(cohort.everyone), len(cohort.everyone), seconds)


RUNNERS: dict[str, Any] = {
    Format.PAIR: run_pairs,
    Format.GROUP: run_groups,
    Format.CO_MENTORING: run_groups,
    Format.PEER: run_peers,
}


@task()
def run_in_background(run_id: int) -> None:
    execute_run(run_id)
