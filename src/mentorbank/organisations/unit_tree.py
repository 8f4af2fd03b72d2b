from dataclasses import dataclass

from .kept import kept
from .models import Organisation


@dataclass
class UnitNode:
    id: int
    code: str
    name: str
    depth: int
    path: str
    employee_count: int


def unit_tree(organisation: Organisation) -> list[UnitNode]:
    """All units depth-first, each with its path and head count: counted in one query over everyone,
    then kept in this process until the organisation's people or units change (see kept)."""
    return kept(organisation, "unit tree", lambda: counted_tree(organisation))


def counted_tree(organisation: Organisation) -> list[UnitNode]:
    from django.db.models import Count

    units = list(organisation.units.annotate(employee_count=Count("employees")).order_by("name"))
    children: dict[int | None, list] = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit)
    nodes: list[UnitNode] = []
    stack = [(unit, 0, "") for unit in reversed(children.get(None, []))]
    while stack:
        unit, depth, prefix = stack.pop()
        path = f"{prefix} › {unit.name}" if prefix else unit.name
        nodes.append(UnitNode(unit.pk, unit.code, unit.name, depth, path, unit.employee_count))
        stack.extend((child, depth + 1, path) for child in reversed(children.get(unit.pk, [])))
    return nodes


def unit_path(organisation: Organisation, unit_id: int) -> str:
    """One unit's path from the top, from the units alone (counting everyone per unit is for the tree)."""
    parents = {pk: (name, parent) for pk, name, parent in organisation.units.values_list("pk", "name", "parent_id")}
    names: list[str] = []
    current: int | None = unit_id
    while current is not None and current in parents and len(names) <= len(parents):
        name, current = parents[current]
        names.append(name)
    return " › ".join(reversed(names))
