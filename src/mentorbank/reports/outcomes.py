"""Outcomes side by side: each statement's mean per cohort (programme), for mentees and mentors,
shown only where that cohort's survey has at least the threshold of respondents."""

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from django.db.models import Avg, Count, Q
from django.utils import translation
from django.utils.translation import gettext as _

from mentorbank.mentorships.models import CheckpointAnswer
from mentorbank.organisations.models import Unit
from mentorbank.programmes.access import programmes_of
from mentorbank.surveys.models import AUDIENCES, KINDS, Answer, Question, Response
from mentorbank.surveys.results import Cell, cell, threshold, visible

from .figures import Filters

KIND_LABELS, AUDIENCE_LABELS = dict(KINDS), dict(AUDIENCES)


def responses(filters: Filters, membership: Any):
    """Answers of the organisation's own staff (by the unit they were in); of every organisation taking
    part only in the programmes the organisation owns, and only when asked for the whole programme."""
    own_staff = Q(unit_id__in=Unit.objects.filter(organisation=filters.organisation).values("pk"))
    if filters.whole_programme:
        own_staff |= Q(survey__programme__owner=filters.organisation)
    found = Response.objects.filter(own_staff, survey__programme__in=programmes_of(membership))
    if filters.programme_id:
        found = found.filter(survey__programme_id=filters.programme_id)
    if filters.unit_id:
        found = found.filter(unit_id=filters.unit_id)
    if filters.profession_group_id:
        found = found.filter(profession_group_id=filters.profession_group_id)
    return found.filter(submitted_on__gte=filters.start, submitted_on__lte=filters.end)


def outcomes(filters: Filters, membership: Any) -> dict[str, Any]:
    """{"cohorts": [{"title", "cohorts": [...], "rows": [(statement, [mean or None per cohort])]}],
    "audiences": [mentees beside mentors per kind of survey]}."""
    chosen = responses(filters, membership)
    cells = cells_by_cohort(responses(replace(filters, unit_id=None, profession_group_id=None), membership))
    sizes = sizes_within(cells, filters.unit_id, filters.profession_group_id)
    enough = {key for key in sizes if visible(cells[key], filters.unit_id, filters.profession_group_id)}
    # group by question only (cheap), then look the few questions up
    answered = {
        row["question_id"]: (row["mean"], row["n"])
        for row in Answer.objects.filter(response__in=chosen, scale__isnull=False)
        .values("question_id")
        .annotate(mean=Avg("scale"), n=Count("pk"))
    }
    means = {pk: mean for pk, (mean, _n) in answered.items()}
    questions = Question.objects.filter(pk__in=means, kind=Question.SCALE).values(
        "pk", "position", "survey__programme_id", "survey__kind", "survey__audience", "text_fi", "text_sv", "text_en"
    )
    names = dict(programmes_of(membership).values_list("pk", "name_fi"))
    tables: dict[tuple[str, str], dict[str, Any]] = defaultdict(
        lambda: {"cohorts": set(), "rows": defaultdict(dict), "texts": {}}
    )
    shown = []
    for row in questions:
        key = (row["survey__programme_id"], row["survey__kind"], row["survey__audience"])
        if key not in enough:
            continue  # too few respondents in this cohort: not shown at all, not even merged with others
        shown.append(row)
        table = tables[(key[1], key[2])]
        table["cohorts"].add(key[0])
        table["rows"][row["position"]][key[0]] = round(means[row["pk"]], 2)
        table["texts"].setdefault(row["position"], row)
    result = {}
    for (kind, audience), table in sorted(tables.items()):
        cohorts = sorted(table["cohorts"])
        rows = [
            (text_of(table["texts"][position]), [table["rows"][position].get(c) for c in cohorts])
            for position in sorted(table["rows"])
        ]
        result[(kind, audience)] = {
            "title": f"{KIND_LABELS[kind]} – {AUDIENCE_LABELS[audience]}",
            "cohorts": [names.get(c, str(c)) for c in cohorts],
            "rows": rows,
        }
    return {"cohorts": list(result.values()), "audiences": by_audience(shown, answered, sizes, enough)}


def sizes_within(
    cells: Mapping[tuple[int, str, str], Mapping[Cell, int]], unit_id: int | None, group_id: int | None
) -> dict[tuple[int, str, str], int]:
    """Respondents per (programme, kind of survey, audience) within the unit and profession group asked
    for (everyone when neither): the cells' counts added up, so they need no read of their own."""
    return {
        key: size
        for key, counts in cells.items()
        if (
            size := sum(
                n for (unit, group), n in counts.items() if unit_id in (None, unit) and group_id in (None, group)
            )
        )
    }


def cells_by_cohort(found: Any) -> dict[tuple[int, str, str], dict[Cell, int]]:
    """Each cohort's respondents per (unit, profession group), for complementary suppression."""
    cells: dict[tuple[int, str, str], dict[Cell, int]] = defaultdict(dict)
    rows = found.values_list(
        "survey__programme_id", "survey__kind", "survey__audience", "unit_id", "profession_group_id"
    ).annotate(n=Count("pk"))
    for programme, kind, audience, unit, group, n in rows.order_by():
        cells[(programme, kind, audience)][cell(unit, group)] = n
    return cells


def parents_of(filters: Filters) -> list[Filters]:
    """The same filters without the unit, without the profession group, and without both."""
    if not (filters.unit_id or filters.profession_group_id):
        return []
    parents = [replace(filters, unit_id=None, profession_group_id=None)]
    if filters.unit_id and filters.profession_group_id:
        parents += [replace(filters, unit_id=None), replace(filters, profession_group_id=None)]
    return parents


def by_audience(shown: Sequence[Mapping[str, Any]], answered: dict, sizes: dict, enough: set) -> list[dict[str, Any]]:
    """Mentees beside mentors, per kind of survey: the statements both were asked (matched by their
    Finnish text) and the mean of all statements, over the cohorts shown above."""
    tables = []
    for kind, kind_label in KINDS:
        sums: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0])
        texts: dict[str, Any] = {}
        for row in shown:
            if row["survey__kind"] != kind:
                continue
            mean, n = answered[row["pk"]]
            for key in ((row["text_fi"], row["survey__audience"]), ("", row["survey__audience"])):
                sums[key][0] += mean * n
                sums[key][1] += n
            texts.setdefault(row["text_fi"], row)
        respondents = {
            audience: sum(n for key, n in sizes.items() if key in enough and key[1:] == (kind, audience))
            for audience, _label in AUDIENCES
        }
        if not all(respondents.values()):
            continue  # one side has no cohort with enough respondents: nothing to compare

        def mean_of(text: str, audience: str, sums: dict = sums) -> float | None:
            total, n = sums.get((text, audience), (0.0, 0))
            return round(total / n, 2) if n else None

        rows = [(str(_("All statements")), [mean_of("", a) for a, _label in AUDIENCES])]
        rows += [
            (text_of(texts[text]), [mean_of(text, a) for a, _label in AUDIENCES])
            for text in sorted(texts)
            if all(mean_of(text, a) is not None for a, _label in AUDIENCES)
        ]
        tables.append(
            {
                "title": str(kind_label),
                "audiences": [str(label) for _a, label in AUDIENCES],
                "respondents": [respondents[a] for a, _label in AUDIENCES],
                "rows": rows,
            }
        )
    return tables


def text_of(row: dict[str, Any]) -> str:
    language = (translation.get_language() or "fi")[:2]
    return row.get(f"text_{language}") or row["text_fi"]


def checkpoint_continuation(filters: Filters) -> float | None:
    """Share of checkpoint answers that chose to continue (only with enough answers, and when no
    smaller rest of a parent group could be worked out from it)."""
    answers = CheckpointAnswer.objects.filter(mentorship__in=filters.mentorships())
    counts = dict(answers.values_list("wants_to_continue").annotate(n=Count("pk")))
    total = sum(counts.values())
    parents = [
        CheckpointAnswer.objects.filter(mentorship__in=parent.mentorships()).count() for parent in parents_of(filters)
    ]
    if total < threshold() or any(0 < parent - total < threshold() for parent in parents):
        return None  # too few, or a parent group's small rest could be worked out from it
    return round(100 * counts.get(True, 0) / total, 1)
