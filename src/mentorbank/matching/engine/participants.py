"""The engine's typed inputs: participants, criterion weights and the programme's rules."""

from dataclasses import dataclass, field

MEETING_MODES = ("in_person", "remote", "either")
CROSS_UNIT = ("same", "fine", "preferred")


@dataclass(frozen=True)
class Participant:
    """A mentee or a mentor as the engine sees them: plain values, no database objects.

    `person` identifies the human (an employee id): one person may be a mentee and a mentor
    in the same run and is never matched with themselves. `managers` are everyone above the
    person in the supervisor chain; `excluded` are people they must not be matched with."""

    id: str
    person: str
    organisation: str = ""
    unit: str = ""
    profession_group: str = ""
    languages: frozenset[str] = frozenset({"fi"})
    managers: frozenset[str] = frozenset()
    excluded: frozenset[str] = frozenset()
    themes: frozenset[str] = frozenset()
    competences_offered: frozenset[str] = frozenset()
    competences_sought: frozenset[str] = frozenset()
    text: str = ""
    interests: str = ""
    experience_years: int = 0
    career_stage: int = 2  # 0 new … 4 retiring
    values: tuple[int | None, ...] = ()  # answers 1–5 to the same statements, None when unanswered
    meeting_mode: str = "either"
    location: str = ""
    cross_unit: str = "fine"
    preferred_mentor: str = ""  # a person id
    capacity: int = 1  # mentors: how many mentees (or groups)
    may_mentor: bool = True  # False when the programme requires a training this mentor lacks


@dataclass(frozen=True)
class Weights:
    """How much each criterion counts; any non-negative numbers (they are normalised)."""

    themes: float = 3.0
    competences: float = 2.0
    text: float = 2.0
    experience: float = 1.0
    values: float = 2.0
    interests: float = 1.0
    unit_profession: float = 1.0
    meeting: float = 1.0
    preferred: float = 2.0

    def as_dict(self) -> dict[str, float]:
        return {name: float(getattr(self, name)) for name in CRITERIA}

    def normalised(self) -> dict[str, float]:
        weights = self.as_dict()
        if any(value < 0 for value in weights.values()):
            raise ValueError("weights must not be negative")
        total = sum(weights.values())
        if total <= 0:
            raise ValueError("at least one weight must be positive")
        return {name: value / total for name, value in weights.items()}


CRITERIA = (
    "themes",
    "competences",
    "text",
    "experience",
    "values",
    "interests",
    "unit_profession",
    "meeting",
    "preferred",
)


@dataclass(frozen=True)
class Rules:
    """The programme's hard rules beyond those that always hold."""

    cross_organisation: bool = True  # may a mentee be matched with a mentor of another organisation
    peer: bool = False  # peer format: similar career stage scores, not an experience gap
    rejected: frozenset[tuple[str, str]] = frozenset()  # (mentee id, mentor id) the committee rejected
    locked: tuple[tuple[str, str], ...] = ()  # (mentee id, mentor id) the committee locked
    same_profession_groups: bool = False  # groups: all members of one profession group


@dataclass
class Reason:
    """One reason behind a score: a code the app translates and the words it names."""

    code: str
    contribution: float
    details: list[str] = field(default_factory=list)
