from django.utils.translation import gettext_lazy as _

# Every action the audit log records, with the words its readers see.
ACTION_LABELS = {
    "auth.signed_in": _("Signed in"),
    "auth.sign_in_failed": _("Failed sign-in"),
    "employee.viewed": _("Viewed a person's details"),
    "employee.created": _("Added a person"),
    "employee.updated": _("Changed a person's details"),
    "unit.created": _("Added a unit"),
    "unit.updated": _("Changed a unit"),
    "import.uploaded": _("Uploaded an HR file"),
    "import.applied": _("Imported an HR file"),
    "role.granted": _("Granted a role"),
    "role.revoked": _("Removed a role"),
    "audit.exported": _("Exported the audit log"),
    "feedback.answered": _("Marked feedback answered"),
    "programme.created": _("Created a programme"),
    "programme.updated": _("Changed a programme"),
    "programme.state_changed": _("Moved a programme on"),
    "programme.copied": _("Copied a programme"),
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
}
DETAIL_VALUES = {
    "import": _("HR import"),
    "api": _("API"),
    "units": _("units"),
    "employees": _("employees"),
    "hr": _("HR coordinator"),
    "admin": _("organisation admin"),
}
