"""Words to the forms that searching and matching compare, in one place: Finnish to its base forms with
Voikko (the morphology of the national spell checkers; compounds also by their parts, so
"muutosjohtaminen" is found by "muutos" and by "johtaminen"), Swedish and English by Snowball stemmers.
Plain Python, no Django: the bank stores a profile's terms when it is saved, and the matching engine
is handed analysed texts.

A text's terms also keep its words as written, so a search for an exact form or a word the dictionary
does not know (a name, "Teams") still finds it."""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import pyvoikko
import Stemmer

LANGUAGES = ("fi", "sv", "en")
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
STEMMERS = {"fi": Stemmer.Stemmer("finnish"), "sv": Stemmer.Stemmer("swedish"), "en": Stemmer.Stemmer("english")}
# the commonest little words of each language, to tell which one a text is in
FUNCTION_WORDS = {
    "fi": {"ja", "on", "olen", "että", "ei", "se", "ovat", "myös", "kanssa", "sekä", "tai", "kun", "niin", "olla",
           "minä", "mutta", "jo", "ole", "oli", "joka", "mitä", "tässä", "kuin", "hyvin", "paljon"},
    "sv": {"och", "att", "jag", "är", "som", "med", "för", "på", "har", "en", "ett", "det", "inte", "av", "till",
           "om", "kan", "vi", "den", "de", "min", "mig", "hur", "gärna", "inom"},
    "en": {"and", "the", "is", "i", "with", "of", "to", "in", "for", "have", "a", "an", "my", "me", "can", "am",
           "are", "it", "on", "as", "this", "be", "help", "from", "at"},
}  # fmt: skip
SHORTEST = 2  # shorter words are not indexed
# A long Finnish base form also stands for its first letters, marked "~", so that words derived from one
# another meet (perehdyttää ~ perehdytys, varhaiskasvatus ~ varhaiskasvattaja); such a match ranks lower.
ROOT_LENGTH = 7


def words(text: str) -> list[str]:
    return [word for word in WORD.findall(text.lower()) if len(word) >= SHORTEST]


def detect(text: str, default: str = "fi") -> str:
    """The language of a text by its little words; `default` (e.g. the organisation's) when none tell."""
    found = words(text)
    scores = {language: sum(word in FUNCTION_WORDS[language] for word in found) for language in LANGUAGES}
    best = max(scores, key=lambda language: scores[language])
    return best if scores[best] else default


@lru_cache(maxsize=100_000)
def finnish_forms(word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A Finnish word's base forms (every reading) and its compounds' parts; ((), ()) when Voikko does
    not know the word."""
    bases: list[str] = []
    parts: list[str] = []
    for analysis in pyvoikko.analyse(word):
        bases.append(analysis.BASEFORM.lower())
        parts += [part.BASEFORM.lower() for part in analysis.COMPOUND_PARTS or ()]
    bases = [b for b in dict.fromkeys(bases) if len(b) >= SHORTEST]
    return tuple(bases), tuple(p for p in dict.fromkeys(parts) if len(p) >= SHORTEST and p not in bases)


def finnish(word: str) -> tuple[str, ...]:
    """Every form a Finnish word stands for: its base forms and its compounds' parts."""
    bases, parts = finnish_forms(word)
    return bases + parts


@lru_cache(maxsize=100_000)
def stem(word: str, language: str) -> str:
    return str(STEMMERS[language].stemWord(word))


def word_terms(word: str, languages: Iterable[str], parts: bool = True) -> tuple[str, ...]:
    """One word's terms: as written, and its base forms or stems in each of `languages` (Finnish by
    Voikko, falling back to the Snowball stemmer for a word the dictionary does not know), with a
    Finnish compound's parts unless `parts` is False."""
    terms = [word]
    for language in languages:
        if language == "fi":
            forms = finnish(word) if parts else finnish_forms(word)[0]
            terms += forms or (stem(word, "fi"),)
        else:
            terms.append(stem(word, language))
    return tuple(dict.fromkeys(term for term in terms if len(term) >= SHORTEST))


def roots(terms: Iterable[str]) -> tuple[str, ...]:
    """The "~" roots of the Finnish base forms among `terms` that are long enough to have one."""
    return tuple(dict.fromkeys(term[:ROOT_LENGTH] + "~" for term in terms if len(term) > ROOT_LENGTH))


def text_terms(text: str, language: str | None = None, default: str = "fi") -> list[str]:
    """A stored text's terms, each once: in its own language (given, or detected), with the roots of
    Finnish base forms."""
    languages = (language or detect(text, default),)
    terms = [term for word in words(text) for term in word_terms(word, languages)]
    if "fi" in languages:
        terms += roots(base for word in words(text) for base in finnish(word))
    return list(dict.fromkeys(terms))


def base_text(text: str, default: str = "fi") -> str:
    """A text as the matching engine compares it: a Finnish text's words by their base forms and their
    compounds' parts (the word itself when the dictionary does not know it); another language's words
    as written (the engine's letter n-grams handle their endings, and its explanations quote them)."""
    if detect(text, default) != "fi":
        return " ".join(words(text))
    return " ".join(form for word in words(text) for form in (finnish(word) or (word,)))


@dataclass(frozen=True)
class Asked:
    """One word of a search: the terms of the whole word in every language (a search box does not say
    which language it is typed in), the parts of a Finnish compound, and the roots of its base forms."""

    word: str
    terms: tuple[str, ...]
    parts: tuple[str, ...]
    roots: tuple[str, ...]


def query_terms(text: str) -> list[Asked]:
    return [
        Asked(word, word_terms(word, LANGUAGES, parts=False), finnish_forms(word)[1], roots(finnish_forms(word)[0]))
        for word in dict.fromkeys(words(text))
    ]


def one_edit_apart(left: str, right: str) -> bool:
    """One letter added, dropped, changed, or two neighbours swapped (Damerau distance 1)."""
    if left == right or abs(len(left) - len(right)) > 1:
        return False
    if len(left) > len(right):
        left, right = right, left
    start = next((k for k, (a, b) in enumerate(zip(left, right, strict=False)) if a != b), len(left))
    if len(left) < len(right):
        return left[start:] == right[start + 1 :]
    if left[start + 1 :] == right[start + 1 :]:
        return True
    swapped = start + 1 < len(left) and left[start] == right[start + 1] and left[start + 1] == right[start]
    return swapped and left[start + 2 :] == right[start + 2 :]
