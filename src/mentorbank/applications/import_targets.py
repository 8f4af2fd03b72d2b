"""What a form tool's export can fill in an application: every field, each with the header words
that suggest its column and, for answers chosen from a list, the answer words that suggest each value
(as Microsoft Forms and Webropol write them in Finnish, Swedish and English)."""

import re
from dataclasses import dataclass
from typing import Any

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from mentorbank.programmes.models import Programme

from .models import VALUE_STATEMENTS, Application

ID, TEXT, CHOICE, NUMBER, ITEMS, PEOPLE, LANGUAGES = "id", "text", "choice", "number", "items", "people", "languages"

SCALE = (("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5"))
SCALE_WORDS = {
    "5": ("täysin samaa mieltä", "helt av samma åsikt", "helt enig", "strongly agree"),
    "4": ("jokseenkin samaa mieltä", "osittain samaa mieltä", "delvis av samma åsikt", "delvis enig", "agree"),
    "3": ("en samaa enkä eri mieltä", "ei samaa eikä eri mieltä", "varken eller", "neutral"),
    "2": ("jokseenkin eri mieltä", "osittain eri mieltä", "delvis av annan åsikt", "delvis oenig", "disagree"),
    "1": ("täysin eri mieltä", "helt av annan åsikt", "helt oenig", "strongly disagree"),
}
ANSWER_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "role": {
        "mentor": ("mentor", "mentori", "mentoriksi", "som mentor", "as a mentor"),
        "mentee": ("mentee", "aktori", "aktoriksi", "mentoroitava", "mentoroitavaksi", "adept", "som adept"),
        "both": ("both", "molemmat", "molemmiksi", "båda", "bada", "både och", "båda delarna"),
    },
    "consent": {
        "yes": (
            "yes",
            "y",
            "x",
            "1",
            "true",
            "k",
            "kyllä",
            "kylla",
            "kyllä, hyväksyn",
            "hyväksyn",
            "ja",
            "ja, jag godkänner",
            "jag godkänner",
            "i agree",
        ),
        "no": ("no", "ei", "en hyväksy", "nej"),
    },
    "meeting_mode": {
        "in_person": ("kasvokkain", "lähitapaamiset", "ansikte mot ansikte", "in person"),
        "remote": ("etänä", "etätapaamiset", "på distans", "distans", "remote"),
        "either": ("molemmat käyvät", "kumpi tahansa", "vilket som", "båda går bra", "either"),
    },
    "career_stage": {
        "new": ("uusi työssä", "vasta aloittanut", "ny i arbetet", "new in the job"),
        "early": ("uran alussa", "i början av karriären", "early career"),
        "mid": ("uran keskivaiheilla", "mitt i karriären", "mid career"),
        "senior": ("pitkä kokemus", "lång erfarenhet", "long experience"),
        "retiring": ("eläköityvä", "jäämässä eläkkeelle", "går i pension", "retiring"),
    },
    "cross_unit": {
        "same": ("omasta yksiköstä", "samma enhet", "own unit"),
        "fine": ("käy hyvin", "går bra", "is fine"),
        "preferred": ("mieluummin muualta", "hellre från annan", "prefer another"),
    },
}
LANGUAGE_WORDS = {
    "fi": ("fi", "suomi", "finska", "finnish"),
    "sv": ("sv", "ruotsi", "svenska", "swedish"),
    "en": ("en", "englanti", "engelska", "english"),
}
SEPARATORS = re.compile(r"[;\n]+|,(?!\d)")


@dataclass(frozen=True)
class Target:
    key: str
    label: Any
    kind: str
    words: tuple[str, ...] = ()
    choices: tuple[tuple[str, Any], ...] = ()
    required: bool = False


def targets_of(programme: Programme) -> list[Target]:
    """Every application field, and the programme's own questions."""
    fixed = [
        Target("email", _("Work e-mail"), ID, ("email", "e-mail", "sähköposti", "e-post", "sahkoposti")),
        Target(
            "personal_id", _("Personal ID in the HR system"), ID, ("personal_id", "henkilönumero", "personalnummer")
        ),
        Target(
            "role",
            _("Role (mentor, mentee or both)"),
            CHOICE,
            ("role", "rooli", "roll", "haen", "söker som", "ansöker"),
            tuple(Application.ROLES),
            required=True,
        ),
        Target("goals", _("Goals"), TEXT, ("goals", "tavoitteet", "tavoite", "mål"), required=True),
        Target("themes", _("Themes"), ITEMS, ("themes", "teemat", "teema", "teman", "tema")),
        Target(
            "competences_offered",
            _("Competences offered"),
            ITEMS,
            ("osaamista jota tarjoan", "osaamiseni", "kompetens jag erbjuder", "offer"),
        ),
        Target(
            "competences_sought",
            _("Competences sought"),
            ITEMS,
            ("osaamista jota haen", "haluan oppia", "kompetens jag söker", "seek"),
        ),
        Target("languages", _("Languages"), LANGUAGES, ("languages", "kielet", "kieli", "språk")),
        Target(
            "experience_years", _("Years of experience"), NUMBER, ("experience", "kokemus", "työkokemus", "erfarenhet")
        ),
        Target(
            "career_stage",
            _("Career stage"),
            CHOICE,
            ("career", "uravaihe", "karriär"),
            tuple(Application.CAREER_STAGES),
        ),
        Target(
            "meeting_mode",
            _("Meetings"),
            CHOICE,
            ("meeting", "tapaamiset", "tapaamismuoto", "möten"),
            tuple(Application.MEETING_MODES),
        ),
        Target("location", _("Where I work"), TEXT, ("location", "työpiste", "toimipiste", "arbetsplats")),
        Target("interests", _("Interests and hobbies"), TEXT, ("interests", "harrastukset", "intressen")),
        Target(
            "cross_unit",
            _("Mentor from another unit"),
            CHOICE,
            ("yksiköstä", "enhet", "another unit"),
            tuple(Application.CROSS_UNIT),
        ),
        Target(
            "preferred_mentor",
            _("A mentor I would like (e-mail)"),
            PEOPLE,
            ("toivottu mentori", "önskad mentor", "preferred"),
        ),
        Target(
            "excluded", _("People not to be matched with (e-mails)"), PEOPLE, ("ei parina", "inte som par", "exclude")
        ),
        Target("mentor_capacity", _("Mentor's capacity"), NUMBER, ("capacity", "kapasiteetti", "kapacitet", "montako")),
        Target(
            "consent",
            _("Consent"),
            CHOICE,
            ("consent", "suostumus", "samtycke", "hyväksyn"),
            (("yes", _("Yes")), ("no", _("No"))),
            required=True,
        ),
    ]
    values = [Target(f"value_{key}", statement, CHOICE, (), SCALE) for key, statement in VALUE_STATEMENTS]
    questions = [
        Target(
            f"question_{q.pk}",
            q.text,
            TEXT if q.kind == "text" else CHOICE,
            (q.text.lower()[:40],),
            SCALE if q.kind == "scale" else tuple((c, c) for c in q.choice_list),
            required=q.required,
        )
        for q in programme.questions.all()
    ]
    return fixed + values + questions


def plain(text: str) -> str:
    """Headings compared as words: the file reader joins words with "_" and turns "-" into "_" too."""
    return re.sub(r"[\s_\-]+", " ", text.lower()).strip()


def guess_column(target: Target, columns: list[str]) -> str:
    lowered = [(column, plain(column)) for column in columns]
    if target.key.startswith("value_"):  # the statement itself, in any of our languages, heads the column
        texts = []
        for language in ("fi", "sv", "en"):
            with translation.override(language):
                texts.append(plain(str(target.label))[:30])
        return next((c for c, low in lowered if any(text in low for text in texts)), "")
    words = [plain(word) for word in target.words]
    return next((c for c, low in lowered if any(word in low for word in words)), "")


def guess_answer(target: Target, raw: str) -> str | None:
    """The value code a form tool's answer word means, or None when it is not known."""
    text = raw.strip().lower().rstrip(".")
    if not text:
        return None
    codes = {code for code, _label in target.choices}
    if text in codes:
        return text
    if target.choices == SCALE:
        if text[:1] in codes and (len(text) == 1 or not text[1].isdigit()):
            return text[:1]  # "5 – täysin samaa mieltä"
        return next((code for code, words in SCALE_WORDS.items() if text in words), None)
    for code, label in target.choices:
        if text == str(label).strip().lower():
            return code
    known = ANSWER_WORDS.get(target.key, {})
    return next((code for code, words in known.items() if text in words), None)


def split_items(raw: str) -> list[str]:
    """A multiple-choice answer: Forms writes "a;b;c;", Webropol "a, b" or one per line."""
    return list(dict.fromkeys(part.strip() for part in SEPARATORS.split(raw) if part.strip()))


def language_code(word: str) -> str | None:
    text = word.strip().lower()
    return next((code for code, words in LANGUAGE_WORDS.items() if text in words), None)
