"""The engine's rules for a programme: its own and its committee's decisions."""

from mentorbank.programmes.models import Programme

from . import engine
from .cohort import Cohort
from .models import PairDecision


def rules_for(programme: Programme, cohort: Cohort | None = None, *, peer: bool = False) -> engine.Rules:
    """The programme's rules and the committee's decisions on people still in the cohort
    (a decision on a withdrawn application must not stop every later run)."""
    present = set(cohort.applications) if cohort is not None else None
    decisions = [
        (str(mentee), str(mentor), kind)
        for mentee, mentor, kind in programme.pair_decisions.values_list("mentee_id", "mentor_id", "kind")
        if present is None or {str(mentee), str(mentor)} <= present
    ]
    return engine.Rules(
        cross_organisation=programme.cross_organisation_pairs,
        peer=peer,
        same_profession_groups=programme.groups_within_profession,
        rejected=frozenset((e, r) for e, r, kind in decisions if kind == PairDecision.REJECT),
        locked=tuple(sorted((e, r) for e, r, kind in decisions if kind == PairDecision.LOCK)),
    )
