"""Panels that apps above the bank add to the top of the bank's page (the mentors recommended by the
matching engine) without the bank importing them: each app registers its panel when it is ready."""

from collections.abc import Callable
from typing import Any

from mentorbank.organisations.models import Employee

# (the viewer, the page's GET parameters) -> (template, context) or None for nothing to show
Panel = Callable[[Employee, Any], tuple[str, dict[str, Any]] | None]
PANELS: list[Panel] = []


def register(panel: Panel) -> Panel:
    if panel not in PANELS:
        PANELS.append(panel)
    return panel


def panels_of(viewer: Employee, query: Any) -> list[tuple[str, dict[str, Any]]]:
    return [shown for panel in PANELS if (shown := panel(viewer, query)) is not None]
