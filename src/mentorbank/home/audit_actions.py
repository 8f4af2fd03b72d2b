"""The audit log in words: every action it records and the details' labels, in the reader's language."""

from django.utils.translation import gettext_lazy as _

from mentorbank.core.models import AuditEvent
from mentorbank.organisations.importing.messages import FIELD_LABELS

# Every action the audit log records, with the words its readers see.
ACTION_LABELS = {
    "auth.signed_in": _("Signed in"),
    "auth.sign_in_failed": _("Failed sign-in"),
    "auth.two_factor_on": _("Turned two-factor sign-in on"),
    "auth.two_factor_off": _("Turned two-factor sign-in off"),
    "privacy.exported": _("Downloaded their own data"),
    "sso.changed": _("Changed the single sign-on settings"),
    "employee.removed": _("Removed a person (anonymised)"),
    "employee.viewed": _("Viewed a person's details"),
    "employee.created": _("Added a person"),
    "employee.updated": _("Changed a person's details"),
    "unit.created": _("Added a unit"),
    "unit.updated": _("Changed a unit"),
    "import.uploaded": _("Uploaded an HR file"),
    "import.applied": _("Imported an HR file"),
    "role.granted": _("Granted a role"),
    "organisation.created": _("Created the organisation"),
    "role.revoked": _("Removed a role"),
    "audit.exported": _("Exported the audit log"),
    "cost.added": _("Added a programme cost"),
    "cost.removed": _("Removed a programme cost"),
    "hourly_costs.changed": _("Changed profession groups' hourly costs"),
    "feedback.answered": _("Marked feedback answered"),
    "programme.created": _("Created a programme"),
    "programme.updated": _("Changed a programme"),
    "programme.state_changed": _("Moved a programme on"),
    "programme.copied": _("Copied a programme"),
    "application.submitted": _("Applied to a programme"),
    "application.updated": _("Changed an application"),
    "application.withdrawn": _("Withdrew an application"),
    "application.decided": _("Decided on participation"),
    "matching.started": _("Ran the matching engine"),
    "matching.locked": _("Locked a proposed pair"),
    "matching.rejected": _("Rejected a proposed pair"),
    "matching.decision_undone": _("Undid a decision on a pair"),
    "matching.published": _("Published the matching"),
    "matching.formed_by_supervisor": _("Formed a pair among their staff"),
    "mentorship.viewed": _("Viewed a mentorship"),
    "agreement.accepted": _("Accepted a mentoring agreement"),
    "agreement.approved": _("Approved a mentoring agreement"),
    "agreement.returned": _("Sent a mentoring agreement back"),
    "mentorship.pause": _("Paused a mentorship"),
    "mentorship.resume": _("Resumed a mentorship"),
    "mentorship.complete": _("Completed a mentorship"),
    "mentorship.end": _("Ended a mentorship early"),
    "mentorship.continued": _("Continued a mentorship for another period"),
    "mentorship.member_added": _("Added a participant to a mentorship"),
    "mentorship.member_left": _("A participant left a mentorship"),
    "meeting.planned": _("Planned mentoring meetings"),
    "meeting.moved": _("Moved a mentoring meeting"),
    "meeting.cancelled": _("Cancelled a mentoring meeting"),
    "meeting.recorded": _("Recorded a held mentoring meeting"),
    "meeting.time_exception": _("Allowed more working time for mentoring"),
    "insight.shared": _("Shared an insight with units"),
    "bank.joined": _("Joined the mentor bank"),
    "bank.profile_updated": _("Changed a mentor profile"),
    "bank.requested": _("Asked a mentor"),
    "bank.answered": _("Answered a mentor request"),
    "bank.cancelled": _("Cancelled a mentor request"),
    "bank.supervisor_decided": _("Decided on a mentor-bank pair"),
    "event.saved": _("Saved a programme event"),
    "event.attendance": _("Recorded attendance"),
    "material.saved": _("Added programme material"),
    "application.imported": _("Imported applications"),
    "guest.asked": _("Wished for a mentor from outside"),
    "guest.decided": _("Decided on a mentor from outside"),
    "guest.answered": _("A guest mentor answered"),
}

# The keys and coded values of an event's details, in the reader's words.
DETAIL_LABELS = {
    "source": _("source"),
    "fields": _("fields"),
    "kind": _("file type"),
    "file": _("file"),
    "batch": _("import number"),
    "new": _("new"),
    "changed": _("changed"),
    "unchanged": _("unchanged"),
    "error": _("errors"),
    "role": _("role"),
    "user": _("person"),
    "email": _("e-mail"),
    "unit": _("unit"),
    "feedback": _("feedback number"),
    "filters": _("filters"),
    "programme": _("programme number"),
    "from_programme": _("copied from programme"),
    "from": _("from"),
    "to": _("to"),
    "by": _("by"),
    "decision": _("decision"),
    "mentor": _("mentor"),
    "attended": _("attended"),
    "run": _("run number"),
    "pairs": _("pairs"),
    "mentorship": _("mentorship number"),
    "version": _("version"),
    "as": _("as"),
    "meetings": _("meetings"),
    "minutes": _("minutes"),
}
DETAIL_VALUES = {
    "import": _("HR import"),
    "api": _("API"),
    "units": _("units"),
    "employees": _("employees"),
    "hr": _("HR coordinator"),
    "admin": _("organisation admin"),
}


def action_label(event: AuditEvent) -> str:
    return str(ACTION_LABELS.get(event.action, event.action))


def details_text(event: AuditEvent) -> str:
    """The details for people: changed fields by name, empty values left out."""
    parts = []
    rank = {key: i for i, key in enumerate(DETAIL_LABELS)}  # jsonb on PostgreSQL reorders keys
    for key, value in sorted(event.details.items(), key=lambda item: rank.get(item[0], len(rank))):
        if value in ("", [], {}, None):
            continue
        if key == "fields":
            value = ", ".join(str(FIELD_LABELS.get(name, name)) for name in value)
        elif isinstance(value, str):
            value = DETAIL_VALUES.get(value, value)
        parts.append(f"{DETAIL_LABELS.get(key, key)}: {value}")
    return "; ".join(parts)
