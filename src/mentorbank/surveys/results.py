"""A survey's results without exposing anyone: figures only for groups of at least
SURVEY_MIN_RESPONDENTS respondents (never fewer than 3), also in exports.

A group smaller than that (e.g. one unit's answers) is not shown at all; the whole survey's
figures appear only when the whole survey reaches the threshold. Nor is a group whose parent (the
same without its unit or profession filter) would leave a smaller rest to work out by subtraction."""

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Count, F
from django.db.models.functions import Mod

from mentorbank.core.downloads import csv_text, xlsx_bytes

from .models import Answer, Question, Response, Survey


def threshold() -> int:
    return max(3, int(settings.SURVEY_MIN_RESPONDENTS))


@dataclass
class QuestionResult:
    question: Question
    answered: int
    distribution: dict[int, int] = field(default_factory=dict)  # scale value -> count
    mean: float | None = None
    texts: list[str] = field(default_factory=list)


@dataclass
class SurveyResult:
    survey: Survey
    respondents: int
    shown: bool  # False: too few respondents in this group; nothing else is filled in
    hidden_because: str = ""  # "too_few", or "rest": shown, it would reveal a smaller rest by subtraction
    questions: list[QuestionResult] = field(default_factory=list)


TEXTS_SHOWN = 200


def written_sample(answers: Any) -> list[str]:
    """At most TEXTS_SHOWN written answers in a fixed shuffled order: not the order they came in
    (which could tell who wrote what), and the same on every visit."""
    shuffled = answers.annotate(place=Mod(F("pk") * 7919, 1_000_003)).order_by("place", "pk")
    return list(shuffled.values_list("text", flat=True)[:TEXTS_SHOWN])


Cell = tuple[object, object]  # (unit id, profession group id); "-" for an answer without one


def cell(unit: int | None, group: int | None) -> Cell:
    return (unit if unit is not None else "-", group if group is not None else "-")


def cells_of(responses: Any) -> dict[Cell, int]:
    """Respondents per (unit, profession group): every figure a filter could show is a sum of these."""
    found = responses.values_list("unit_id", "profession_group_id").annotate(n=Count("pk")).order_by()
    return {cell(unit, group): n for unit, group, n in found}


def members(cells: dict[Cell, int], unit: int | None, group: int | None) -> frozenset[Cell]:
    return frozenset(
        c for c, n in cells.items() if n and (unit is None or c[0] == unit) and (group is None or c[1] == group)
    )


def visible(cells: dict[Cell, int], unit: int | None = None, group: int | None = None) -> bool:
    return why_hidden(cells, unit, group) is None


def why_hidden(cells: dict[Cell, int], unit: int | None = None, group: int | None = None) -> str | None:
    """Whether the figures of the group a unit and profession group filter chooses may be shown: it has
    at least the threshold of respondents, and no larger group a reader can also choose leaves a rest
    beside it of fewer than the threshold, to be worked out by subtraction (complementary suppression:
    the smaller of the two is hidden). A larger group holding this one is the same filter with the unit
    or the profession group dropped, or a unit or profession group that happens to hold all of it."""
    mine = members(cells, unit, group)
    size = sum(cells[c] for c in mine)
    if size < threshold():
        return "too_few"
    units, groups = {c[0] for c in mine}, {c[1] for c in mine}
    unit_views: list[Any] = [None, *(units if len(units) == 1 and "-" not in units else ())]
    group_views: list[Any] = [None, *(groups if len(groups) == 1 and "-" not in groups else ())]
    for other_unit in unit_views:
        for other_group in group_views:
            rest = sum(cells[c] for c in members(cells, other_unit, other_group) - mine)
            if 0 < rest < threshold():
                return "rest"
    return None


def results(survey: Survey, *, unit_id: int | None = None, profession_group_id: int | None = None) -> SurveyResult:
    everyone = Response.objects.filter(survey=survey)
    hidden = why_hidden(cells_of(everyone), unit_id, profession_group_id)
    if hidden:
        return SurveyResult(survey, 0, False, hidden_because=hidden)  # not even the exact small number is told
    responses = everyone
    if unit_id is not None:
        responses = responses.filter(unit_id=unit_id)
    if profession_group_id is not None:
        responses = responses.filter(profession_group_id=profession_group_id)
    respondents = responses.count()
    answers = Answer.objects.filter(response__in=responses)
    counts: dict[int, dict[int, int]] = {}
    scales = answers.filter(scale__isnull=False).values_list("question_id", "scale").annotate(n=Count("pk"))
    for question_id, scale, n in scales:
        if scale is not None:  # kept out by the filter; this tells the type checker
            counts.setdefault(question_id, {})[scale] = n
    written = answers.exclude(text="")
    text_counts = dict(written.values_list("question_id").annotate(n=Count("pk")).order_by())
    texts = {
        question.pk: written_sample(written.filter(question=question))
        for question in survey.questions.all()
        if question.kind == Question.TEXT and text_counts.get(question.pk)
    }
    rows = []
    for question in survey.questions.all():
        distribution = {value: counts.get(question.pk, {}).get(value, 0) for value in range(1, 6)}
        total = sum(distribution.values())
        mean = round(sum(v * n for v, n in distribution.items()) / total, 2) if total else None
        answered = total if question.kind == Question.SCALE else text_counts.get(question.pk, 0)
        rows.append(QuestionResult(question, answered, distribution, mean, texts.get(question.pk, [])))
    return SurveyResult(survey, respondents, True, questions=rows)


HEADERS = ["question", "answered", "1", "2", "3", "4", "5", "mean"]


def table(result: SurveyResult) -> list[list[object]]:
    if not result.shown:
        return []
    return [
        [r.question.text, r.answered, *(r.distribution[v] for v in range(1, 6)), r.mean]
        for r in result.questions
        if r.question.kind == Question.SCALE
    ]


def as_csv(result: SurveyResult) -> str:
    return csv_text(HEADERS, table(result))


def as_xlsx(result: SurveyResult) -> bytes:
    return xlsx_bytes("results", HEADERS, table(result))
