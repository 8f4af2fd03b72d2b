"""The matching engine: plain Python, no Django. Dataclasses and arrays in, assignments out."""

from .assignment import OBJECTIVES, Problem, Solution, solve, solve_arrays
from .grouping import GroupProposal, ProposedGroup, match_groups, match_peers
from .groups import GroupProblem, GroupSolution, co_mentor_pairs, form_groups, peer_pairs
from .pairing import PAIR_OBJECTIVES, LockError, Proposal, ProposedPair, match_pairs
from .participants import CRITERIA, Participant, Reason, Rules, Weights
from .rules import RULE_CODES, broken_rules
from .scoring import Scorer

__all__ = [
    "CRITERIA",
    "OBJECTIVES",
    "PAIR_OBJECTIVES",
    "RULE_CODES",
    "GroupProblem",
    "GroupProposal",
    "ProposedGroup",
    "match_groups",
    "match_peers",
    "GroupSolution",
    "LockError",
    "Participant",
    "Problem",
    "Proposal",
    "ProposedPair",
    "Reason",
    "Rules",
    "Scorer",
    "Solution",
    "Weights",
    "broken_rules",
    "co_mentor_pairs",
    "form_groups",
    "match_pairs",
    "peer_pairs",
    "solve",
    "solve_arrays",
]
