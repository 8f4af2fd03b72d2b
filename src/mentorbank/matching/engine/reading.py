"""The solver's JSON format read straight into arrays: the two million edges of a large problem become
three NumPy arrays by whole-array operations on the file's bytes, with no Python object per edge (the
exact reader, `cli.parse`, took 13 s for them against a 4.6 s solve).

It reads what `cli.parse` accepts and checks the same rules (known and distinct ids, one edge per pair,
scores in [0, 1]). It gives up (None) on anything it does not read exactly — a backslash escape in the
file, an edge not of the form ["mentee", "mentor", number], rankings — and the caller then uses the
exact reader, which also names the problem precisely when the input is wrong."""

import json
from dataclasses import dataclass
from typing import Any

import numpy as np

QUOTE, OPEN, CLOSE = ord('"'), ord("["), ord("]")


@dataclass
class ArrayProblem:
    mentees: list[str]
    mentors: list[str]
    capacities: np.ndarray
    edge_mentee: np.ndarray  # index into mentees
    edge_mentor: np.ndarray  # index into mentors
    scores: np.ndarray
    objective: str


def read(data: bytes) -> ArrayProblem | None:
    if b"\\" in data:
        return None  # escapes would need decoding: the exact reader does that
    span = edges_span(data)
    if span is None:
        return None
    start, end = span
    try:
        rest = json.loads(data[:start] + b"[]" + data[end:])
    except ValueError:
        return None
    if not isinstance(rest, dict) or rest.keys() - {"mentees", "mentors", "edges", "objective"}:
        return None
    mentees, mentors = rest.get("mentees"), rest.get("mentors")
    if not plain_ids(mentees, mentors):
        return None
    edges = edge_arrays(np.frombuffer(data, dtype=np.uint8, count=end - start, offset=start), mentees, mentors)
    if edges is None:
        return None
    capacities = np.fromiter(mentors.values(), dtype=np.int64, count=len(mentors))
    objective = rest.get("objective", "max_matched_then_score")
    return ArrayProblem(mentees, list(mentors), capacities, *edges, objective=objective)


def plain_ids(mentees: Any, mentors: Any) -> bool:
    """Lists and capacities as the exact reader wants them (it explains anything else)."""
    if not isinstance(mentees, list) or not isinstance(mentors, dict) or not mentees:
        return False
    if not all(isinstance(m, str) and m for m in mentees) or len(set(mentees)) != len(mentees):
        return False
    if set(mentees) & mentors.keys() or not all(m for m in mentors):
        return False
    return all(type(c) is int and c >= 0 for c in mentors.values())


def edges_span(data: bytes) -> tuple[int, int] | None:
    """Where the top-level "edges" array begins and ends ([ to ] inclusive), found by the nesting depth
    of every byte outside strings."""
    text = np.frombuffer(data, dtype=np.uint8)
    quotes = text == QUOTE
    inside = (np.cumsum(quotes) - quotes) % 2 == 1  # within a string (its opening quote counts as outside)
    step = np.where(inside, 0, (text == OPEN).astype(np.int8) + (text == ord("{")) - (text == CLOSE) - (text == ord("}")))
    depth = np.cumsum(step, dtype=np.int32)
    at = data.find(b'"edges"')
    while at != -1 and (inside[at] or depth[at] != 1):
        at = data.find(b'"edges"', at + 1)
    if at == -1:
        return None
    start = at + len(b'"edges"')
    while start < len(data) and data[start] in b" \t\r\n:":
        start += 1
    if start >= len(data) or data[start] != OPEN:
        return None
    after = np.flatnonzero(depth[start:] == 1)  # back at the object's own depth: the array's closing ]
    if not len(after):
        return None
    return start, start + int(after[0]) + 1


def edge_arrays(text: np.ndarray, mentees: list[str], mentors: dict[str, int]) -> tuple[np.ndarray, ...] | None:
    """[["mentee", "mentor", score], ...] as index and score arrays, checked."""
    is_quote = text == QUOTE
    outside = (np.cumsum(is_quote) - is_quote) % 2 == 0  # brackets within an id are the id's
    opens, closes = np.flatnonzero((text == OPEN) & outside), np.flatnonzero((text == CLOSE) & outside)
    quotes = np.flatnonzero(is_quote)
    count = len(opens) - 1
    if count <= 0 or len(closes) != count + 1 or len(quotes) != 4 * count:
        return None
    quotes = quotes.reshape(count, 4)
    opens, closes = opens[1:], closes[:-1]
    if not (np.all(opens < quotes[:, 0]) and np.all(quotes[:, 3] < closes) and np.all(closes[:-1] < opens[1:])):
        return None
    if not (only_blank(text, opens + 1, quotes[:, 0]) and separated(text, quotes[:, 1] + 1, quotes[:, 2])):
        return None
    edge_mentee = indices(strings(text, quotes[:, 0] + 1, quotes[:, 1]), mentees)
    edge_mentor = indices(strings(text, quotes[:, 2] + 1, quotes[:, 3]), list(mentors))
    scores = numbers(text, quotes[:, 3] + 1, closes)
    if edge_mentee is None or edge_mentor is None or scores is None:
        return None
    pair = edge_mentee.astype(np.int64) * len(mentors) + edge_mentor
    if len(np.unique(pair)) != count:
        return None  # a repeated pair: the exact reader names it
    return edge_mentee, edge_mentor, scores


def strings(text: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The bytes between each start and end as one fixed-width byte-string array (zero-padded)."""
    width = int((ends - starts).max(initial=1)) or 1
    positions = starts[:, None] + np.arange(width)
    taken = np.where(positions < ends[:, None], text[np.minimum(positions, len(text) - 1)], 0)
    return np.ascontiguousarray(taken.astype(np.uint8)).view(f"S{width}").ravel()


def indices(values: np.ndarray, ids: list[str]) -> np.ndarray | None:
    known = np.array([i.encode() for i in ids], dtype=f"S{max(len(i.encode()) for i in ids)}")
    order = np.argsort(known)
    found = np.searchsorted(known[order], values)
    found = np.minimum(found, len(known) - 1)
    if not np.all(known[order][found] == values):
        return None  # an unknown id
    return order[found].astype(np.int64)


NUMBER_BYTES = np.zeros(256, dtype=bool)
NUMBER_BYTES[list(b"0123456789.eE+- \t\r\n")] = True


def numbers(text: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray | None:
    """The score after each mentor's closing quote: `, 0.75` up to the edge's ]. Only a number's bytes
    may follow the comma (so no NaN, Infinity or 1_0, which JSON has not either)."""
    raw = np.char.strip(strings(text, starts, ends))
    if not np.all(np.char.startswith(raw, b",")):
        return None
    body = np.char.strip(np.char.lstrip(raw, b","))
    matrix = body.view(np.uint8).reshape(len(body), -1)
    if np.any(np.char.str_len(body) == 0) or not np.all(NUMBER_BYTES[matrix] | (matrix == 0)):
        return None
    try:
        scores = body.astype(np.float64)
    except ValueError:
        return None
    if np.any(np.isnan(scores)) or np.any(scores < 0) or np.any(scores > 1):
        return None
    return scores


def only_blank(text: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> bool:
    """Nothing but white space between each start and end."""
    return bool(np.all(np.char.str_len(np.char.strip(strings(text, starts, ends))) == 0))


def separated(text: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> bool:
    """Exactly one comma (and white space) between the two ids."""
    return bool(np.all(np.char.strip(strings(text, starts, ends)) == b","))
