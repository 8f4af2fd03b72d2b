"""Starting runs, the committee's decisions on pairs, and publishing the result (runs.py does the matching)."""

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy

from mentorbank.applications.models import Application
from mentorbank.core import audit
from mentorbank.core.refusals import Refused
from mentorbank.mentorships.services import create_from_matches
from mentorbank.notifications.service import notify
from mentorbank.programmes.formats import Format
from mentorbank.programmes.models import Programme

from . import engine, phases
from .cohort import load_cohort
from .models import Match, MatchingRun, PairDecision, ProposedMatch
from .reasons import BROKEN_RULES
from .rules import rules_for
from .runs import run_in_background


class MatchingRefused(Refused):
    """A request the rules do not allow; the engine's broken rules are reasons too."""

    messages = {
        "already_published": gettext_lazy("This programme's matching is already published."),
        "format_published": gettext_lazy(
            "A run of this kind is already published. Each kind (pairs, groups, peer pairs) is published once."
        ),
        "matched_since": gettext_lazy(
            "Some people in this run were matched by a publish after the run started. Run the matching again."
        ),
        "not_ready": gettext_lazy("Only a finished run can be published."),
        "not_two_pairs": gettext_lazy("Choose exactly two proposed pairs to swap."),
        "not_in_cohort": gettext_lazy("Both must have an approved application as mentee and as mentor."),
        "mentor_full": gettext_lazy("The mentor already has as many mentees as they can take."),
        "not_your_staff": gettext_lazy("Both must be your own staff with an approved application."),
        "already_matched": gettext_lazy("This mentee already has a mentor in the programme."),
        **BROKEN_RULES,
    }


def default_weights(programme: Programme) -> dict[str, float]:
    """The weights of the programme's latest run, else the engine's defaults."""
    latest = programme.matching_runs.exclude(weights={}).order_by("-number").first()
    return latest.weights if latest else engine.Weights().as_dict()


def start_run(
    *,
    programme: Programme,
    objective: str,
    weights: dict[str, float],
    actor: Any,
    run_format: str = Format.PAIR,
    groups_per_mentor: int = 1,
    uneven_groups: bool = False,
    origin: str | None = None,
) -> MatchingRun:
    if run_format in phases.published_formats(programme):
        raise MatchingRefused("format_published")
    with transaction.atomic():
        number = (programme.matching_runs.aggregate(n=Max("number"))["n"] or 0) + 1
        run = MatchingRun.objects.create(
            programme=programme,
            number=number,
            format=run_format,
            objective=objective,
            weights=weights,
            groups_per_mentor=groups_per_mentor,
            uneven_groups=uneven_groups,
            created_by=actor,
        )
        audit.record(
            actor=actor,
            action="matching.started",
            organisation=programme.owner,
            details={"programme": programme.pk, "run": number},
            origin=origin,
        )
        transaction.on_commit(lambda: run_in_background.enqueue(run.pk))
    return run


def check_pair(
    programme: Programme, mentee: Application, mentor: Application, *, unmatched_only: bool = True
) -> list[str]:
    """The hard rules a pair the committee picks by hand would break; someone an earlier publish matched
    is no longer in the cohort (a supervisor forming pairs passes `unmatched_only=False`: mentors take
    several mentees one by one)."""
    cohort = load_cohort(programme, only=[mentee.pk, mentor.pk], unmatched_only=unmatched_only)
    # as mentee and mentor where they applied so; a peer (any role) otherwise
    mentee_p = find(cohort.mentees, mentee) or find(cohort.everyone, mentee)
    mentor_p = find(cohort.mentors, mentor) or find(cohort.everyone, mentor)
    if mentee_p is None or mentor_p is None:
        return ["not_in_cohort"]
    rules = rules_for(programme)
    broken = engine.broken_rules(mentee_p, mentor_p, rules)
    locked_on_mentor = sum(1 for _e, r in rules.locked if r == mentor_p.id)
    if locked_on_mentor >= mentor_p.capacity and "mentor_not_available" not in broken:
        broken.append("mentor_full")
    return broken


def find(people: list[engine.Participant], application: Application) -> engine.Participant | None:
    return next((p for p in people if p.id == str(application.pk)), None)


def decide(
    *, programme: Programme, mentee: Application, mentor: Application, kind: str, actor: Any, origin: str | None = None
) -> PairDecision:
    """Lock or reject a pair. A lock is checked against the hard rules first; a new lock of
    the mentee replaces their old one."""
    if phases.fully_published(programme):
        raise MatchingRefused("already_published")
    if kind == PairDecision.LOCK:
        existing = programme.pair_decisions.filter(mentee=mentee, kind=PairDecision.LOCK).exclude(mentor=mentor)
        with transaction.atomic():
            existing.delete()
            programme.pair_decisions.filter(mentee=mentee, mentor=mentor).delete()
            broken = check_pair(programme, mentee, mentor)
            if broken:
                raise MatchingRefused(*broken)
            decision = save_decision(programme, mentee, mentor, kind, actor, origin)
        return decision
    with transaction.atomic():
        programme.pair_decisions.filter(mentee=mentee, mentor=mentor).delete()
        return save_decision(programme, mentee, mentor, kind, actor, origin)


def save_decision(
    programme: Programme, mentee: Application, mentor: Application, kind: str, actor: Any, origin: str | None = None
) -> PairDecision:
    decision = PairDecision.objects.create(
        programme=programme, mentee=mentee, mentor=mentor, kind=kind, decided_by=actor
    )
    audit.record(
        actor=actor,
        action=f"matching.{kind}ed",
        organisation=programme.owner,
        subject=mentee.employee,
        details={"programme": programme.pk, "mentor": mentor.employee.full_name},
        origin=origin,
    )
    return decision


def undo_decision(*, decision: PairDecision, actor: Any, origin: str | None = None) -> None:
    audit.record(
        actor=actor,
        action="matching.decision_undone",
        organisation=decision.programme.owner,
        subject=decision.mentee.employee,
        details={"programme": decision.programme_id, "mentor": decision.mentor.employee.full_name},
        origin=origin,
    )
    decision.delete()


def swap(
    *, run: MatchingRun, first: ProposedMatch, second: ProposedMatch, actor: Any, origin: str | None = None
) -> None:
    """Give two mentees each other's mentors, as two locks; nothing changes if either breaks a rule."""
    if first.mentor is None or second.mentor is None or first.pk == second.pk:
        raise MatchingRefused("not_two_pairs")
    programme = run.programme
    with transaction.atomic():
        programme.pair_decisions.filter(mentee__in=[first.mentee, second.mentee], kind=PairDecision.LOCK).delete()
        for mentee, mentor in ((first.mentee, second.mentor), (second.mentee, first.mentor)):
            broken = check_pair(programme, mentee, mentor)
            if broken:
                raise MatchingRefused(*broken)
            programme.pair_decisions.filter(mentee=mentee, mentor=mentor).delete()
            save_decision(programme, mentee, mentor, PairDecision.LOCK, actor, origin)


def publish(*, run: MatchingRun, actor: Any, origin: str | None = None) -> list[Match]:
    """The run's pairs become the programme's matches; everyone is told in their language."""
    programme = run.programme
    if run.state != MatchingRun.DONE:
        raise MatchingRefused("not_ready")
    with transaction.atomic():
        Programme.objects.select_for_update().get(pk=programme.pk)  # one publish at a time
        if run.format in phases.published_formats(programme):
            raise MatchingRefused("format_published")
        rows = list(
            run.proposals.filter(mentor__isnull=False).select_related(
                "mentee__employee__user", "mentor__employee__user", "second_mentor__employee__user"
            )
        )
        matched = phases.matched_application_ids(programme)
        if any({r.mentee_id, r.mentor_id, r.second_mentor_id} & matched for r in rows):
            raise MatchingRefused("matched_since")
        matches = Match.objects.bulk_create(
            [
                Match(
                    programme=programme,
                    run=run,
                    mentee=r.mentee,
                    mentor=r.mentor,
                    second_mentor=r.second_mentor,
                    group=r.group,
                    score=r.score,
                )
                for r in rows
            ]
        )
        MatchingRun.objects.filter(pk=run.pk).update(published_at=timezone.now(), published_by=actor)
        audit.record(
            actor=actor,
            action="matching.published",
            organisation=programme.owner,
            details={"programme": programme.pk, "run": run.number, "pairs": len(matches)},
            origin=origin,
        )
        create_from_matches(programme=programme, matches=rows, peer=run.format == Format.PEER, actor=actor)
        tell_participants(programme, rows, peer=run.format == Format.PEER)
    return matches


def tell_participants(programme: Programme, rows: Sequence[ProposedMatch | Match], *, peer: bool = False) -> None:
    """Tell each published pair or group who they are with (a row without a mentor is not published)."""
    published = [(row.mentee, row.mentor, row) for row in rows if row.mentor is not None]
    if peer:
        for mentee, mentor, _row in published:
            for me, other in ((mentee, mentor), (mentor, mentee)):
                notify(
                    user=me.employee.user,
                    template="matched_peer",
                    context={"programme": programme, "peer": other.employee, "me": me.employee},
                    organisation=me.employee.organisation,
                )
        return
    mentees_of: dict[int, list[Any]] = {}
    for mentee, mentor, row in published:
        notify(
            user=mentee.employee.user,
            template="matched_mentee",
            context={"programme": programme, "mentor": mentor.employee, "mentee": mentee.employee},
            organisation=mentee.employee.organisation,
        )
        for leader in filter(None, (mentor, row.second_mentor)):
            mentees_of.setdefault(leader.pk, [leader.employee]).append(mentee.employee)
    for mentor, *mentees in mentees_of.values():
        notify(
            user=mentor.user,
            template="matched_mentor",
            context={"programme": programme, "mentees": mentees, "mentor": mentor},
            organisation=mentor.organisation,
        )


def compare(first: MatchingRun, second: MatchingRun) -> dict[str, Any]:
    """Pairs in both runs, only in the first, only in the second; and the totals side by side."""

    def pairs(run: MatchingRun) -> dict[tuple[int, int | None], ProposedMatch]:
        rows = run.proposals.filter(mentor__isnull=False).select_related("mentee__employee", "mentor__employee")
        return {(row.mentee_id, row.mentor_id): row for row in rows}

    a, b = pairs(first), pairs(second)
    return {
        "common": [a[key] for key in sorted(a.keys() & b.keys())],
        "only_first": [a[key] for key in sorted(a.keys() - b.keys())],
        "only_second": [b[key] for key in sorted(b.keys() - a.keys())],
    }
