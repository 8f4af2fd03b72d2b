"""Scores in [0, 1] for mentee–mentor pairs: a weighted sum of criteria, each in [0, 1].

Scores are computed a block of mentees at a time against all mentors, so memory stays
bounded however large the cohort; explanations are made for the pairs someone looks at."""

from collections.abc import Callable, Sequence

import numpy as np
from scipy import sparse

from .features import SharedWords, Side, encode
from .participants import CRITERIA, Participant, Reason, Weights

EXPERIENCE_GAP_YEARS = 5.0  # traditional mentoring: a gap this large or larger counts in full
EXPLAIN_BATCH = 256
TEXT_SIMILARITY_FULL = 0.5  # n-gram cosine this high counts in full (unrelated texts score about 0.1)
# (mentee mode, mentor mode) -> fit; in person on both sides then depends on the location
DENSE_CELLS = 25_000_000  # up to ~100 MB a criterion: compared by dense products (BLAS) below this
MEETING_TABLE_SIDE = 2_000  # (modes × places) beyond which meeting fit is computed pair by pair
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
        text_words: dict[str, list[str]] = {}
        self.mentee_side, self.mentor_side, self.matrices = encode(mentees, mentors, text_words)
        m = self.matrices
        self.mentee_sizes = {
            name: np.maximum(np.asarray(m[f"{name}_mentee"].sum(axis=1)).ravel(), 1)
            for name in ("themes", "competences")
        }
        self.mentors_t = {
            name: m[f"{name}_mentor"].T.tocsc() for name in ("themes", "competences", "interests", "text")
        }
        self.shared_words = SharedWords(text_words)
        self.meeting_table = meeting_table(self.mentee_side, self.mentor_side)
        self.dense = {name: dense_overlap(m[f"{name}_mentee"], m[f"{name}_mentor"]) for name in self.mentors_t}

    def criteria(
        self, rows: np.ndarray, columns: np.ndarray | None = None, only: Sequence[str] = ()
    ) -> dict[str, np.ndarray]:
        """Each criterion's value (or only some) for the given mentees (rows) against every mentor,
        or some (columns)."""
        e, m = self.mentee_side, self.matrices
        r = self.mentor_side if columns is None else self.mentor_side.subset(columns)

        def overlap(name: str) -> np.ndarray:
            dense = self.dense[name]
            if dense is not None:
                shared_columns, mentor_vectors = dense
                chosen = mentor_vectors if columns is None else mentor_vectors[:, columns]
                product: np.ndarray = m[f"{name}_mentee"][rows][:, shared_columns].toarray() @ chosen
                return product
            mentors = self.mentors_t[name] if columns is None else self.mentors_t[name][:, columns]
            shared: np.ndarray = (m[f"{name}_mentee"][rows] @ mentors).toarray().astype(np.float32)
            return shared

        sizes = self.mentee_sizes
        compute: dict[str, Callable[[], np.ndarray]] = {
            "themes": lambda: overlap("themes") / sizes["themes"][rows, None].astype(np.float32),
            "competences": lambda: overlap("competences") / sizes["competences"][rows, None].astype(np.float32),
            "text": lambda: np.minimum(overlap("text") * np.float32(1 / TEXT_SIMILARITY_FULL), np.float32(1.0)),
            "interests": lambda: np.minimum(overlap("interests") * np.float32(0.5), np.float32(1.0)),
            "experience": lambda: self.experience(rows, r),
            "values": lambda: self.values(rows, r),
            "unit_profession": lambda: self.unit_profession(rows, r),
            "meeting": lambda: self.meeting(rows, r),
            "preferred": lambda: (e.preferred[rows, None] == r.person[None, :]) & (e.preferred[rows, None] >= 0),
        }
        chosen = [name for name in CRITERIA if name in (only or CRITERIA)]
        return {name: np.asarray(compute[name](), dtype=np.float32) for name in chosen}

    def scores(self, rows: np.ndarray, columns: np.ndarray | None = None) -> np.ndarray:
        values = self.criteria(rows, columns, only=[name for name in CRITERIA if self.weights[name]] or ["themes"])
        total = np.zeros((len(rows), len(self.mentors) if columns is None else len(columns)), dtype=np.float32)
        for name, value in values.items():  # each value is a fresh array: weighted in place
            if self.weights[name]:
                total += np.multiply(value, np.float32(self.weights[name]), out=value)
        return np.clip(total, 0.0, 1.0, out=total)

    def experience(self, rows: np.ndarray, r: Side) -> np.ndarray:
        e = self.mentee_side
        if self.peer:
            closeness: np.ndarray = 1 - np.abs(e.stage[rows, None] - r.stage[None, :]) / 4
            return closeness
        gap: np.ndarray = np.clip((r.experience[None, :] - e.experience[rows, None]) / EXPERIENCE_GAP_YEARS, 0, 1)
        return gap

    def values(self, rows: np.ndarray, r: Side) -> np.ndarray:
        """1 − mean |difference| / 4 over the statements both answered (answers 1–5), as matrix
        products: |a − b| = Σₜ [a > t] xor [b > t] for t = 1…4 = Σₜ aₜ·known_b + known_a·bₜ − 2aₜbₜ,
        one product of stacked columns, so no pairs × statements array."""
        e_answers, r_answers = self.mentee_side.values[rows], r.values
        if e_answers.shape[1] == 0:
            return np.full((len(rows), len(r.person)), 0.5, dtype=np.float32)
        e_known, r_known = (~np.isnan(e_answers)).astype(np.float32), (~np.isnan(r_answers)).astype(np.float32)
        e_above = [(np.nan_to_num(e_answers) > t).astype(np.float32) for t in range(1, 5)]
        r_above = [(np.nan_to_num(r_answers) > t).astype(np.float32) for t in range(1, 5)]
        left = np.hstack([*e_above, *[e_known] * 4, *e_above])
        right = np.hstack([*[r_known] * 4, *r_above, *[-2 * b for b in r_above]])
        count = e_known @ r_known.T
        total = left @ right.T
        similarity = 1 - total / np.maximum(count, 1) / 4
        return np.where(count > 0, similarity, 0.5)  # nothing to compare: neutral

    def unit_profession(self, rows: np.ndarray, r: Side) -> np.ndarray:
        """Same unit or profession group counts for those who wish so, against for those who
        wish another unit, half for the rest: close × slope + base, by the mentee's wish."""
        e = self.mentee_side
        same_unit = (e.unit[rows, None] == r.unit[None, :]) & (e.unit[rows, None] >= 0)
        same_group = (e.profession_group[rows, None] == r.profession_group[None, :]) & (
            e.profession_group[rows, None] >= 0
        )
        close: np.ndarray = (same_unit | same_group).astype(np.float32)
        wish = e.cross_unit[rows]  # 0 same, 1 fine, 2 preferred (other unit); −1 not said: as fine
        slope = np.select([wish == 0, wish == 2], [1.0, -1.0], 0.0).astype(np.float32)
        base = np.select([wish == 0, wish == 2], [0.0, 1.0], 0.5).astype(np.float32)
        close *= slope[:, None]
        close += base[:, None]
        return close

    def meeting(self, rows: np.ndarray, r: Side) -> np.ndarray:
        """How well the ways of meeting fit: looked up in the (mode, place) table when there is one."""
        e = self.mentee_side
        if self.meeting_table is None:
            return meeting_fit(e.mode[rows, None], e.location[rows, None], r.mode[None, :], r.location[None, :])
        table, places = self.meeting_table
        fits: np.ndarray = np.take(
            table[e.mode[rows] * places + e.location[rows] + 1], r.mode * places + r.location + 1, axis=1
        )
        return fits

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
        score = min(max(sum(self.weights[n] * values[n] for n in CRITERIA), 0.0), 1.0)
        told = []
        cross_unit = self.mentees[mentee].cross_unit
        for name in CRITERIA:
            contribution = self.weights[name] * values[name]
            if contribution > 0 and (code := reason_code(name, values[name], self.peer, cross_unit)):
                told.append((round(contribution, 4), code, name))
        told.sort(key=lambda reason: (-reason[0], reason[1]))
        # the words behind a reason only for those told: finding them is most of an explanation's cost
        return score, [Reason(code, size, self.details(name, mentee, mentor)) for size, code, name in told[:top]]

    def details(self, name: str, mentee: int, mentor: int) -> list[str]:
        e, r = self.mentees[mentee], self.mentors[mentor]
        if name == "themes":
            return sorted(e.themes & r.themes)
        if name == "competences":
            return sorted(e.competences_sought & r.competences_offered)
        if name == "text":
            return self.shared_words(e.text, r.text)
        if name == "interests":
            return self.shared_words(e.interests, r.interests)
        if name == "unit_profession" and e.profession_group and e.profession_group == r.profession_group:
            return [e.profession_group]
        if name == "meeting" and e.location and e.location.strip().lower() == r.location.strip().lower():
            return [e.location.strip()]
        return []


def meeting_table(mentees: Side, mentors: Side) -> tuple[np.ndarray, int] | None:
    """Meeting fit of every (mode, place) against every (mode, place), made once per scorer, when
    there are not too many places (people share a few of each); None otherwise."""
    places = int(max(mentees.location.max(initial=-1), mentors.location.max(initial=-1))) + 2
    if 3 * places > MEETING_TABLE_SIDE:
        return None
    modes, locations = np.divmod(np.arange(3 * places), places)
    return meeting_fit(modes[:, None], locations[:, None] - 1, modes[None, :], locations[None, :] - 1), places


def meeting_fit(e_mode: np.ndarray, e_place: np.ndarray, r_mode: np.ndarray, r_place: np.ndarray) -> np.ndarray:
    """Remote fits remote; in person both ways depends on the place (same 1, other 0.25, unknown 0.5)."""
    fit = MODE_FIT[e_mode, r_mode]
    known = (e_place >= 0) & (r_place >= 0)
    same_place = known & (e_place == r_place)
    by_place = np.where(same_place, 1.0, np.where(known, 0.25, 0.5))
    result: np.ndarray = np.where(fit < 0, by_place, fit).astype(np.float32)
    return result


def dense_overlap(mentees: sparse.csr_matrix, mentors: sparse.csr_matrix) -> tuple[np.ndarray, np.ndarray] | None:
    """The columns (n-grams, themes, …) both sides use, and the mentors' vectors over them as a
    dense matrix, when small enough: a dense product is many times faster than a sparse one
    whose result is nearly full (most texts share some n-grams). Columns one side lacks add nothing."""
    shared = np.flatnonzero((mentees.getnnz(axis=0) > 0) & (mentors.getnnz(axis=0) > 0))
    if not len(shared) or len(shared) * mentors.shape[0] > DENSE_CELLS:
        return None
    return shared, np.ascontiguousarray(mentors[:, shared].T.toarray(), dtype=np.float32)


STRONG_ENOUGH = {"text": 0.4, "values": 0.8, "meeting": 1.0, "experience": 0.5, "unit_profession": 1.0}
REASON_CODES = {
    "themes": "shared_themes",
    "competences": "competences_offered",
    "text": "similar_goals_text",
    "values": "similar_values",
    "interests": "shared_interests",
    "meeting": "meeting_fits",
    "preferred": "preferred_mentor",
}


def reason_code(criterion: str, value: float, peer: bool, cross_unit: str) -> str:
    """A reason worth telling people, or "" when the criterion holds only weakly."""
    if value <= 0.0 or value < STRONG_ENOUGH.get(criterion, 0.0):
        return ""
    if criterion == "experience":
        return "similar_career_stage" if peer else "experience_gap"
    if criterion == "unit_profession":
        return "other_unit_as_wished" if cross_unit == "preferred" else "same_unit_or_profession"
    return REASON_CODES[criterion]
