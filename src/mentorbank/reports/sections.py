"""The report's sections: each builds its figures for the filters and lays them out as tables for the
CSV and XLSX downloads and the API. Survey figures come only from groups of at least the threshold."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mentorbank.mentorships.models import Insight
from mentorbank.surveys.results import threshold

from .costs import costs
from .figures import Filters, activity, coverage, endings, supply_and_demand
from .outcomes import checkpoint_continuation, outcomes

Table = tuple[str, list[str], list[list[Any]]]


@dataclass(frozen=True)
class Section:
    slug: str
    title: Promise
    build: Callable[[Filters, Any, Any], dict[str, Any]]  # (filters, membership, page or None for all)
    tables: Callable[[dict[str, Any]], list[Table]]


def coverage_tables(data: dict[str, Any]) -> list[Table]:
    headers = [_("Name"), _("Staff"), _("Took part"), _("Share (%)")]
    return [
        (
            _("Coverage"),
            [_("Staff"), _("Took part"), _("Share (%)")],
            [[data["staff"], data["taking_part"], data["share"]]],
        ),
        *(
            (title, headers, [[r["name"], r["staff"], r["taking_part"], r["share"]] for r in data[key]])
            for key, title in (("unit", _("By unit")), ("profession_group", _("By profession group")))
        ),
        (
            _("Over time"),
            [_("Month"), _("Took part by the end of the month"), _("Share (%)")],
            [[r["month"].strftime("%Y-%m"), r["taking_part"], r["share"]] for r in data["over_time"]],
        ),
    ]


def supply_tables(data: dict[str, Any]) -> list[Table]:
    labels = {
        "mentee_applications": _("Mentee applications"),
        "mentor_applications": _("Mentor applications"),
        "matched": _("Mentees matched"),
        "matched_share": _("Mentees matched (%)"),
        "days_to_match": _("Days from application to match (mean)"),
        "mentor_load": _("Mentees per mentor (mean)"),
    }
    return [(_("Supply and demand"), [_("Figure"), _("Value")], [[labels[k], data[k]] for k in labels])]


def activity_tables(data: dict[str, Any]) -> list[Table]:
    by_role = data["hours_by_role"]
    return [
        (_("Mentorships by state"), [_("State"), _("Mentorships")], [[str(label), n] for label, n in data["by_state"]]),
        (
            _("Activity"),
            [_("Figure"), _("Value")],
            [
                [_("Meetings held"), data["meetings_held"]],
                [_("Hours of working time"), data["hours"]],
                *[[_("Hours of working time: %(role)s") % {"role": r["role"]}, r["hours"]] for r in by_role],
                [_("Substitutes' hours"), data["substitute_hours"]],
                [_("Training days"), data["training_days"]["days"]],
                [_("Length of a training day (minutes)"), data["training_days"]["day_minutes"]],
            ],
        ),
        *(
            (
                title,
                [_("Name"), _("People"), _("Hours"), _("Training days")],
                [[r["name"], r["people"], r["hours"], r["days"]] for r in data["training_days"][key]],
            )
            for key, title in (
                ("unit", _("Training days by unit")),
                ("profession_group", _("Training days by profession group")),
            )
        ),
        (
            _("Working time by programme"),
            [_("Programme"), _("Limit"), _("Hours"), _("People"), _("Hours per person"), _("Extra hours allowed")],
            [
                [r["programme"], r["limit"], r["hours"], r["people"], r["hours_per_person"], r["extra_hours_allowed"]]
                for r in data["working_time"]
            ],
        ),
    ]


def cost_tables(data: dict[str, Any]) -> list[Table]:
    valued = [_("Profession group"), _("Hours"), _("Hourly cost (€)"), _("Value (€)")]
    return [
        (
            _("Costs entered"),
            [_("Kind"), _("Amount (€)")],
            [[str(r["kind"]), r["amount"]] for r in data["entered"]["rows"]],
        ),
        (
            _("Mentor compensation"),
            [_("Programme"), _("Amount (€)")],
            [[r["programme"], r["amount"]] for r in data["compensation"]["rows"]],
        ),
        *(
            (title, valued, [[r["group"], r["hours"], r["hourly_cost"], r["value"]] for r in data[key]["rows"]])
            for key, title in (("working_time", _("Working time")), ("substitutes", _("Substitutes")))
        ),
        (
            _("Working time by role in the mentorship"),
            [_("Role"), _("Hours"), _("Value (€)")],
            [[str(r["role"]), r["hours"], r["value"]] for r in data["working_time"]["by_role"]],
        ),
        (
            _("Total"),
            [_("Total (€)"), _("People"), _("Per person (€)")],
            [[data["total"], data["people"], data["per_person"]]],
        ),
    ]


def build_outcomes(filters: Filters, membership: Any, page: Any = None) -> dict[str, Any]:
    return {
        **outcomes(filters, membership),
        "continuation": checkpoint_continuation(filters),
        "endings": endings(filters),
        "threshold": threshold(),
    }


def outcome_tables(data: dict[str, Any]) -> list[Table]:
    tables = [
        (t["title"], [_("Statement"), *t["cohorts"]], [[text, *means] for text, means in t["rows"]])
        for t in data["cohorts"]
    ]
    tables += [
        (
            _("%(survey)s: mentees and mentors") % {"survey": t["title"]},
            [_("Statement"), *t["audiences"]],
            [[_("Respondents"), *t["respondents"]], *([text, *means] for text, means in t["rows"])],
        )
        for t in data["audiences"]
    ]
    tables.append((_("Checkpoint"), [_("Chose to continue (%)")], [[data["continuation"]]]))
    ended = data["endings"]
    tables.append(
        (
            _("How mentorships ended"),
            [_("Ran their course"), _("Ended early"), _("Ran their course (%)"), _("Ended early (%)")],
            [[ended["completed"], ended["ended_early"], ended["completed_share"], ended["ended_early_share"]]],
        )
    )
    return tables


INSIGHTS_PER_PAGE = 25


def insights(filters: Filters, membership: Any, page: Any = None) -> dict[str, Any]:
    """Ideas and development proposals the participants shared with their units, without names;
    a page of them, or all when `page` is None."""
    low, high = filters.bounds()
    found = (
        # shared by the staff in the period: joins, not a subquery of every mentorship of the organisation
        Insight.objects.filter(
            filters.mentorship_q("mentorship__"), filters.staff_q("author__"), created_at__gte=low, created_at__lt=high
        )
        .prefetch_related("units")
        .order_by("-created_at", "-pk")
    )
    if page is None:
        return {"page": None, "rows": [insight_row(i) for i in found]}
    paged = Paginator(found, INSIGHTS_PER_PAGE).get_page(page)
    return {"page": paged, "rows": [insight_row(i) for i in paged]}


def insight_row(insight: Insight) -> dict[str, Any]:
    return {
        "date": insight.created_at.date(),
        "text": insight.text,
        "units": ", ".join(sorted(u.name for u in insight.units.all())),
        "discussed": insight.discussed_at is not None,
    }


def insight_tables(data: dict[str, Any]) -> list[Table]:
    return [
        (
            _("Shared insights"),
            [_("Date"), _("Idea or development proposal"), _("Units"), _("Discussed")],
            [[r["date"], r["text"], r["units"], _("yes") if r["discussed"] else _("no")] for r in data["rows"]],
        )
    ]


SECTIONS = {
    s.slug: s
    for s in (
        Section("coverage", gettext_lazy("Coverage"), lambda f, m, page: coverage(f), coverage_tables),
        Section("supply", gettext_lazy("Supply and demand"), lambda f, m, page: supply_and_demand(f), supply_tables),
        Section("activity", gettext_lazy("Activity"), lambda f, m, page: activity(f), activity_tables),
        Section("costs", gettext_lazy("Costs"), lambda f, m, page: costs(f), cost_tables),
        Section("outcomes", gettext_lazy("Outcomes"), build_outcomes, outcome_tables),
        Section("insights", gettext_lazy("Shared insights"), insights, insight_tables),
    )
}
