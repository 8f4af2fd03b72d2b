"""Figures of an organisation's people kept in this process until its people change.

Counting everyone per unit costs in proportion to the organisation's size; the answer changes only
when people or units do. Each is kept under the organisation's `people_version`, which every such
change sets to a new random value (organisations.signals, and the HR import); the version is read
at each use, so no process serves a stale count."""

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from .models import Organisation, random_version

T = TypeVar("T")
KEPT: dict[tuple[Hashable, int, int], Any] = {}
MOST = 1024  # entries kept before starting afresh


def kept(organisation: Organisation, name: Hashable, compute: Callable[[], T]) -> T:
    # the version read afresh (one look-up by key): callers may hold the organisation from earlier
    version = Organisation.objects.filter(pk=organisation.pk).values_list("people_version", flat=True).first()
    key = (name, organisation.pk, version or 0)
    if key not in KEPT:
        if len(KEPT) >= MOST:
            KEPT.clear()
        KEPT[key] = compute()
    result: T = KEPT[key]
    return result


def people_changed(organisation_id: int | None) -> None:
    """Someone or some unit of the organisation was added, changed or removed."""
    if organisation_id is not None:
        Organisation.objects.filter(pk=organisation_id).update(people_version=random_version())
