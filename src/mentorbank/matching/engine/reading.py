"""The solver's JSON format read straight into arrays: the two million edges of a large problem become
three NumPy arrays by whole-array operations on the file's bytes, with no Python object per edge (the
exact reader, `cli.parse`, took 13 s for them against a 4.6 s solve).

It reads what `cli.parse` accepts and checks the same rules (known and distinct ids, one edge per pair,
scores in [0, 1]). It gives up (None) on anything it does not read exactly — a backslash escape in the
file, an edge not of the form ["mentee", "mentor", number], rankings — and the caller then uses the
exact reader, which also names the problem precisely when the input is wrong."""

import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np

QUOTE, OPEN, CLOSE = ord('"'), ord("["), ord("]")
PADDING = 256  # longer ids or numbers are left to the exact reader


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
    """Without escapes a string holds no quote, so `"edges"` in the bytes is the string "edges"; the
    array after it is read as edges, the rest of the file by `json`. Whatever would make that wrong (a
    bracket in an id, "edges" elsewhere, another key) makes one of the checks fail, and the exact reader
    takes over."""
    if b"\\" in data:
        return None  # escapes would need decoding: the exact reader does that
    span = edges_span(data)
    if span is None:
        return None
    start, end = span.start, span.end
    try:
        rest = json.loads(data[:start] + b"[]" + data[end:])
    except ValueError:
        return None
    if not isinstance(rest, dict) or rest.keys() - {"mentees", "mentors", "edges", "objective"}:
        return None
    mentees: list[str] = rest.get("mentees")  # type: ignore[assignment]  # plain_ids checks them
    mentors: dict[str, int] = rest.get("mentors")  # type: ignore[assignment]
    if rest.get("edges") != [] or not plain_ids(mentees, mentors):
        return None
    text = np.zeros(end - start + PADDING, dtype=np.uint8)  # room for `window` at the end
    text[: end - start] = np.frombuffer(data, dtype=np.uint8, count=end - start, offset=start)
    try:
        edges = edge_arrays(text, span, mentees, mentors)
    except ValueError:  # an id or a number longer than PADDING
        return None
    if edges is None:
        return None
    capacities = np.fromiter(mentors.values(), dtype=np.int64, count=len(mentors))
    objective = str(rest.get("objective", "max_matched_then_score"))
    edge_mentee, edge_mentor, scores = edges
    return ArrayProblem(mentees, list(mentors), capacities, edge_mentee, edge_mentor, scores, objective)


def plain_ids(mentees: Any, mentors: Any) -> bool:
    """Lists and capacities as the exact reader wants them (it explains anything else)."""
    if not isinstance(mentees, list) or not isinstance(mentors, dict) or not mentees:
        return False
    if not all(isinstance(m, str) and m for m in mentees) or len(set(mentees)) != len(mentees):
        return False
    if set(mentees) & mentors.keys() or not all(m for m in mentors):
        return False
    return all(type(c) is int and c >= 0 for c in mentors.values())


def edges_span(data: bytes) -> "Span | None":
    """Where the array after `"edges":` begins and ends ([ to ] inclusive): the first ] at which the
    brackets from its [ on are balanced. The brackets and quotes within it are found in one pass."""
    at = data.find(b'"edges"')
    while at != -1:
        start = at + len(b'"edges"')
        while start < len(data) and data[start] in b" \t\r\n":
            start += 1
        if start < len(data) and data[start] == ord(":"):
            start += 1
            while start < len(data) and data[start] in b" \t\r\n":
                start += 1
            if start < len(data) and data[start] == OPEN:
                break
        at = data.find(b'"edges"', at + 1)
    if at == -1:
        return None
    text = np.frombuffer(data, dtype=np.uint8, offset=start)
    marked = text == OPEN
    marked |= text == CLOSE
    marked |= text == QUOTE
    marks = np.flatnonzero(marked)
    del marked
    kinds = text[marks]
    brackets = marks[kinds != QUOTE]
    opening = text[brackets] == OPEN
    closing = np.flatnonzero(np.cumsum(np.where(opening, 1, -1).astype(np.int32)) == 0)
    if not len(closing):
        return None
    last = int(closing[0])
    end = int(brackets[last])
    quotes = marks[(kinds == QUOTE) & (marks < end)]
    return Span(start, start + end + 1, brackets[: last + 1], opening[: last + 1], quotes)


@dataclass
class Span:
    """The edges array: from its [ to its ] (inclusive), and the brackets and quotes within it, counted
    from start."""

    start: int
    end: int
    brackets: np.ndarray
    opening: np.ndarray
    quotes: np.ndarray


def edge_arrays(
    text: np.ndarray, span: Span, mentees: list[str], mentors: dict[str, int]
) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """[["mentee", "mentor", score], ...] (`text` from the span's start) as index and score arrays, checked."""
    body = text[: span.end - span.start]
    opens, closes = span.brackets[span.opening], span.brackets[~span.opening]
    quotes = span.quotes
    count = len(opens) - 1
    if count <= 0 or len(closes) != count + 1 or len(quotes) != 4 * count or ord("{") in body:
        return None
    quotes = quotes.reshape(count, 4)  # a row per edge
    outer = (opens[0], closes[-1])
    opens, closes = opens[1:], closes[:-1]
    if not (np.all(opens < quotes[:, 0]) and np.all(quotes[:, 3] < closes) and np.all(closes[:-1] < opens[1:])):
        return None
    with ThreadPoolExecutor(4) as pool:  # NumPy lets go of the GIL: the columns are read side by side
        layout = pool.submit(laid_out, text, opens, closes, quotes, outer)
        mentee_column = pool.submit(lambda: indices(strings(text, quotes[:, 0] + 1, quotes[:, 1]), mentees))
        mentor_column = pool.submit(lambda: indices(strings(text, quotes[:, 2] + 1, quotes[:, 3]), list(mentors)))
        score_column = pool.submit(numbers, text, quotes[:, 3] + 1, closes)
    if not layout.result():
        return None
    edge_mentee, edge_mentor, scores = mentee_column.result(), mentor_column.result(), score_column.result()
    if edge_mentee is None or edge_mentor is None or scores is None:
        return None
    pairs = edge_mentee * len(mentors) + edge_mentor
    pairs = np.sort(pairs.astype(np.int32) if len(mentees) * len(mentors) < 2**31 else pairs)  # int32 sorts faster
    if np.any(pairs[1:] == pairs[:-1]):
        return None  # a repeated pair: the exact reader names it
    return edge_mentee, edge_mentor, scores


def laid_out(
    text: np.ndarray, opens: np.ndarray, closes: np.ndarray, quotes: np.ndarray, outer: tuple[int, int]
) -> bool:
    """Between the quotes and brackets there is only what the format puts there."""
    return (
        only_blank(text, opens + 1, quotes[:, 0])  # [ "mentee"
        and separated(text, quotes[:, 1] + 1, quotes[:, 2])  # "mentee" , "mentor"
        and separated(text, closes[:-1] + 1, opens[1:])  # ] , [
        and only_blank(text, np.array([outer[0] + 1, closes[-1] + 1]), np.array([opens[0], outer[1]]))
    )


def window(text: np.ndarray, starts: np.ndarray, ends: np.ndarray, spare: int = 0) -> np.ndarray:
    """The bytes between each start and end as the rows of a matrix, zero after each row's end (and in
    `spare` more columns). `text` ends with PADDING zero bytes (read adds them)."""
    lengths = ends - starts
    width = max(int(lengths.max(initial=1)), 1) + spare
    if width > PADDING:
        raise ValueError("too long")
    if width <= NARROW:  # a column at a time: for the gaps between ids, faster than a 2-D gather
        windows = np.empty((len(starts), width), dtype=np.uint8)
        for column in range(width):
            windows[:, column] = text[starts + column]
    else:
        windows = np.lib.stride_tricks.sliding_window_view(text, width)[starts]
    if int(lengths.min(initial=width)) < width:
        windows *= np.arange(width, dtype=np.int32) < lengths[:, None]  # zero after each row's end
    return windows


NARROW = 4


def strings(text: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The same as one fixed-width byte-string array."""
    matrix = window(text, starts, ends)
    return np.ascontiguousarray(matrix).view(f"S{matrix.shape[1]}").ravel()


def indices(values: np.ndarray, ids: list[str]) -> np.ndarray | None:
    """The position of each value among `ids`; None when one is not there. Ids of at most eight bytes
    are compared as integers (several times faster than as byte strings)."""
    width = max(values.dtype.itemsize, *(len(i.encode()) for i in ids))
    known = np.array([i.encode() for i in ids], dtype=f"S{width}")
    values = values.astype(f"S{width}")
    if width <= 8:
        known = np.ascontiguousarray(known.astype("S8")).view("<u8")
        values = np.ascontiguousarray(values.astype("S8")).view("<u8")
    order = np.argsort(known)
    found = np.minimum(np.searchsorted(known[order], values), len(known) - 1)
    if not np.all(known[order][found] == values):
        return None  # an unknown id
    return order[found].astype(np.int64)


BLANK = np.zeros(256, dtype=bool)
BLANK[list(b" \t\r\n\0")] = True  # white space, and the zeros after a row's end
NUMBER_OR_BLANK = BLANK.copy()
NUMBER_OR_BLANK[list(b"0123456789.eE+-")] = True
COMMA, MINUS, DOT, ZERO = ord(","), ord("-"), ord("."), ord("0")


def numbers(text: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray | None:
    """The score after each mentor's closing quote: `, 0.75` up to the edge's ]. Only a number's bytes
    may follow the comma (so no NaN, Infinity or 1_0, which JSON has not either)."""
    matrix = window(text, starts, ends, spare=2)  # two zero bytes after every number: see json_form
    rows = np.arange(len(matrix))
    filled = ~BLANK[matrix]
    comma = np.argmax(filled, axis=1)  # each row's first byte that is not white space
    if not np.all(matrix[rows, comma] == COMMA):
        return None
    matrix[rows, comma] = ord(" ")
    filled[rows, comma] = False
    if not np.all(NUMBER_OR_BLANK[matrix]) or not json_form(matrix, np.argmax(filled, axis=1)):
        return None
    try:
        scores = as_floats(np.ascontiguousarray(matrix).view(f"S{matrix.shape[1]}").ravel())
    except ValueError:  # also a row of white space only: no number at all
        return None
    if np.any(np.isnan(scores)) or np.any(scores < 0) or np.any(scores > 1):
        return None
    return scores


def json_form(matrix: np.ndarray, start: np.ndarray) -> bool:
    """What a float conversion accepts and JSON does not: a leading + or dot, a dot without a digit on
    both sides (.5, 1., 1.e3) and leading zeros (01, -00.5). The rest of JSON's grammar (a sign only
    first or after e, one dot, one number per row) the conversion itself enforces. `start` is where
    each row's number begins; the row's first byte was its comma and its last two are zeros, so the
    bytes looked at beside a digit or a dot are inside the row."""
    flat = matrix.ravel()
    row = np.arange(0, matrix.size, matrix.shape[1])

    def digit(at: np.ndarray) -> np.ndarray:
        is_digit: np.ndarray = (flat[row + at] - ZERO) < 10  # uint8: the bytes below "0" wrap around
        return is_digit

    whole = start + (flat[row + start] == MINUS)  # the integer part's first digit
    if not np.all(digit(whole)) or np.any((flat[row + whole] == ZERO) & digit(whole + 1)):
        return False
    dot = np.argmax(matrix == DOT, axis=1)  # a second dot in a row the conversion refuses
    has_dot = flat[row + dot] == DOT
    return bool(np.all(~has_dot | (digit(dot - 1) & digit(dot + 1))))


def as_floats(texts: np.ndarray) -> np.ndarray:
    """The numbers' texts as floats, a block at a time: NumPy holds the GIL while it converts text, so
    one call for two million numbers would stop the reader's other threads for its whole length."""
    scores = np.empty(len(texts), dtype=np.float64)
    for at in range(0, len(texts), FLOAT_BLOCK):
        scores[at : at + FLOAT_BLOCK] = texts[at : at + FLOAT_BLOCK].astype(np.float64)
    return scores


FLOAT_BLOCK = 20_000


def only_blank(text: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> bool:
    """Nothing but white space between each start and end."""
    return bool(np.all(BLANK[window(text, starts, ends)]))


def separated(text: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> bool:
    """Exactly one comma (and white space) between the two ids."""
    matrix = window(text, starts, ends)
    commas = matrix == COMMA
    return bool(np.all(commas.sum(axis=1) == 1) and np.all(BLANK[matrix] | commas))
