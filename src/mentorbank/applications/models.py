from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentorbank.organisations.models import Employee
from mentorbank.programmes.models import Competence, Programme, Theme

# The short values-and-reflection questionnaire (the committee checks that
# values and reflectiveness meet). Answers 1 (disagree) – 5 (agree).
VALUE_STATEMENTS = [
    ("listening", _("I would rather listen and ask than give ready answers.")),
    ("reflection", _("I often stop to think about why I work the way I do.")),
    ("openness", _("I talk openly about my mistakes and what I learned from them.")),
    ("change", _("I see changes at work more as opportunities than as threats.")),
    ("wellbeing", _("Coping and wellbeing at work are as important to me as results.")),
    ("structure", _("I like to agree on clear goals and a schedule.")),
]


class ApplicationQuerySet(models.QuerySet["Application"]):
    def active(self) -> "ApplicationQuerySet":
        return self.filter(withdrawn_at__isnull=True)

    def awaiting_supervisor(self, supervisor: Employee) -> "ApplicationQuerySet":
        return self.active().filter(employee__supervisor=supervisor, supervisor_decision=Application.PENDING)


class Application(models.Model):
    """An employee's application to a programme as a mentor, a mentee or both."""

    MENTOR, MENTEE, BOTH = "mentor", "mentee", "both"
    ROLES = [(MENTEE, _("Mentee")), (MENTOR, _("Mentor")), (BOTH, _("Both mentor and mentee"))]
    CAREER_STAGES = [
        ("new", _("New in the job")),
        ("early", _("Early career")),
        ("mid", _("Mid career")),
        ("senior", _("Long experience")),
        ("retiring", _("Retiring in a few years")),
    ]
    MEETING_MODES = [("in_person", _("In person")), ("remote", _("Remote")), ("either", _("Either"))]
    CROSS_UNIT = [
        ("same", _("I prefer a mentor from my own unit or profession")),
        ("fine", _("A mentor from another unit or profession is fine")),
        ("preferred", _("I prefer a mentor from another unit or profession")),
    ]
    PENDING, APPROVED, DECLINED, NOT_NEEDED = "pending", "approved", "declined", "not_needed"
    DECISIONS = [
        (PENDING, _("Waiting")),
        (APPROVED, _("Approved")),
        (DECLINED, _("Declined")),
        (NOT_NEEDED, _("Not needed")),
    ]

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="applications")
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="applications")
    role = models.CharField(_("I apply as"), max_length=10, choices=ROLES)
    goals = models.TextField(_("What I want from mentoring"), max_length=3000)
    themes = models.ManyToManyField(Theme, blank=True, related_name="applications", verbose_name=_("themes"))
    competences_offered = models.ManyToManyField(
        Competence, blank=True, related_name="offered_in", verbose_name=_("competences I can offer")
    )
    competences_sought = models.ManyToManyField(
        Competence, blank=True, related_name="sought_in", verbose_name=_("competences I am looking for")
    )
    experience_years = models.PositiveSmallIntegerField(_("years of work experience"), default=0)
    career_stage = models.CharField(_("career stage"), max_length=10, choices=CAREER_STAGES, default="mid")
    languages = models.JSONField(_("languages I can be mentored in"), default=list)
    meeting_mode = models.CharField(_("meetings"), max_length=10, choices=MEETING_MODES, default="either")
    location = models.CharField(_("where I work"), max_length=200, blank=True)
    interests = models.TextField(_("interests and hobbies"), max_length=1000, blank=True)
    values = models.JSONField(_("values and reflection"), default=dict)
    answers = models.JSONField(_("answers to the programme's own questions"), default=dict)
    cross_unit = models.CharField(_("mentor from another unit"), max_length=10, choices=CROSS_UNIT, default="fine")
    preferred_mentor = models.ForeignKey(
        Employee,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("a mentor I would like"),
    )
    excluded = models.ManyToManyField(
        Employee, blank=True, related_name="+", verbose_name=_("people I should not be matched with")
    )
    mentor_capacity = models.PositiveSmallIntegerField(_("how many mentees or groups I can take"), default=1)
    consent_at = models.DateTimeField(_("consent given"))
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    supervisor_decision = models.CharField(max_length=12, choices=DECISIONS, default=PENDING)
    supervisor_reason = models.TextField(blank=True, max_length=1000)
    supervisor_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    supervisor_decided_at = models.DateTimeField(null=True, blank=True)
    hr_decision = models.CharField(max_length=12, choices=DECISIONS, default=NOT_NEEDED)
    hr_reason = models.TextField(blank=True, max_length=1000)
    hr_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hr_decided_at = models.DateTimeField(null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        db_table = "programmes_application"  # the table it had when it lived in programmes
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "employee"], name="one_application_per_programme"),
        ]

    def __str__(self) -> str:
        return f"{self.employee} → {self.programme}"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def wants_to_mentor(self) -> bool:
        return self.role in (self.MENTOR, self.BOTH)

    @property
    def status(self) -> str:
        """One word for the applicant: withdrawn, declined, waiting or approved."""
        if self.is_withdrawn:
            return "withdrawn"
        decisions = {self.supervisor_decision, self.hr_decision}
        if self.DECLINED in decisions:
            return "declined"
        if self.PENDING in decisions:
            return "waiting"
        return "approved"


class ApplicationImport(models.Model):
    """An export of an external form tool, kept between the column mapping, preview and import."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="application_imports")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)
    filename = models.CharField(max_length=255)
    content = models.BinaryField(default=b"")
    mapping = models.JSONField(default=dict)
    # {"values": {target: {answer as written: value code}}, "items": {target: {name: "add" | "drop"}}}
    answers = models.JSONField(default=dict)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "programmes_applicationimport"  # the table it had when it lived in programmes
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.filename


class Announcement(models.Model):
    """An opened programme announced by e-mail to everyone eligible, once; sent in batches by a task
    that keeps its place (`cursor`: the last employee handled), so a retried task sends nobody twice."""

    programme = models.OneToOneField(Programme, on_delete=models.CASCADE, related_name="announcement")
    message = models.TextField(_("a word from the coordinator"), max_length=2000, blank=True)
    recipients = models.PositiveIntegerField(default=0)
    sent = models.PositiveIntegerField(default=0)
    cursor = models.BigIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.programme}: {self.sent}/{self.recipients}"


class NewStarterInvitation(models.Model):
    """The one e-mail a new employee gets inviting them to mentoring (sent by the scheduler)."""

    employee = models.OneToOneField(Employee, on_delete=models.CASCADE, related_name="mentoring_invitation")
    sent_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return str(self.employee)


class ImportMemory(models.Model):
    """How the last imported file of a programme was read (columns and answer words), offered again for
    the next file from the same form."""

    programme = models.OneToOneField(Programme, on_delete=models.CASCADE, related_name="import_memory")
    mapping = models.JSONField(default=dict)
    answers = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return str(self.programme)
