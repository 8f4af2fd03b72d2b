"""Panels that apps above programmes add to a programme's page (its health and charts, for example)
without the programme page importing them: each app registers its panel when it is ready."""

from collections.abc import Callable
from typing import Any

from .models import Programme

# (membership, programme, whether they coordinate it) -> (template, context) or None for nothing to show
Panel = Callable[[Any, Programme, bool], tuple[str, dict[str, Any]] | None]
PANELS: list[Panel] = []


def register(panel: Panel) -> Panel:
    if panel not in PANELS:
        PANELS.append(panel)
    return panel


def panels_of(membership: Any, programme: Programme, coordinates: bool) -> list[tuple[str, dict[str, Any]]]:
    return [shown for panel in PANELS if (shown := panel(membership, programme, coordinates)) is not None]
