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
}
