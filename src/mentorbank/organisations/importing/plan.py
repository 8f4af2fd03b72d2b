"""The dry-run result shared by both import kinds."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .messages import Message

NEW, CHANGED, UNCHANGED, ERROR = "new", "changed", "unchanged", "error"


@dataclass
class RowResult:
    row: int
    key: str
    status: str = UNCHANGED
    messages: list[Message] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)

    def fail(self, code: str, **params: Any) -> None:
        self.status = ERROR
        self.messages.append(Message(code, **params))

    def to_json(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "key": self.key,
            "status": self.status,
            "messages": [m.to_json() for m in self.messages],
            "changes": self.changes,
        }


@dataclass
class ImportPlan:
    kind: str
    rows: list[RowResult] = field(default_factory=list)
    file_errors: list[Message] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    # Filled by the planner; run by apply() inside a transaction.
    apply_steps: Callable[[Any], None] | None = None

    def counts(self) -> dict[str, int]:
        counts = {NEW: 0, CHANGED: 0, UNCHANGED: 0, ERROR: 0}
        for result in self.rows:
            counts[result.status] += 1
        return counts

    @property
    def is_valid(self) -> bool:
        return not self.file_errors and bool(self.rows) and not any(r.status == ERROR for r in self.rows)

    def to_json(self) -> dict[str, Any]:
        """What the preview page shows; unchanged rows are only counted."""
        return {
            "kind": self.kind,
            "counts": self.counts(),
            "file_errors": [m.to_json() for m in self.file_errors],
            "ignored_columns": self.ignored_columns,
            "rows": [r.to_json() for r in self.rows if r.status != UNCHANGED],
        }


def mark_duplicates(results: list[RowResult], values: list[str], code: str) -> None:
    """Every row whose value appears on another row gets an error naming that row."""
    groups: dict[str, list[tuple[RowResult, str]]] = defaultdict(list)
    for result, value in zip(results, values, strict=True):
        if value:
            groups[value.lower()].append((result, value))
    for group in groups.values():
        if len(group) < 2:
            continue
        for result, value in group:
            other_row = next(other.row for other, _ in group if other is not result)
            result.fail(code, value=value, other_row=other_row)


def find_cycles(parent_of: dict[str, str | None]) -> dict[str, list[str]]:
    """Nodes that lie on a loop of parent links, each with its loop.

    Iterative, so a 40,000-deep chain does not exhaust the stack."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    cycles: dict[str, list[str]] = {}
    for start in parent_of:
        if start in state:
            continue
        path: list[str] = []
        node: str | None = start
        while node is not None and node not in state:
            state[node] = 1
            path.append(node)
            node = parent_of.get(node)
        if node is not None and state.get(node) == 1:
            loop = path[path.index(node) :]
            for member in loop:
                cycles[member] = loop
        for member in path:
            state[member] = 2
    return cycles


def check_required_columns(plan: ImportPlan, columns: list[str], required: list[str], optional: list[str]) -> bool:
    missing = [c for c in required if c not in columns]
    duplicated = sorted({c for c in columns if c and columns.count(c) > 1})
    if missing:
        plan.file_errors.append(Message("missing_columns", columns=", ".join(missing)))
    if duplicated:
        plan.file_errors.append(Message("duplicate_columns", columns=", ".join(duplicated)))
    plan.ignored_columns = [c for c in columns if c and c not in required and c not in optional]
    return not missing and not duplicated
