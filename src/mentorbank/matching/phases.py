"""A programme is matched in one publish per kind of run: pairs, small groups, co-mentored groups and
peer pairs are each published once, and the people matched by an earlier publish leave later runs."""

from django.db.models import QuerySet

from mentorbank.applications.models import Application
from mentorbank.programmes.formats import RUN_FORMATS, Format
from mentorbank.programmes.models import Programme


def run_formats(programme: Programme) -> list[tuple[str, str]]:
    """The kinds of run the programme's formats call for (pairs for pair and individual mentoring)."""
    wanted = {Format.INDIVIDUAL: Format.PAIR}
    codes = {wanted.get(code, code) for code in programme.formats} or {Format.PAIR}
    return [(code, str(label)) for code, label in RUN_FORMATS if code in codes]


def published_formats(programme: Programme) -> set[str]:
    return set(programme.matching_runs.filter(published_at__isnull=False).values_list("format", flat=True))


def formats_left(programme: Programme) -> list[tuple[str, str]]:
    """The kinds of run still to publish."""
    published = published_formats(programme)
    return [(code, label) for code, label in run_formats(programme) if code not in published]


def fully_published(programme: Programme) -> bool:
    return not formats_left(programme)


def matched_application_ids(programme: Programme) -> set[int]:
    """Applications already in a published match, on either side."""
    ids: set[int] = set()
    for mentee, mentor, second in programme.matches.values_list("mentee_id", "mentor_id", "second_mentor_id"):
        ids.update(pk for pk in (mentee, mentor, second) if pk is not None)
    return ids


def unmatched(applications: QuerySet[Application], programme: Programme) -> QuerySet[Application]:
    return applications.exclude(pk__in=matched_application_ids(programme))
