"""Mentors recommended to a mentee in the bank: the matching engine scores the mentors the mentee can
see against the mentee's latest application (or a few words of what they look for), never proposing
one the hard rules forbid — their own supervisor chain, no language in common, no room left."""

from dataclasses import dataclass
from typing import Any

import numpy as np
from django.db.models import Count

from mentorbank.applications.models import Application
from mentorbank.bank.bank_search import search, visible_profiles
from mentorbank.bank.models import MentorProfile, MentorRequest
from mentorbank.core.analysis import base_text, query_terms, text_terms
from mentorbank.organisations.models import Employee
from mentorbank.programmes.models import Competence

from .cohort import manager_chains
from .engine import Participant, Rules, Scorer, broken_rules
from .reasons import reason_text

SHOWN = 5
CANDIDATES = 200
WISH_LENGTH = 300


@dataclass
class Recommendation:
    profile: MentorProfile
    score: float
    reasons: list[str]


def latest_application(viewer: Employee) -> Application | None:
    return (
        Application.objects.filter(employee=viewer, role__in=[Application.MENTEE, Application.BOTH])
        .prefetch_related("themes", "competences_sought", "excluded")
        .order_by("-created_at", "-pk")
        .first()
    )


def named_in(wish: str, organisation: Any) -> frozenset[str]:
    """The organisation's competences the wish names, in any form ("perehdyttämisessä" names
    "Perehdytys"): what the mentee seeks, so the engine can say who offers it."""
    if not wish.strip():
        return frozenset()
    wanted = {t for a in query_terms(wish) for t in (*a.terms, *a.parts, *a.roots)}
    names = Competence.objects.filter(organisation=organisation).values_list("name", flat=True)
    return frozenset(name for name in names if wanted & set(text_terms(name, default="fi")))


def mentee_of(viewer: Employee, application: Application | None, wish: str) -> Participant:
    managers = manager_chains([viewer])[viewer.pk]
    languages = frozenset(viewer.language_list) or frozenset({viewer.organisation.default_language})
    sought = named_in(wish, viewer.organisation)
    if application is None:
        return Participant(
            id="mentee", person=str(viewer.pk), organisation=str(viewer.organisation_id), unit=str(viewer.unit_id),
            languages=languages, managers=managers, competences_sought=sought,
            text=base_text(wish, viewer.organisation.default_language),
        )  # fmt: skip
    return Participant(
        id="mentee",
        person=str(viewer.pk),
        organisation=str(viewer.organisation_id),
        unit=str(viewer.unit_id),
        profession_group=str(viewer.profession_group_id or ""),
        languages=frozenset(application.languages) or languages,
        managers=managers,
        excluded=frozenset(str(e.pk) for e in application.excluded.all()),
        themes=frozenset(t.name for t in application.themes.all()),
        competences_sought=sought | {c.name for c in application.competences_sought.all()},
        text=base_text(f"{application.goals}\n{wish}", viewer.organisation.default_language),
        interests=application.interests,
        experience_years=application.experience_years,
        meeting_mode=application.meeting_mode,
        cross_unit=application.cross_unit,
    )


def mentor_of(profile: MentorProfile, load: int) -> Participant:
    employee = profile.employee
    return Participant(
        id=str(profile.pk),
        person=str(employee.pk),
        organisation=str(employee.organisation_id),
        unit=str(employee.unit_id),
        profession_group=str(employee.profession_group_id or ""),
        languages=frozenset(employee.language_list) or frozenset({employee.organisation.default_language}),
        themes=frozenset(t.strip() for t in profile.themes.split(",") if t.strip()),
        competences_offered=frozenset(c.name for c in profile.competences.all()),
        # the terms stored when the profile was saved: no analysis while the page is built
        text=" ".join(t for t in profile.search_text.split() if not t.endswith("~")),
        meeting_mode=profile.meeting_mode,
        capacity=profile.capacity - load,
    )


def worth_scoring(viewer: Employee, application: Application | None, wish: str) -> list[MentorProfile]:
    """The mentors worth scoring: the bank's search for the mentee's own words (goals, wish, themes and
    competences sought) gives the best CANDIDATES of them, so the engine scores a few hundred, not the
    whole bank; mentors that share no word are only taken when none does."""
    words = [wish]
    if application is not None:
        words += [application.goals, *(t.name for t in application.themes.all())]
        words += [c.name for c in application.competences_sought.all()]
    # defer(None): the stored terms are the mentors' text for the engine
    found = search(viewer, text=" ".join(words)).defer(None).filter(availability=MentorProfile.AVAILABLE)
    chosen = list(found[:CANDIDATES])
    if chosen:
        return chosen
    return list(
        visible_profiles(viewer)
        .filter(availability=MentorProfile.AVAILABLE)
        .select_related("employee__organisation", "employee__unit", "employee__profession_group")
        .prefetch_related("competences")
        .order_by("-last_active_at", "pk")[:CANDIDATES]
    )


def recommended(viewer: Employee, wish: str = "") -> list[Recommendation]:
    """The best-fitting mentors the viewer may ask, best first, each with the engine's reasons; none
    when there is nothing to score against (no application and no wish)."""
    wish = wish[:WISH_LENGTH]
    application = latest_application(viewer)
    if application is None and not wish.strip():
        return []
    profiles = worth_scoring(viewer, application, wish)
    loads = dict(
        MentorRequest.objects.holding_capacity()
        .filter(mentor__in=[p.pk for p in profiles])
        .values_list("mentor")
        .annotate(n=Count("pk"))
    )
    mentee = mentee_of(viewer, application, wish)
    rules = Rules()
    candidates = [
        (profile, mentor)
        for profile in profiles
        if not broken_rules(mentee, mentor := mentor_of(profile, loads.get(profile.pk, 0)), rules)
    ]
    if not candidates:
        return []
    scorer = Scorer([mentee], [mentor for _profile, mentor in candidates])
    scores = scorer.scores(np.array([0]))[0]
    best = [k for k in np.argsort(-scores, kind="stable")[:SHOWN] if scores[k] > 0]
    result = []
    for k in best:
        score, reasons = scorer.explain(0, int(k))
        texts = [reason_text({"code": r.code, "details": r.details}) for r in reasons]
        result.append(Recommendation(candidates[k][0], round(float(score) * 100), texts))
    return result


def recommended_panel(viewer: Employee, query: Any) -> tuple[str, dict[str, Any]] | None:
    """The bank page's "Mentors for you", above the search results when no search is made."""
    if any(query.get(name) for name in ("q", "theme", "competence", "profession_group", "language", "unit", "page")):
        return None
    wish = query.get("wish", "")
    return "matching/recommended_panel.html", {"recommendations": recommended(viewer, wish), "wish": wish[:WISH_LENGTH]}
