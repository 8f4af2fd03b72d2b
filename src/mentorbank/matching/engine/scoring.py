"""Scores in [0, 1] for mentee–mentor pairs: a weighted sum of criteria, each in [0, 1].

Scores are computed a block of mentees at a time against all mentors, so memory stays
bounded however large the cohort; explanations are made for the pairs someone looks at."""

from collections.abc import Sequence

import numpy as np

from .features import encode, shared_words
from .participants import CRITERIA, Participant, Reason, Weights

EXPERIENCE_GAP_YEARS = 5.0  # traditional mentoring: a gap this large or larger counts in full
TEXT_SIMILARITY_FULL = 0.5  # n-gram cosine this high counts in full (unrelated texts score about 0.1)
# (mentee mode, mentor mode) -> fit; in person on both sides then depends on the location
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

    def criteria(self, rows: np.ndarray) -> dict[str, np.ndarray]:
        """Each criterion's value for the given mentees (rows) against every mentor."""
        e, r, m = self.mentee_side, self.mentor_side, self.matrices

        def overlap(name: str) -> np.ndarray:
            return (m[f"{name}_mentee"][rows] @ self.mentors_t[name]).toarray().astype(np.float32)

        result = {
            "themes": overlap("themes") / self.mentee_sizes["themes"][rows, None],
            "competences": overlap("competences") / self.mentee_sizes["competences"][rows, None],
            "text": np.minimum(overlap("text") / TEXT_SIMILARITY_FULL, 1.0),
            "interests": np.minimum(overlap("interests") / 2.0, 1.0),
            "experience": self.experience(rows),
            "values": self.values(rows),
            "unit_profession": self.unit_profession(rows),
            "meeting": self.meeting(rows),
            "preferred": (e.preferred[rows, None] == r.person[None, :]) & (e.preferred[rows, None] >= 0),
        }
        return {name: np.asarray(value, dtype=np.float32) for name, value in result.items()}

    def scores(self, rows: np.ndarray) -> np.ndarray:
        values = self.criteria(rows)
        total = np.zeros((len(rows), len(self.mentors)), dtype=np.float32)
        for name in CRITERIA:
            if self.weights[name]:
                total += self.weights[name] * values[name]
        return np.clip(total, 0.0, 1.0)

    def experience(self, rows: np.ndarray) -> np.ndarray:
        e, r = self.mentee_side, self.mentor_side
        if self.peer:
            return 1 - np.abs(e.stage[rows, None] - r.stage[None, :]) / 4
        return np.clip((r.experience[None, :] - e.experience[rows, None]) / EXPERIENCE_GAP_YEARS, 0, 1)

    def values(self, rows: np.ndarray) -> np.ndarray:
        e, r = self.mentee_side.values[rows], self.mentor_side.values
        if e.shape[1] == 0:
            return np.full((len(rows), len(self.mentors)), 0.5, dtype=np.float32)
        difference = np.abs(e[:, None, :] - r[None, :, :])
        answered = ~np.isnan(difference)
        count = answered.sum(axis=2)
        total = np.where(answered, difference, 0).sum(axis=2)
        similarity = 1 - total / np.maximum(count, 1) / 4
        return np.where(count > 0, similarity, 0.5)  # nothing to compare: neutral

    def unit_profession(self, rows: np.ndarray) -> np.ndarray:
        e, r = self.mentee_side, self.mentor_side
        same_unit = (e.unit[rows, None] == r.unit[None, :]) & (e.unit[rows, None] >= 0)
        same_group = (e.profession_group[rows, None] == r.profession_group[None, :]) & (
            e.profession_group[rows, None] >= 0
        )
        close = (same_unit | same_group).astype(np.float32)
        wish = e.cross_unit[rows, None]
        return np.where(wish == 0, close, np.where(wish == 2, 1 - close, 0.5))

    def meeting(self, rows: np.ndarray) -> np.ndarray:
        e, r = self.mentee_side, self.mentor_side
        fit = MODE_FIT[e.mode[rows, None], r.mode[None, :]]
        known = (e.location[rows, None] >= 0) & (r.location[None, :] >= 0)
        same_place = known & (e.location[rows, None] == r.location[None, :])
        by_place = np.where(same_place, 1.0, np.where(known, 0.25, 0.5))
        return np.where(fit < 0, by_place, fit)

    def explain(self, mentee: int, mentor: int, top: int = 3) -> tuple[float, list[Reason]]:
        """The pair's score and its largest contributions, with the words that made them."""
        values = {name: float(v[0, mentor]) for name, v in self.criteria(np.array([mentee])).items()}
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
