"""The report sections' charts, drawn from the same figures as their tables (so a group hidden for
having too few respondents is missing from the chart too), each with a summary in words."""

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mentorbank.core.charts import Bar, Chart, Point, bar_chart, line_chart, number


def coverage_charts(data: dict[str, Any]) -> dict[str, Chart]:
    months = data["over_time"]
    if not months:
        return {}
    first, last = months[0], months[-1]
    summary = _(
        "%(first)s %% of the staff had taken part by the end of %(first_month)s, %(last)s %% by %(last_month)s."
    )
    return {
        "over_time": line_chart(
            "coverage-over-time",
            _("Coverage over time"),
            summary
            % {
                "first": number(first["share"]),
                "first_month": month(first["month"]),
                "last": number(last["share"]),
                "last_month": month(last["month"]),
            },
            [Point(month(row["month"]), row["share"]) for row in months],
            _("Share of staff (%)"),
            _("Month"),
        )
    }


def month(value: Any) -> str:
    return value.strftime("%m/%Y")


def supply_charts(data: dict[str, Any]) -> dict[str, Chart]:
    mentees, mentors, matched = data["mentee_applications"], data["mentor_applications"], data["matched"]
    summary = ngettext(
        "%(mentees)s mentee application and %(mentors)s mentor applications; %(matched)s mentees matched.",
        "%(mentees)s mentee applications and %(mentors)s mentor applications; %(matched)s mentees matched.",
        mentees,
    ) % {"mentees": mentees, "mentors": mentors, "matched": matched}
    if not mentees + mentors:
        return {}
    charts = {
        "supply": bar_chart(
            "supply-and-demand",
            _("Applications and matches"),
            summary,
            [
                Bar(_("Mentee applications"), mentees),
                Bar(_("Mentor applications"), mentors),
                Bar(_("Mentees matched"), matched),
            ],
            _("Applications"),
        )
    }
    if matched:
        waits = data["waits"]
        most = max(waits, key=lambda row: row["mentees"])
        charts["waits"] = bar_chart(
            "time-to-match",
            _("Time from application to match"),
            _("Most mentees were matched: %(band)s (%(mentees)s of %(matched)s).")
            % {"band": most["band"].lower(), "mentees": most["mentees"], "matched": matched},
            [Bar(row["band"], row["mentees"]) for row in waits],
            _("Mentees matched"),
        )
    return charts


def activity_charts(data: dict[str, Any]) -> dict[str, Chart]:
    states = [(str(label), n) for label, n in data["by_state"]]
    busiest = max(states, key=lambda row: row[1])
    charts = {}
    if busiest[1]:  # no mentorships: the table says so, a chart of zeros would not
        charts["states"] = bar_chart(
            "mentorships-by-state",
            _("Mentorships by state"),
            _("Most mentorships were %(state)s (%(n)s of %(total)s).")
            % {"state": busiest[0].lower(), "n": busiest[1], "total": sum(n for _label, n in states)},
            [Bar(label, n) for label, n in states],
            _("Mentorships"),
        )
    rows = data["working_time"]
    if rows:
        used, allowed = _("Used per person"), _("The most the limit allows")
        bars = []
        for row in rows:
            bars.append(Bar(row["programme"], row["hours_per_person"], used))
            if row["limit_hours_in_period"] is not None:
                bars.append(Bar(row["programme"], row["limit_hours_in_period"], allowed))
        charts["working_time"] = bar_chart(
            "working-time-against-limit",
            _("Working time per person against the limit, in the period"),
            "; ".join(limit_summary(row) for row in rows) + ".",
            bars,
            _("Hours"),
        )
    return charts


def limit_summary(row: dict[str, Any]) -> str:
    values = {"programme": row["programme"], "used": number(row["hours_per_person"])}
    if row["limit_hours_in_period"] is None:
        return _("%(programme)s: %(used)s h per person, no limit") % values
    return _("%(programme)s: %(used)s h per person of the %(allowed)s h allowed") % {
        **values,
        "allowed": number(row["limit_hours_in_period"]),
    }


def cost_charts(data: dict[str, Any]) -> dict[str, Any]:
    """The costs by kind (each kind entered, the compensation, the valued working time and substitutes),
    as a chart and as the rows of its table."""
    parts = [(str(row["kind"]), row["amount"]) for row in data["entered"]["rows"]]
    parts += [
        (label, data[key]["total"])
        for key, label in (
            ("compensation", _("Mentor compensation")),
            ("working_time", _("Working time")),
            ("substitutes", _("Substitutes")),
        )
        if data[key]["total"]
    ]
    if not parts:
        return {}
    largest = max(parts, key=lambda part: part[1])
    summary = _("%(total)s € in all; the largest part %(kind)s, %(amount)s €.") % {
        "total": number(float(data["total"])),
        "kind": largest[0].lower(),
        "amount": number(float(largest[1])),
    }
    bars = [Bar(label, round(float(amount), 2)) for label, amount in parts]
    return {"kinds": bar_chart("costs-by-kind", _("Costs by kind"), summary, bars, _("Euros")), "kind_rows": parts}


def outcome_charts(data: dict[str, Any]) -> dict[str, Any]:
    """Each table of the section with its chart: {"audiences": [(table, chart)], "cohorts": [(table, chart
    or None where there is one cohort only)]}."""
    return {
        "audiences": charted(data["audiences"], "audiences", _("%(survey)s: mentees and mentors"), least=1),
        "cohorts": charted(data["cohorts"], "cohorts", _("%(survey)s: cohorts side by side"), least=2),
    }


def charted(tables: list[dict[str, Any]], groups: str, title: str, least: int) -> list[tuple[dict[str, Any], Any]]:
    """Each table beside its means chart (of its `groups` side by side), or None with fewer than `least`."""
    return [
        (
            table,
            means_chart(f"outcomes-{groups}-{k}", title % {"survey": table["title"]}, table[groups], table["rows"])
            if len(table[groups]) >= least
            else None,
        )
        for k, table in enumerate(tables)
    ]


def means_chart(key: str, title: str, groups: list[str], rows: list[tuple[str, list[Any]]]) -> Chart:
    """Each statement's mean (1–5) for each group beside each other; a missing mean draws no bar."""
    bars = [
        Bar(text, mean, group)
        for text, means in rows
        for group, mean in zip(groups, means, strict=True)
        if mean is not None
    ]
    overall = [
        _("%(group)s %(mean)s") % {"group": group, "mean": number(round(sum(found) / len(found), 2))}
        for k, group in enumerate(groups)
        if (found := [means[k] for _text, means in rows if means[k] is not None])
    ]
    summary = _("Mean of the statements: %(means)s.") % {"means": ", ".join(overall)}
    return bar_chart(key, title, summary, bars, _("Mean (1–5)"), domain_max=5)


CHARTS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "coverage": coverage_charts,
    "supply": supply_charts,
    "activity": activity_charts,
    "costs": cost_charts,
    "outcomes": outcome_charts,
}


def charts_of(slug: str, data: dict[str, Any]) -> dict[str, Any]:
    """The charts of a section by name, for its template."""
    build = CHARTS.get(slug)
    return build(data) if build else {}
