"""Scores in [0, 1] for mentee–mentor pairs: a weighted sum of criteria, each in [0, 1].

Scores are computed a block of mentees at a time against all mentors, so memory stays
bounded however large the cohort; explanations are made for the pairs someone looks at."""

from collections.abc import Sequence

import numpy as np
from scipy import sparse

from .features import Side, encode, shared_words
from .participants import CRITERIA, Participant, Reason, Weights

EXPERIENCE_GAP_YEARS = 5.0  # traditional mentoring: a gap this large or larger counts in full
EXPLAIN_BATCH = 256
TEXT_SIMILARITY_FULL = 0.5  # n-gram cosine this high counts in full (unrelated texts score about 0.1)
# (mentee mode, mentor mode) -> fit; in person on both sides then depends on the location
DENSE_TEXT_CELLS = 25_000_000  # up to ~100 MB: texts compared by dense products (BLAS) below this
MODE_FIT = np.array([[-1.0, 0.0, -1.0], [0.0, 1.0, 1.0], [-1.0, 1.0, 1.0]], dtype=np.float32)


class Scorer:
    def __init__(
        self,
        mentees: Sequence[Participant],
        mentors: Sequence[Participant],
        weights: Weights | None = None,
        *,
        peer: bool = False,
    ) -> None:
        self.mentees, self.mentors, self.peer = mentees, mentors, peer
        self.weights = (weights or Weights()).normalised()
        self.mentee_side, self.mentor_side, self.matrices = encode(mentees, mentors)
        m = self.matrices
        self.mentee_sizes = {
            name: np.maximum(np.asarray(m[f"{name}_mentee"].sum(axis=1)).ravel(), 1)
            for name in ("themes", "competences")
        }
        self.mentors_t = {
            name: m[f"{name}_mentor"].T.tocsc() for name in ("themes", "competences", "interests", "text")
        }
        self.text_dense = dense_text(m["text_mentee"], m["text_mentor"])

    def criteria(self, rows: np.ndarray, columns: np.ndarray | None = None) -> dict[str, np.ndarray]:
        """Each criterion's value for the given mentees (rows) against every mentor, or some (columns)."""
        e, m = self.mentee_side, self.matrices
        r = self.mentor_side if columns is None else self.mentor_side.subset(columns)

        def overlap(name: str) -> np.ndarray:
            if name == "text" and self.text_dense is not None:
                shared_columns, mentor_vectors = self.text_dense
                chosen = mentor_vectors if columns is None else mentor_vectors[:, columns]
                dense: np.ndarray = m["text_mentee"][rows][:, shared_columns].toarray() @ chosen
                return dense
            mentors = self.mentors_t[name] if columns is None else self.mentors_t[name][:, columns]
            shared: np.ndarray = (m[f"{name}_mentee"][rows] @ mentors).toarray().astype(np.float32)
            return shared

        result = {
            "themes": overlap("themes") / self.mentee_sizes["themes"][rows, None],
            "competences": overlap("competences") / self.mentee_sizes["competences"][rows, None],
            "text": np.minimum(overlap("text") / TEXT_SIMILARITY_FULL, 1.0),
            "interests": np.minimum(overlap("interests") / 2.0, 1.0),
            "experience": self.experience(rows, r),
            "values": self.values(rows, r),
            "unit_profession": self.unit_profession(rows, r),
            "meeting": self.meeting(rows, r),
            "preferred": (e.preferred[rows, None] == r.person[None, :]) & (e.preferred[rows, None] >= 0),
        }
        return {name: np.asarray(value, dtype=np.float32) for name, value in result.items()}

    def scores(self, rows: np.ndarray, columns: np.ndarray | None = None) -> np.ndarray:
        values = self.criteria(rows, columns)
        total = np.zeros((len(rows), len(self.mentors) if columns is None else len(columns)), dtype=np.float32)
        for name in CRITERIA:
            if self.weights[name]:
                total += self.weights[name] * values[name]
        return np.clip(total, 0.0, 1.0)

    def experience(self, rows: np.ndarray, r: Side) -> np.ndarray:
        e = self.mentee_side
        if self.peer:
            closeness: np.ndarray = 1 - np.abs(e.stage[rows, None] - r.stage[None, :]) / 4
            return closeness
        gap: np.ndarray = np.clip((r.experience[None, :] - e.experience[rows, None]) / EXPERIENCE_GAP_YEARS, 0, 1)
        return gap

    def values(self, rows: np.ndarray, r: Side) -> np.ndarray:
        """1 − mean |difference| / 4 over the statements both answered (answers 1–5), as matrix
        products: |a − b| = Σₜ [a > t] xor [b > t] for t = 1…4, so no pairs × statements array."""
        e_answers, r_answers = self.mentee_side.values[rows], r.values
        if e_answers.shape[1] == 0:
            return np.full((len(rows), len(r.person)), 0.5, dtype=np.float32)
        e_known, r_known = ~np.isnan(e_answers), ~np.isnan(r_answers)
        count = e_known.astype(np.float32) @ r_known.T.astype(np.float32)
        total = np.zeros_like(count)
        for t in range(1, 5):
            above_e = (np.nan_to_num(e_answers) > t).astype(np.float32)
            above_r = (np.nan_to_num(r_answers) > t).astype(np.float32)
            total += above_e @ r_known.T + e_known @ above_r.T - 2 * above_e @ above_r.T
        similarity = 1 - total / np.maximum(count, 1) / 4
        return np.where(count > 0, similarity, 0.5)  # nothing to compare: neutral

    def unit_profession(self, rows: np.ndarray, r: Side) -> np.ndarray:
        e = self.mentee_side
        same_unit = (e.unit[rows, None] == r.unit[None, :]) & (e.unit[rows, None] >= 0)
        same_group = (e.profession_group[rows, None] == r.profession_group[None, :]) & (
            e.profession_group[rows, None] >= 0
        )
        close = (same_unit | same_group).astype(np.float32)
        wish = e.cross_unit[rows, None]
        return np.where(wish == 0, close, np.where(wish == 2, 1 - close, 0.5))

    def meeting(self, rows: np.ndarray, r: Side) -> np.ndarray:
        e = self.mentee_side
        fit = MODE_FIT[e.mode[rows, None], r.mode[None, :]]
        known = (e.location[rows, None] >= 0) & (r.location[None, :] >= 0)
        same_place = known & (e.location[rows, None] == r.location[None, :])
        by_place = np.where(same_place, 1.0, np.where(known, 0.25, 0.5))
        return np.where(fit < 0, by_place, fit)

    def explain(self, mentee: int, mentor: int, top: int = 3) -> tuple[float, list[Reason]]:
        """The pair's score and its largest contributions, with the words that made them."""
        return self.explain_pairs([(mentee, mentor)], top)[0]

    def explain_pairs(self, pairs: list[tuple[int, int]], top: int = 3) -> list[tuple[float, list[Reason]]]:
        """Explanations of many pairs: scored a few hundred at a time (the diagonal of a small
        block), since one call per pair would cost more in overhead than in arithmetic."""
        explained = []
        for start in range(0, len(pairs), EXPLAIN_BATCH):
            batch = pairs[start : start + EXPLAIN_BATCH]
            rows = np.array([i for i, _j in batch], dtype=np.int64)
            columns = np.array([j for _i, j in batch], dtype=np.int64)
            diagonal = {name: np.diagonal(v) for name, v in self.criteria(rows, columns).items()}
            for k, (mentee, mentor) in enumerate(batch):
                explained.append(
                    self.reasons(mentee, mentor, {name: float(diagonal[name][k]) for name in CRITERIA}, top)
                )
        return explained

    def reasons(self, mentee: int, mentor: int, values: dict[str, float], top: int) -> tuple[float, list[Reason]]:
        score = float(np.clip(sum(self.weights[n] * values[n] for n in CRITERIA), 0, 1))
        reasons = []
        for name in CRITERIA:
            contribution = self.weights[name] * values[name]
            code = reason_code(name, values[name], self.peer, self.mentees[mentee].cross_unit)
            if contribution > 0 and code:
                reasons.append(Reason(code, round(contribution, 4), self.details(name, mentee, mentor)))
        reasons.sort(key=lambda reason: (-reason.contribution, reason.code))
        return score, reasons[:top]

    def details(self, name: str, mentee: int, mentor: int) -> list[str]:
        e, r = self.mentees[mentee], self.mentors[mentor]
        if name == "themes":
            return sorted(e.themes & r.themes)
        if name == "competences":
            return sorted(e.competences_sought & r.competences_offered)
        if name == "text":
            return shared_words(e.text, r.text)
        if name == "interests":
            return shared_words(e.interests, r.interests)
        if name == "unit_profession" and e.profession_group and e.profession_group == r.profession_group:
            return [e.profession_group]
        if name == "meeting" and e.location and e.location.strip().lower() == r.location.strip().lower():
            return [e.location.strip()]
        return []


def dense_text(mentees: sparse.csr_matrix, mentors: sparse.csr_matrix) -> tuple[np.ndarray, np.ndarray] | None:
    """The n-grams both sides use, and the mentors' vectors over them as a dense matrix, when
    small enough: a dense product is some 50 times faster than a sparse one whose result is
    nearly full (most texts share some n-grams). N-grams only one side uses add nothing."""
    shared = np.flatnonzero((mentees.getnnz(axis=0) > 0) & (mentors.getnnz(axis=0) > 0))
    if not len(shared) or len(shared) * mentors.shape[0] > DENSE_TEXT_CELLS:
        return None
    return shared, np.ascontiguousarray(mentors[:, shared].T.toarray(), dtype=np.float32)


def reason_code(criterion: str, value: float, peer: bool, cross_unit: str) -> str:
    """A reason worth telling people, or "" when the criterion holds only weakly."""
    strong_enough = {"text": 0.4, "values": 0.8, "meeting": 1.0, "experience": 0.5, "unit_profession": 1.0}
    if value <= 0.0 or value < strong_enough.get(criterion, 0.0):
        return ""
    if criterion == "experience":
        return "similar_career_stage" if peer else "experience_gap"
    if criterion == "unit_profession":
        return "other_unit_as_wished" if cross_unit == "preferred" else "same_unit_or_profession"
    return {
        "themes": "shared_themes",
        "competences": "competences_offered",
        "text": "similar_goals_text",
        "values": "similar_values",
        "interests": "shared_interests",
        "meeting": "meeting_fits",
        "preferred": "preferred_mentor",
    }[criterion]
