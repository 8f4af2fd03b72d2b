"""Outcomes side by side: each statement's mean per cohort (programme), for mentees and mentors,
shown only where that cohort's survey has at least the threshold of respondents."""

from collections import defaultdict
from typing import Any

from django.db.models import Avg, Count
from django.utils import translation

from mentorbank.mentorships.models import CheckpointAnswer
from mentorbank.programmes.access import programmes_of
from mentorbank.surveys.models import AUDIENCES, KINDS, Answer, Question, Response
from mentorbank.surveys.results import threshold

from .figures import Filters

KIND_LABELS, AUDIENCE_LABELS = dict(KINDS), dict(AUDIENCES)


def responses(filters: Filters, membership: Any):  # type: ignore[no-untyped-def]
    found = Response.objects.filter(survey__programme__in=programmes_of(membership))
    if filters.programme_id:
        found = found.filter(survey__programme_id=filters.programme_id)
    if filters.unit_id:
        found = found.filter(unit_id=filters.unit_id)
    if filters.profession_group_id:
        found = found.filter(profession_group_id=filters.profession_group_id)
    return found.filter(submitted_on__gte=filters.start, submitted_on__lte=filters.end)


def outcomes(filters: Filters, membership: Any) -> dict[str, Any]:
    """{(kind, audience): {"cohorts": [...], "rows": [(question text, [mean or None per cohort])]}}."""
    chosen = responses(filters, membership)
    sizes = {
        (row["survey__programme_id"], row["survey__kind"], row["survey__audience"]): row["n"]
        for row in chosen.values("survey__programme_id", "survey__kind", "survey__audience").annotate(n=Count("pk"))
    }
    enough = {key for key, n in sizes.items() if n >= threshold()}
    # group by question only (cheap), then look the few questions up
    means = dict(
        Answer.objects.filter(response__in=chosen, scale__isnull=False)
        .values("question_id")
        .annotate(mean=Avg("scale"))
        .values_list("question_id", "mean")
    )
    questions = Question.objects.filter(pk__in=means, kind=Question.SCALE).values(
        "pk", "position", "survey__programme_id", "survey__kind", "survey__audience", "text_fi", "text_sv", "text_en"
    )
    names = dict(programmes_of(membership).values_list("pk", "name_fi"))
    tables: dict[tuple[str, str], dict[str, Any]] = defaultdict(
        lambda: {"cohorts": set(), "rows": defaultdict(dict), "texts": {}}
    )
    for row in questions:
        key = (row["survey__programme_id"], row["survey__kind"], row["survey__audience"])
        if key not in enough:
            continue  # too few respondents in this cohort: not shown at all
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
    return result


def text_of(row: dict[str, Any]) -> str:
    language = (translation.get_language() or "fi")[:2]
    return row.get(f"text_{language}") or row["text_fi"]


def checkpoint_continuation(filters: Filters) -> float | None:
    """Share of checkpoint answers that chose to continue (only with enough answers)."""
    answers = CheckpointAnswer.objects.filter(mentorship__in=filters.mentorships())
    counts = dict(answers.values_list("wants_to_continue").annotate(n=Count("pk")))
    total = sum(counts.values())
    if total < threshold():
        return None
    return round(100 * counts.get(True, 0) / total, 1)
