"""Participants encoded as arrays once, so every pair can be scored in blocks with numpy.

Text is compared by character 4-grams of each word (padded with spaces): Finnish inflection
and compounds keep most 4-grams (johtaminen, johtamisesta, muutosjohtaminen share "joht",
"ohta", "htam"), so no stemmer or dictionary is needed."""

import copy
import re
from collections.abc import Callable, Iterable, Sequence

import numpy as np
from scipy import sparse

from .participants import Participant

WORD = re.compile(r"\w+", re.UNICODE)
NGRAM = 4
STEM = 5


def words(text: str) -> list[str]:
    return [word for word in WORD.findall(text.lower()) if len(word) >= 3 and not word.isdigit()]


def stem(word: str) -> str:
    return word[:STEM]


def word_ngrams(word: str) -> list[str]:
    padded = f" {word} "
    return [padded[k : k + NGRAM] for k in range(max(1, len(padded) - NGRAM + 1))]


class Vocabulary:
    """Assigns column numbers to tokens in the order first seen (deterministic)."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def columns(self, tokens: Iterable[str]) -> list[int]:
        return [self.index.setdefault(token, len(self.index)) for token in tokens]


def incidence(rows: Sequence[Iterable[str]], vocabulary: Vocabulary) -> list[list[int]]:
    return [sorted(set(vocabulary.columns(tokens))) for tokens in rows]


def binary_matrix(columns: list[list[int]], width: int) -> sparse.csr_matrix:
    indptr = np.cumsum([0, *(len(c) for c in columns)])
    indices = np.fromiter((k for c in columns for k in c), dtype=np.int64, count=int(indptr[-1]))
    data = np.ones(len(indices), dtype=np.float32)
    return sparse.csr_matrix((data, indices, indptr), shape=(len(columns), max(width, 1)))


def set_matrices(
    left: Sequence[Iterable[str]], right: Sequence[Iterable[str]]
) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    vocabulary = Vocabulary()
    left_columns, right_columns = incidence(left, vocabulary), incidence(right, vocabulary)
    width = len(vocabulary.index)
    return binary_matrix(left_columns, width), binary_matrix(right_columns, width)


def tfidf_matrices(
    left: Sequence[str], right: Sequence[str], words_of: dict[str, list[str]] | None = None
) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    """L2-normalised TF-IDF vectors of character n-grams; their dot product is the cosine.
    People's texts repeat words a great deal, so each distinct word is cut into n-grams once:
    a text's n-gram counts are (its word counts) × (each word's n-grams), a sparse product."""
    ngram_columns = Vocabulary()
    word_rows: dict[str, int] = {}
    word_ngram_columns: list[list[int]] = []
    document_words: list[list[int]] = []
    words_of = {} if words_of is None else words_of  # each text's words, kept for the explanations
    for text in [*left, *right]:
        row = []
        if text not in words_of:
            words_of[text] = words(text)
        for word in words_of[text]:
            if word not in word_rows:
                word_rows[word] = len(word_rows)
                word_ngram_columns.append(ngram_columns.columns(word_ngrams(word)))
            row.append(word_rows[word])
        document_words.append(row)
    width = max(len(ngram_columns.index), 1)
    per_word = occurrences(word_ngram_columns or [[]], width)  # no words at all: one empty row
    counts = (occurrences(document_words, max(len(word_rows), 1)) @ per_word).tocsr()
    counts.sum_duplicates()
    document_frequency = np.bincount(counts.indices, minlength=width)
    idf = np.log((len(document_words) + 1) / (document_frequency + 1)) + 1
    values = ((1 + np.log(counts.data.astype(np.float64))) * idf[counts.indices]).astype(np.float32)
    matrix = sparse.csr_matrix((values, counts.indices, counts.indptr), shape=counts.shape)
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1
    matrix = sparse.diags((1 / norms).astype(np.float32)) @ matrix
    return matrix[: len(left)].tocsr(), matrix[len(left) :].tocsr()


def occurrences(rows: list[list[int]], width: int) -> sparse.csr_matrix:
    """How many times each row holds each column (repeats summed)."""
    matrix = binary_matrix(rows, width)
    matrix.sum_duplicates()
    return matrix


def codes(values: Iterable[str], table: dict[str, int]) -> np.ndarray:
    """Integer codes for strings shared by both sides; the empty string is always -1."""
    return np.array([table.setdefault(v, len(table)) if v else -1 for v in values], dtype=np.int64)


def language_bits(people: Sequence[Participant], table: dict[str, int]) -> np.ndarray:
    bits = np.zeros(len(people), dtype=np.uint64)
    for k, person in enumerate(people):
        for language in person.languages:
            bits[k] |= np.uint64(1) << np.uint64(table.setdefault(language, len(table)) % 64)
    return bits


def value_matrix(people: Sequence[Participant], width: int) -> np.ndarray:
    matrix = np.full((len(people), width), np.nan, dtype=np.float32)
    for k, person in enumerate(people):
        for s, answer in enumerate(person.values[:width]):
            if answer is not None:
                matrix[k, s] = answer
    return matrix


class Side:
    """One side's arrays (mentees or mentors), aligned with the other side's codes."""

    def __init__(self, people: Sequence[Participant], tables: dict[str, dict[str, int]], value_width: int) -> None:
        self.people = people
        self.person = codes((p.person for p in people), tables["person"])
        self.organisation = codes((p.organisation for p in people), tables["organisation"])
        self.unit = codes((p.unit for p in people), tables["unit"])
        self.profession_group = codes((p.profession_group for p in people), tables["profession_group"])
        self.location = codes((p.location.strip().lower() for p in people), tables["location"])
        self.languages = language_bits(people, tables["language"])
        self.mode = codes((p.meeting_mode for p in people), tables["mode"])
        self.cross_unit = codes((p.cross_unit for p in people), tables["cross_unit"])
        self.preferred = codes((p.preferred_mentor for p in people), tables["person"])
        self.experience = np.array([p.experience_years for p in people], dtype=np.float32)
        self.stage = np.array([p.career_stage for p in people], dtype=np.float32)
        self.values = value_matrix(people, value_width)
        self.capacity = np.array([p.capacity for p in people], dtype=np.int64)
        self.may_mentor = np.array([p.may_mentor for p in people], dtype=bool)

    def subset(self, columns: np.ndarray) -> "Side":
        """The same side restricted to some people (for explaining a few pairs cheaply)."""
        part = copy.copy(self)
        for name, value in vars(self).items():
            if isinstance(value, np.ndarray):
                setattr(part, name, value[columns])
        part.people = [self.people[k] for k in columns]
        return part


def encode(
    mentees: Sequence[Participant], mentors: Sequence[Participant], words_of: dict[str, list[str]] | None = None
) -> tuple[Side, Side, dict[str, sparse.csr_matrix]]:
    """Both sides as arrays, and the sparse matrices of their words, themes and competences (the words
    of each goals text are left in `words_of`)."""
    tables: dict[str, dict[str, int]] = {
        name: {} for name in ("person", "organisation", "unit", "profession_group", "location", "language")
    }
    tables["mode"] = {"in_person": 0, "remote": 1, "either": 2}
    tables["cross_unit"] = {"same": 0, "fine": 1, "preferred": 2}
    width = max((len(p.values) for p in [*mentees, *mentors]), default=0)
    mentee_side, mentor_side = Side(mentees, tables, width), Side(mentors, tables, width)
    matrices: dict[str, sparse.csr_matrix] = {}
    pairs: dict[str, tuple[Callable[[Participant], Iterable[str]], Callable[[Participant], Iterable[str]]]] = {
        "themes": (lambda p: p.themes, lambda p: p.themes),
        "competences": (lambda p: p.competences_sought, lambda p: p.competences_offered),
        "interests": (lambda p: {stem(w) for w in words(p.interests)}, lambda p: {stem(w) for w in words(p.interests)}),
    }
    for name, (left, right) in pairs.items():
        matrices[f"{name}_mentee"], matrices[f"{name}_mentor"] = set_matrices(
            [left(p) for p in mentees], [right(p) for p in mentors]
        )
    matrices["text_mentee"], matrices["text_mentor"] = tfidf_matrices(
        [p.text for p in mentees], [p.text for p in mentors], words_of
    )
    return mentee_side, mentor_side, matrices


class SharedWords:
    """Words of one text whose stem also appears in another, longest first (for explanations).
    Each text is read once per instance: a mentor's text meets each of their mentees'."""

    def __init__(self, words_of: dict[str, list[str]] | None = None) -> None:
        self.words_of = words_of if words_of is not None else {}  # texts already read (the n-grams')
        self.stems: dict[str, frozenset[str]] = {}
        self.long_words: dict[str, list[str]] = {}

    def words(self, text: str) -> list[str]:
        found = self.words_of.get(text)
        return found if found is not None else words(text)

    def __call__(self, left: str, right: str, limit: int = 3) -> list[str]:
        right_stems = self.stems.get(right)
        if right_stems is None:
            right_stems = self.stems[right] = frozenset(map(stem, self.words(right)))
        candidates = self.long_words.get(left)
        if candidates is None:
            distinct = {w for w in self.words(left) if len(w) >= 5}
            candidates = sorted(sorted(distinct), key=len, reverse=True)  # stable: equal lengths stay a–z
            self.long_words[left] = candidates
        found = []
        for word in candidates:  # usually a few words in: stemming all of them first cost more
            if stem(word) in right_stems:
                found.append(word)
                if len(found) == limit:
                    break
        return found
