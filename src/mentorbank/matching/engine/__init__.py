"""The matching engine: plain Python, no Django. Dataclasses and arrays in, assignments out.

Its names are imported from their modules when first used (PEP 562), so that the command-line solver
does not pay for loading the group and pairing solvers it does not use."""

from importlib import import_module
from typing import TYPE_CHECKING, Any

WHERE = {
    "OBJECTIVES": "assignment",
    "Problem": "assignment",
    "Solution": "assignment",
    "solve": "assignment",
    "solve_arrays": "assignment",
    "GroupProposal": "grouping",
    "ProposedGroup": "grouping",
    "match_groups": "grouping",
    "match_peers": "grouping",
    "GroupProblem": "groups",
    "GroupSolution": "groups",
    "co_mentor_pairs": "groups",
    "form_groups": "groups",
    "peer_pairs": "groups",
    "PAIR_OBJECTIVES": "pairing",
    "LockError": "pairing",
    "Proposal": "pairing",
    "ProposedPair": "pairing",
    "match_pairs": "pairing",
    "CRITERIA": "participants",
    "Participant": "participants",
    "Reason": "participants",
    "Rules": "participants",
    "Weights": "participants",
    "RULE_CODES": "rules",
    "broken_rules": "rules",
    "Scorer": "scoring",
}
__all__ = [
    "CRITERIA",
    "GroupProblem",
    "GroupProposal",
    "GroupSolution",
    "LockError",
    "OBJECTIVES",
    "PAIR_OBJECTIVES",
    "Participant",
    "Problem",
    "Proposal",
    "ProposedGroup",
    "ProposedPair",
    "RULE_CODES",
    "Reason",
    "Rules",
    "Scorer",
    "Solution",
    "Weights",
    "broken_rules",
    "co_mentor_pairs",
    "form_groups",
    "match_groups",
    "match_pairs",
    "match_peers",
    "peer_pairs",
    "solve",
    "solve_arrays",
]


def __getattr__(name: str) -> Any:
    if name not in WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{WHERE[name]}", __name__), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:
    from .assignment import OBJECTIVES, Problem, Solution, solve, solve_arrays
    from .grouping import GroupProposal, ProposedGroup, match_groups, match_peers
    from .groups import GroupProblem, GroupSolution, co_mentor_pairs, form_groups, peer_pairs
    from .pairing import PAIR_OBJECTIVES, LockError, Proposal, ProposedPair, match_pairs
    from .participants import CRITERIA, Participant, Reason, Rules, Weights
    from .rules import RULE_CODES, broken_rules
    from .scoring import Scorer
