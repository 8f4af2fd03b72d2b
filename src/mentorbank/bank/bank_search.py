"""Finding mentors in the bank, tolerant of Finnish inflection and compounds.

Finnish words change their endings (johtaminen, johtamisesta, johtamiseen) and
join into compounds (muutosjohtaminen). Each query word is cut to a short stem
and looked for anywhere in a mentor's lower-cased search text, so the stem
"johtam" finds all of these."""

import re
from collections.abc import Iterable

from django.db.models import Count, Q, QuerySet

from mentorbank.bank.models import MentorProfile, MentorRequest
from mentorbank.organisations.models import Employee, Organisation

STEM_LENGTH = 6
WORD = re.compile(r"\w+", re.UNICODE)


def stems(text: str) -> list[str]:
    words = [word for word in WORD.findall(text.lower()) if len(word) >= 2]
    return list(dict.fromkeys(word[:STEM_LENGTH] for word in words))


def search_text_for(profile: MentorProfile) -> str:
    employee = profile.employee
    parts = [
        employee.first_name,
        employee.last_name,
        employee.job_title,
        employee.unit.name,
        employee.profession_group.name if employee.profession_group else "",
        profile.introduction,
        profile.themes,
        *(competence.name for competence in profile.competences.all()),
    ]
    return " ".join(part for part in parts if part).lower()


def partner_organisations(organisation: Organisation) -> QuerySet[Organisation]:
    """Organisations that share at least one programme with this one (a consortium)."""
    return (
        Organisation.objects.filter(
            Q(programmes__participating_organisations=organisation)
            | Q(shared_programmes__owner=organisation)
            | Q(shared_programmes__participating_organisations=organisation)
        )
        .exclude(pk=organisation.pk)
        .distinct()
    )


def visible_profiles(viewer: Employee) -> QuerySet[MentorProfile]:
    """The bank as one employee sees it: their organisation's mentors and the shared
    mentors of partner organisations; never themselves; paused mentors hidden."""
    organisation = viewer.organisation
    partners = list(partner_organisations(organisation).values_list("pk", flat=True))  # few; one small query
    return (
        MentorProfile.objects.listed()
        .filter(
            Q(employee__organisation=organisation)
            | Q(employee__organisation__in=partners, visibility=MentorProfile.SHARED)
        )
        .exclude(employee=viewer)
    )


def search(
    viewer: Employee,
    *,
    text: str = "",
    theme: str = "",
    competence: int | None = None,
    profession_group: str = "",
    language: str = "",
    unit: int | None = None,
    remote: bool = False,
) -> QuerySet[MentorProfile]:
    profiles = visible_profiles(viewer)
    for stem in stems(text):
        profiles = profiles.filter(search_text__contains=stem)
    for stem in stems(theme):
        profiles = profiles.filter(themes__icontains=stem)
    if competence:
        profiles = profiles.filter(competences=competence)
    if profession_group:
        profiles = profiles.filter(employee__profession_group__name=profession_group)
    if language:
        profiles = profiles.filter(employee__languages__contains=language)
    if unit:
        profiles = profiles.filter(employee__unit=unit)
    if remote:
        profiles = profiles.filter(meeting_mode__in=["remote", "either"])
    return (
        profiles.select_related("employee", "employee__unit", "employee__profession_group", "employee__organisation")
        .prefetch_related("competences")
        .order_by("availability", "-last_active_at", "pk")
    )


def attach_load_and_training(profiles: Iterable[MentorProfile]) -> None:
    """Set each shown profile's current load (accepted requests holding capacity) and whether the
    mentor has attended a mentor training, in two queries, instead of per mentor of the bank."""
    profiles = list(profiles)
    counts = dict(
        MentorRequest.objects.holding_capacity()
        .filter(mentor__in=[profile.pk for profile in profiles])
        .values("mentor")
        .annotate(n=Count("pk"))
        .values_list("mentor", "n")
    )
    from mentorbank.events.eventing import trained_employee_ids

    trained = trained_employee_ids([profile.employee_id for profile in profiles])
    for profile in profiles:
        profile.load = counts.get(profile.pk, 0)
        profile.trained = profile.employee_id in trained
