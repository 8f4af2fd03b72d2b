"""The engine's codes in the reader's language."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .engine import CRITERIA

REASONS = {
    "shared_themes": _("Both interested in: {}"),
    "competences_offered": _("The mentor offers what the mentee seeks: {}"),
    "similar_goals_text": _("The goals and the mentor's profile speak of the same things: {}"),
    "experience_gap": _("The mentor has clearly more experience"),
    "similar_career_stage": _("At a similar stage of their careers"),
    "similar_values": _("Similar values and ways of reflecting"),
    "shared_interests": _("Shared interests: {}"),
    "same_unit_or_profession": _("Same unit or profession group, as the mentee wished"),
    "other_unit_as_wished": _("From another unit or profession, as the mentee wished"),
    "meeting_fits": _("Their ways of meeting fit"),
    "preferred_mentor": _("The mentee asked for this mentor"),
}
REASONS_WITHOUT_DETAILS = {
    "shared_themes": _("Shared themes"),
    "competences_offered": _("The mentor offers the competences sought"),
    "similar_goals_text": _("The goals and the mentor's profile speak of the same things"),
    "shared_interests": _("Shared interests"),
}

UNMATCHED = {
    "no_mentors": _("No mentor has room in this programme"),
    "no_common_language": _("No mentor shares a language with the mentee"),
    "no_mentor_in_organisation": _("No mentor from the mentee's own organisation"),
    "excluded_by_rules": _("Every mentor is excluded (supervisor chain, exclusions or the committee's rejections)"),
    "mentors_full": _("All fitting mentors are full"),
}

BROKEN_RULES = {
    "same_person": _("A person cannot mentor themselves."),
    "mentor_is_manager": _("The mentor is the mentee's supervisor or above them."),
    "no_common_language": _("They have no language in common."),
    "excluded": _("One of them asked not to be matched with the other."),
    "other_organisation": _("The programme keeps pairs within each organisation."),
    "mentor_not_available": _("The mentor has no room or has not completed the required training."),
    "rejected": _("The committee has rejected this pair."),
}

CRITERION_LABELS = {
    "themes": _("Themes"),
    "competences": _("Competences sought and offered"),
    "text": _("Goals against the mentor's profile (text)"),
    "experience": _("Experience (gap, or similar stage in peer mentoring)"),
    "values": _("Values and reflection"),
    "interests": _("Interests and hobbies"),
    "unit_profession": _("Unit and profession wishes"),
    "meeting": _("Meeting in person or remotely, and place"),
    "preferred": _("The mentee's preferred mentor"),
}
assert set(CRITERION_LABELS) == set(CRITERIA)


def reason_text(reason: dict) -> str:
    details = reason.get("details") or []
    code = reason["code"]
    if details:
        return str(format_lazy(REASONS[code], ", ".join(details)))
    return str(REASONS_WITHOUT_DETAILS.get(code, REASONS[code]))
