"""The hard rules, which no score can outweigh.

Never with oneself; never with one's supervisor or anyone above them; at least one common
language; exclusions in both directions; the programme's rule on other organisations;
mentors who may not mentor (e.g. untrained where training is required) or have no room;
pairs the committee rejected."""

from collections import defaultdict
from collections.abc import Sequence

import numpy as np
from scipy import sparse

from .features import Side
from .participants import Participant, Rules

RULE_CODES = (
    "same_person",
    "mentor_is_manager",
    "no_common_language",
    "excluded",
    "other_organisation",
    "mentor_not_available",
    "rejected",
)


def forbidden_pairs(mentees: Sequence[Participant], mentors: Sequence[Participant], rules: Rules) -> sparse.csr_matrix:
    """Pairs forbidden by the supervisor chain, exclusions and rejections, as a sparse matrix."""
    mentors_of_person: dict[str, list[int]] = defaultdict(list)
    mentor_index = {}
    for j, mentor in enumerate(mentors):
        mentors_of_person[mentor.person].append(j)
        mentor_index[mentor.id] = j
    excluding: dict[str, list[int]] = defaultdict(list)  # person -> mentors who excluded them
    for j, mentor in enumerate(mentors):
        for person in mentor.excluded:
            excluding[person].append(j)
    rejected: dict[str, list[int]] = defaultdict(list)
    for mentee_id, mentor_id in rules.rejected:
        if mentor_id in mentor_index:
            rejected[mentee_id].append(mentor_index[mentor_id])
    rows, cols = [], []
    for i, mentee in enumerate(mentees):
        found = {j for person in mentee.managers | mentee.excluded for j in mentors_of_person.get(person, ())}
        found.update(excluding.get(mentee.person, ()))
        found.update(rejected.get(mentee.id, ()))
        rows.extend([i] * len(found))
        cols.extend(sorted(found))
    data = np.ones(len(rows), dtype=bool)
    return sparse.csr_matrix((data, (rows, cols)), shape=(len(mentees), len(mentors)), dtype=bool)


class Allowed:
    """Which pairs the rules allow, a block of mentees at a time."""

    def __init__(self, mentee_side: Side, mentor_side: Side, forbidden: sparse.csr_matrix, rules: Rules) -> None:
        self.e, self.r, self.forbidden, self.rules = mentee_side, mentor_side, forbidden, rules

    def base(self, rows: np.ndarray, r: Side | None = None) -> np.ndarray:
        """Mentors with room who may mentor, who are not the mentee themselves."""
        r = r or self.r
        available = r.may_mentor & (r.capacity > 0)
        allowed: np.ndarray = available[None, :] & (self.e.person[rows, None] != r.person[None, :])
        return allowed

    def language(self, rows: np.ndarray, r: Side | None = None) -> np.ndarray:
        r = r or self.r
        common: np.ndarray = (self.e.languages[rows, None] & r.languages[None, :]) != 0
        return common

    def organisation(self, rows: np.ndarray, r: Side | None = None) -> np.ndarray:
        r = r or self.r
        if self.rules.cross_organisation:
            return np.ones((len(rows), len(r.person)), dtype=bool)
        same: np.ndarray = self.e.organisation[rows, None] == r.organisation[None, :]
        return same

    def block(self, rows: np.ndarray, columns: np.ndarray | None = None) -> np.ndarray:
        """Allowed pairs of these mentees with every mentor, or with some (columns)."""
        r = self.r if columns is None else self.r.subset(columns)
        mask: np.ndarray = self.base(rows, r) & self.language(rows, r) & self.organisation(rows, r)
        if self.forbidden.nnz:
            forbidden = self.forbidden[rows] if columns is None else self.forbidden[rows][:, columns]
            mask &= ~forbidden.toarray()
        return mask

    def reason_none_allowed(self, row: int) -> str:
        """Why a mentee has no allowed mentor at all: the first rule that alone leaves nobody."""
        rows = np.array([row])
        base = self.base(rows)[0]
        if not base.any():
            return "no_mentors"
        if not (base & self.language(rows)[0]).any():
            return "no_common_language"
        if not (base & self.organisation(rows)[0]).any():
            return "no_mentor_in_organisation"
        return "excluded_by_rules"


def broken_rules(mentee: Participant, mentor: Participant, rules: Rules) -> list[str]:
    """Every hard rule a single pair breaks (for a pair the committee picks by hand)."""
    broken = []
    if mentee.person == mentor.person:
        broken.append("same_person")
    if mentor.person in mentee.managers:
        broken.append("mentor_is_manager")
    if not mentee.languages & mentor.languages:
        broken.append("no_common_language")
    if mentor.person in mentee.excluded or mentee.person in mentor.excluded:
        broken.append("excluded")
    if not rules.cross_organisation and mentee.organisation != mentor.organisation:
        broken.append("other_organisation")
    if not mentor.may_mentor or mentor.capacity <= 0:
        broken.append("mentor_not_available")
    if (mentee.id, mentor.id) in rules.rejected:
        broken.append("rejected")
    return broken
