"""Finding mentors in the bank in Finnish, Swedish and English.

A profile's words are analysed once, when it is saved (`core.analysis`: Finnish base forms with Voikko
and compounds by their parts, Swedish and English stems), and stored as space-separated terms: all of
them in `search_text`, the competences' and themes' also in `key_terms`. A search analyses only its own
words and ranks the mentors by how many of them they match, a match in competences and themes first,
an exact one before one by a word's root; a word of five or more letters that no profile has is also
looked for with one letter wrong."""

import operator
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from functools import reduce

from django.core.cache import cache
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from mentorbank.bank.models import MentorProfile, MentorRequest
from mentorbank.core.analysis import LANGUAGES, WORD, one_edit_apart, query_terms, roots, text_terms, word_terms
from mentorbank.organisations.models import Employee, Organisation

TYPO_FROM = 5  # letters: shorter words must be spelt right
# what one query word's match is worth: the whole word in competences and themes, anywhere, all of a
# compound's parts, the root of its base form
IN_KEY, IN_TEXT, BY_PARTS, BY_ROOT = 4, 3, 2, 1


def index_profile(profile: MentorProfile) -> None:
    """Store the profile's analysed terms (on every save of the profile)."""
    profile.search_text, profile.key_terms = terms_of(profile)
    profile.save(update_fields=["search_text", "key_terms"])
    cache.set(VOCABULARY_VERSION, uuid.uuid4().hex, None)  # every process rebuilds its vocabulary


def reindex_all() -> int:
    """Analyse every profile again (a command after a dictionary upgrade); the number analysed."""
    profiles = MentorProfile.objects.select_related(
        "employee__organisation", "employee__unit", "employee__profession_group"
    ).prefetch_related("competences")
    changed = []
    for profile in profiles.iterator(chunk_size=500):
        profile.search_text, profile.key_terms = terms_of(profile)
        changed.append(profile)
    MentorProfile.objects.bulk_update(changed, ["search_text", "key_terms"], batch_size=500)
    cache.set(VOCABULARY_VERSION, uuid.uuid4().hex, None)
    return len(changed)


def terms_of(profile: MentorProfile) -> tuple[str, str]:
    """(all terms, the competences' and themes' terms), each padded with spaces for whole-term matching."""
    employee = profile.employee
    default = employee.organisation.default_language
    names = [employee.first_name, employee.last_name, employee.job_title, employee.unit.name]
    if employee.profession_group:
        names.append(employee.profession_group.name)
    key = [*(c.name for c in profile.competences.all()), profile.themes]
    parts = [(" ".join(names), default), (profile.introduction, None), (" ".join(key), default)]
    every = list(dict.fromkeys(t for text, language in parts for t in text_terms(text, language, default)))
    key_terms = text_terms(" ".join(key), default)
    return f" {' '.join(every)} ", f" {' '.join(key_terms)} "


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
    wanted = asked(text)
    if wanted:
        # the cheap test first (any term anywhere; the count needs nothing more), the score for the order
        profiles = profiles.filter(reduce(operator.or_, (word.anywhere() for word in wanted)))
        profiles = profiles.annotate(relevance=reduce(operator.add, (word.score() for word in wanted)))
    for word in asked(theme):
        profiles = profiles.filter(word.found_in("key_terms"))
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
    order = ("-relevance",) if wanted else ()
    return (
        profiles.select_related("employee", "employee__unit", "employee__profession_group", "employee__organisation")
        .prefetch_related("competences")
        .defer("search_text", "key_terms")  # compared in the database, never shown: not carried through the sort
        .order_by(*order, "availability", "-last_active_at", "pk")
    )


@dataclass(frozen=True)
class AskedWord:
    """One word of a search: the whole word's terms (with any one-letter corrections), a compound's
    parts and its roots."""

    word: str
    terms: tuple[str, ...]
    parts: tuple[str, ...]
    roots: tuple[str, ...]

    def found_in(self, field: str, terms: Iterable[str] | None = None, every: bool = False) -> Q:
        found = [Q(**{f"{field}__contains": f" {t} "}) for t in (terms or self.terms)]
        return reduce(operator.and_ if every else operator.or_, found)

    def anywhere(self) -> Q:
        """Whether a profile matches this word at all: what `score` scores above nothing."""
        found = self.found_in("search_text", (*self.terms, *self.roots))
        return found | self.found_in("search_text", self.parts, every=True) if self.parts else found

    def score(self) -> Case:
        cases = [
            When(self.found_in("key_terms"), then=Value(IN_KEY)),
            When(self.found_in("search_text"), then=Value(IN_TEXT)),
        ]
        if self.parts:
            cases.append(When(self.found_in("search_text", self.parts, every=True), then=Value(BY_PARTS)))
        if self.roots:
            cases.append(When(self.found_in("search_text", self.roots), then=Value(BY_ROOT)))
        return Case(*cases, default=Value(0), output_field=IntegerField())

    def marks(self, word: str) -> bool:
        """Whether a word of a profile is one this search word matched (for highlighting)."""
        found = set(word_terms(word, LANGUAGES))
        return bool(found & {*self.terms, *self.parts}) or bool(set(roots(found)) & set(self.roots))


def asked(text: str) -> list[AskedWord]:
    wanted = query_terms(text)
    known = vocabulary() if any(len(a.word) >= TYPO_FROM for a in wanted) else None
    result = []
    for a in wanted:
        terms = a.terms
        if known is not None and len(a.word) >= TYPO_FROM and not known.has_any((*terms, *a.parts)):
            terms = (*terms, *known.one_edit_from([a.word, *(t for t in terms if len(t) >= TYPO_FROM)]))
        result.append(AskedWord(a.word, terms, a.parts, a.roots))
    return result


VOCABULARY_VERSION = "bank-vocabulary-version"


class Vocabulary:
    """Every term of the bank's profiles, indexed by each term with one letter dropped (symmetric
    deletion), so that the terms one edit from a word are found without comparing it with all."""

    def __init__(self, terms: Iterable[str]) -> None:
        self.terms = {t for t in terms if not t.endswith("~")}
        self.near: dict[str, set[str]] = {}
        for term in self.terms:
            if len(term) >= TYPO_FROM - 1:
                for variant in deletions(term):
                    self.near.setdefault(variant, set()).add(term)

    def has_any(self, terms: Iterable[str]) -> bool:
        return any(t in self.terms for t in terms)

    def one_edit_from(self, asked_words: Iterable[str]) -> list[str]:
        found: set[str] = set()
        for word in asked_words:
            for variant in deletions(word):
                found |= {t for t in self.near.get(variant, ()) if one_edit_apart(word, t)}
        return sorted(found)


def deletions(word: str) -> set[str]:
    return {word, *(word[:k] + word[k + 1 :] for k in range(len(word)))}


_vocabulary: tuple[object, Vocabulary] | None = None


def vocabulary() -> Vocabulary:
    """The bank's vocabulary, rebuilt in this process after any profile was saved anywhere."""
    global _vocabulary
    version = cache.get(VOCABULARY_VERSION)
    if version is None:
        version = uuid.uuid4().hex
        cache.set(VOCABULARY_VERSION, version, None)
    if _vocabulary is None or _vocabulary[0] != version:
        texts = MentorProfile.objects.values_list("search_text", flat=True)
        _vocabulary = (version, Vocabulary(term for text in texts.iterator() for term in text.split()))
    return _vocabulary[1]


SNIPPET = 200  # characters of an introduction shown around a match


def mark_matches(profiles: Iterable[MentorProfile], text: str) -> None:
    """On the profiles a page shows: `marked_competences` and the introduction's `snippet` (its first
    sentence with a match, or empty), with what the search matched marked."""
    wanted = asked(text)
    for profile in profiles:
        profile.marked_competences = highlighted(", ".join(c.name for c in profile.competences.all()), wanted)
        sentences = re.split(r"(?<=[.!?])\s+", profile.introduction)
        hit = next((s for s in sentences if wanted and "<mark>" in highlighted(s, wanted)), "")
        profile.snippet = highlighted(hit[:SNIPPET], wanted) if hit else mark_safe("")  # noqa: S308


def highlighted(text: str, wanted: list[AskedWord]) -> SafeString:
    """`text` with the words the search matched marked (<mark>), everything else escaped."""
    if not wanted:
        return escape(text)
    pieces, last = [], 0
    for match in WORD.finditer(text):
        if any(asked_word.marks(match.group().lower()) for asked_word in wanted):
            pieces += [escape(text[last : match.start()]), f"<mark>{escape(match.group())}</mark>"]
            last = match.end()
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece escaped above


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
