"""The programme page's panel for its coordinators: the programme's health and its applications and
matches drawn as charts."""

from typing import Any

from django.utils import timezone

from mentorbank.programmes.models import Programme

from .charts import supply_charts
from .figures import Filters, supply_and_demand
from .health import health


def programme_panel(membership: Any, programme: Programme, coordinates: bool) -> tuple[str, dict[str, Any]] | None:
    if not coordinates:
        return None
    today = timezone.localdate()
    start = min(programme.application_opens or today, timezone.localdate(programme.created_at))
    filters = Filters(organisation=membership.organisation, start=start, end=today, programme_id=programme.pk)
    supply = supply_and_demand(filters)
    return "reports/programme_panel.html", {
        "health": health(programme),
        "supply": supply,
        "charts": supply_charts(supply),
    }
