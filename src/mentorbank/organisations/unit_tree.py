from dataclasses import dataclass

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
    """All units depth-first, each with its path, in one query."""
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


def unit_paths(organisation: Organisation) -> dict[int, str]:
    return {node.id: node.path for node in unit_tree(organisation)}
